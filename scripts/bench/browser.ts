/**
 * `npm run bench:browser [-- --units 50 --runs 5 --json]`: the comparison page for 50 townships ×
 * 2019–2023 in Debian's Chromium, as a supervisor opens it: time until the charts in the window are
 * drawn and the main thread's long tasks (> 50 ms, what a user feels as jank) meanwhile, by wall time
 * (the browser's `longtask` entries) and by CPU time (a trace); the same while scrolling through every
 * chart, and for the absolute/percent toggle.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/chromium';
import { startServer, stopServer } from '../../tests/support/server';
import { unitFiles } from '../ingest/synth/corpus';
import { loadUnits, type Unit } from '../ingest/synth/divisions';

const YEARS = [2019, 2020, 2021, 2022, 2023];

/** The townships of the county with the most of them: a real supervisor's set. */
function busiestCounty(count: number): Unit[] {
  const byCounty = new Map<string, Unit[]>();
  for (const u of loadUnits()) byCounty.set(u.areaCode, [...(byCounty.get(u.areaCode) ?? []), u]);
  const [units] = [...byCounty.values()].sort((a, b) => b.length - a.length);
  if (units.length < count) throw new Error(`no county has ${count} townships (the most is ${units.length})`);
  return units.slice(0, count);
}

async function buildDatabase(units: Unit[], dir: string): Promise<string> {
  const files = join(dir, 'reports');
  for (const f of units.flatMap((u) => unitFiles(u, YEARS, 'bench-browser'))) {
    const path = join(files, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.bytes);
  }
  const dbPath = join(dir, 'bench.duckdb');
  // in its own process, as a user runs it: the server must be the only one to open the file afterwards
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/ingest/cli.ts', files, '--db', dbPath, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return dbPath;
}

interface Sample {
  drawn_ms: number;
  long_tasks: number;
  longest_task_ms: number;
  blocked_ms: number;
  /** the same tasks by the main thread's CPU time: what the page costs, whatever else the machine runs */
  cpu_long_tasks: number;
  longest_task_cpu_ms: number;
}

/**
 * The renderer main thread's tasks, from a trace: wall time and thread (CPU) time of each. On a
 * shared machine a task waits for a core, and its wall time (what `longtask` reports) grows with the
 * load; its CPU time does not.
 */
