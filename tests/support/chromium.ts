/** Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Whether the browser is installed; says so loudly when not, naming the tests that will not run. */
export function hasChromium(tests: string): boolean {
  const present = existsSync(CHROMIUM);
  if (!present) console.warn(`SKIPPED: ${CHROMIUM} is absent (scripts/ensure-system-deps.sh installs it) — ${tests} do not run`);
  return present;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
