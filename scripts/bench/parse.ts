/**
 * `npm run bench:parse`: text parsing speed on one core (target ≥ 2,000 reports/s), over the real
 * texts of tests/fixtures and, when present, ../shared. Prints a table, or one JSON line with --json.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseReport } from '../ingest/parse/index';

const dirs = ['tests/fixtures', 'tests/fixtures/meta', '../shared/fixtures', '../shared/fixtures/pages'].filter(existsSync);
const texts = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => /\.txt$/.test(f))
    .map((f) => readFileSync(path.join(d, f), 'utf8')),
);
const seed = readFileSync('tests/fixtures/hongtuya-2022.txt', 'utf8');

function measure(docs: string[], seconds: number): { reports: number; perSecond: number; msEach: number } {
  for (const d of docs) parseReport(d);
  let reports = 0;
  // CPU time, not wall time: the figure is per core and should not move with other load.
  const cpu = process.cpuUsage();
  const cpuMs = () => {
    const u = process.cpuUsage(cpu);
    return (u.user + u.system) / 1000;
  };
  while (cpuMs() < seconds * 1000) {
    for (const d of docs) parseReport(d);
    reports += docs.length;
  }
  const ms = cpuMs();
  return { reports, perSecond: Math.round((reports / ms) * 1000), msEach: ms / reports };
}

const runs = { seed: measure([seed], 3), mixed: measure(texts, 3) };
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ texts: texts.length, ...runs })}\n`);
} else {
  console.log(`text parsing on one core (${texts.length} real texts in the mixed set)`);
  for (const [name, r] of Object.entries(runs)) console.log(`  ${name.padEnd(6)} ${String(r.perSecond).padStart(6)} reports/s  ${r.msEach.toFixed(3)} ms each`);
}