async function tracedTasks(browser: Browser, page: Page, run: () => Promise<void>): Promise<{ wall: number; cpu: number }[]> {
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
  await run();
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 }));
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Long tasks since the page began, as the browser's own PerformanceObserver saw them. */
const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });`;

/**
 * The charts in the window drawn with the page's current data: every ECharts surface (a whole chart,
 * or a small multiple's head, plot or foot) that the window shows — what the user sees.
 */
async function visibleChartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const seen = [...document.querySelectorAll('.chart-surface')].filter((s) => {
        const r = s.getBoundingClientRect();
        return r.top < window.innerHeight && r.bottom > 0;
      });
      return seen.length > 0 && seen.every((s) => s.getAttribute('data-drawn') === '1');
    },
    undefined,
    { timeout: 60_000 },
  );
}

/** Scrolls down the page a window at a time, as a reader does, until every chart is drawn. */
async function scrollThrough(page: Page): Promise<void> {
  for (;;) {
    const more = await page.evaluate(() => {
      const end = document.documentElement.scrollHeight - window.innerHeight;
      if (window.scrollY >= end) return false;
      window.scrollBy(0, window.innerHeight);
      return true;
    });
    await visibleChartsDrawn(page);
    if (!more) break;
  }
  await page.waitForFunction(() => [...document.querySelectorAll('figure.chart')].every((f) => f.getAttribute('data-ready') === '1'), undefined, { timeout: 60_000 });
}

async function sample(browser: Browser, page: Page, act: () => Promise<void>, done: () => Promise<void>): Promise<Sample> {
  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
  let drawn = 0;
  const traced = await tracedTasks(browser, page, async () => {
    const t = performance.now();
    await act();
    await done();
    drawn = performance.now() - t;
    // long tasks are reported after they end; give the observer a frame to deliver the last one
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  });
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const cpu = traced.map((t) => t.cpu).filter((c) => c > 50);
  return {
    drawn_ms: Math.round(drawn),
    long_tasks: tasks.length,
    longest_task_ms: Math.round(Math.max(0, ...tasks)),
    blocked_ms: Math.round(tasks.reduce((s, d) => s + Math.max(0, d - 50), 0)),
    cpu_long_tasks: cpu.length,
    longest_task_cpu_ms: Math.round(Math.max(0, ...traced.map((t) => t.cpu))),
  };
}

function median(samples: Sample[]): Sample {
  const mid = (k: keyof Sample) => samples.map((s) => s[k]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return {
    drawn_ms: mid('drawn_ms'),
    long_tasks: mid('long_tasks'),
    longest_task_ms: mid('longest_task_ms'),
    blocked_ms: mid('blocked_ms'),
    cpu_long_tasks: mid('cpu_long_tasks'),
    longest_task_cpu_ms: mid('longest_task_cpu_ms'),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { units: { type: 'string', default: '50' }, runs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } });
  const units = busiestCounty(Number(values.units));
  const work = mkdtempSync(join(tmpdir(), 'nianbao-bench-browser-'));
  try {
    process.stderr.write(`Writing and ingesting ${units.length} townships of ${units[0].county} × ${YEARS.length} years…\n`);
    const dbPath = await buildDatabase(units, work);
    const server = await startServer(dbPath, join(work, 'demo'), { NIANBAO_DEMO: '0' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript(OBSERVE_LONG_TASKS);
      const url = `${server.url}/compare?u=${units.map((u) => u.code).join(',')}&y=${YEARS[0]}-${YEARS.at(-1)}`;
      const load: Sample[] = [];
      const scroll: Sample[] = [];
      const toggle: Sample[] = [];
      for (let i = 0; i < Number(values.runs); i++) {
        load.push(await sample(browser, page, async () => void (await page.goto(url)), () => visibleChartsDrawn(page)));
        scroll.push(await sample(browser, page, () => scrollThrough(page), async () => {}));
        await page.evaluate(() => window.scrollTo(0, 0));
        toggle.push(
          await sample(
            browser,
            page,
            () => page.getByLabel('构成显示为百分比').click(),
            async () => {
              await page.waitForURL(/pct=1/);
              // the controlled checkbox turns with the page's new data: the charts have their new options
              await page.locator('label.toggle:has-text("构成显示为百分比") input:checked').waitFor();
              await visibleChartsDrawn(page);
            },
          ),
        );
      }
      const charts = await page.$$eval('figure.chart', (f) => f.length);
      const result = { units: units.length, years: YEARS.length, charts, runs: load.length, load: median(load), scroll_through: median(scroll), toggle_percent: median(toggle) };
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        const row = (name: string, s: Sample) =>
          `${name.padEnd(16)}${String(s.drawn_ms).padStart(10)}${String(s.long_tasks).padStart(12)}${String(s.longest_task_ms).padStart(14)}${String(s.blocked_ms).padStart(12)}${String(s.cpu_long_tasks).padStart(16)}${String(s.longest_task_cpu_ms).padStart(14)}`;
        process.stdout.write(
          [
            `${result.units} units × ${result.years} years, ${charts} charts, median of ${result.runs} runs`,
            `${'action'.padEnd(16)}${'drawn ms'.padStart(10)}${'long tasks'.padStart(12)}${'longest ms'.padStart(14)}${'blocked ms'.padStart(12)}${'CPU long tasks'.padStart(16)}${'longest CPU'.padStart(14)}`,
            row('open the page', result.load),
            row('scroll through', result.scroll_through),
            row('toggle percent', result.toggle_percent),
          ].join('\n') + '\n',
        );
      }
    } finally {
      await browser.close();
      await stopServer(server.child);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
