import { openDatabase } from './scripts/ingest/load/db';
import { ingestPaths } from './scripts/ingest/ingest';
import { recheckCrossYear } from './scripts/ingest/load/cross-year';
import { rmSync, readdirSync } from 'node:fs';
rmSync('/tmp/sb/m.duckdb', { force: true }); rmSync('/tmp/sb/m.duckdb.wal', { force: true });
const db = await openDatabase('/tmp/sb/m.duckdb');
await db.run(`SET memory_limit = '768MB'`);
const C = 'data/synth/units-all-years-2019-2023-seed-bench';
const dirs = readdirSync(C).filter((d) => /^\d+$/.test(d)).slice(0, Number(process.argv[2] ?? 4)).map((d) => `${C}/${d}`);
let last = 0;
const t0 = performance.now();
const mem = async () => {
  const m = process.memoryUsage();
  const d = (await db.runAndReadAll(`SELECT (sum(memory_usage_bytes)/1e6)::INT AS mb FROM duckdb_memory()`)).getRowsJS()[0][0];
  return `rss ${(m.rss / 1e6).toFixed(0)} maxrss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} heap ${(m.heapUsed / 1e6).toFixed(0)} duckdb ${d}`;
};
const s = await ingestPaths(db, dirs, (done, total) => {
  if (done - last < 10000 && done < total) return;
  last = done;
  mem().then((x) => console.log(`${done}/${total} ${((performance.now() - t0) / 1000).toFixed(0)}s ${x}`));
});
console.log('done', s.files, s.seconds, await mem());
console.log((await db.runAndReadAll(`SELECT tag, (memory_usage_bytes/1e6)::INT AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 1e6`)).getRowObjectsJson());
// the cross-year step alone, on every chain
await db.run('INSERT INTO cross_year_pending SELECT DISTINCT chain FROM reports WHERE chain IS NOT NULL');
const t1 = performance.now();
await recheckCrossYear(db);
console.log('cross-year all chains', ((performance.now() - t1) / 1000).toFixed(1), 's', await mem());
