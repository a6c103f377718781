/**
 * `npm run export -- --parquet DIR [--db PATH]`: every table as Parquet, partitioned by the report's
 * year (DIR/figures/year=2022/….parquet), and the small tables (jurisdictions, corrections by hand)
 * as one file each, so that the same SQL runs on any DuckDB engine over a
 * folder or object storage. README "Parquet export" says how to query it.
 * `npm run export -- --csv|--xlsx|--jsonl FILE [--labels] [--db PATH]`: every current report in the
 * structured template (structured/template.ts), which `npm run ingest` reads back unchanged.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_DB, DatabaseLockedError, openDatabase } from './ingest/load/db';
import { liveServer } from './ingest/load/server-file';
import { currentReportIds, exportedReports, writeExport, type ExportFormat } from './ingest/structured/export';

/** Each exported table and the query that gives it its year. */
export const EXPORTS: readonly { table: string; sql: string; byYear: boolean }[] = [
  { table: 'reports', sql: 'SELECT * FROM reports', byYear: true },
  { table: 'figures', sql: 'SELECT f.*, r.year FROM figures f JOIN reports r ON r.id = f.report_id', byYear: true },
  { table: 'checks', sql: 'SELECT c.*, r.year FROM checks c JOIN reports r ON r.id = c.report_id', byYear: true },
  { table: 'report_values', sql: 'SELECT v.*, r.year FROM report_values v JOIN reports r ON r.id = v.report_id', byYear: true },
  { table: 'jurisdictions', sql: 'SELECT * FROM jurisdictions', byYear: false },
  // Corrections by hand are few: one file, each row with its report's year.
  { table: 'corrections', sql: 'SELECT c.*, r.year FROM corrections c JOIN reports r ON r.id = c.report_id', byYear: false },
];

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function exportParquet(db: DuckDBConnection, dir: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  mkdirSync(dir, { recursive: true });
  for (const e of EXPORTS) {
    const target = resolve(dir, e.byYear ? e.table : `${e.table}.parquet`);
    const options = e.byYear ? 'FORMAT parquet, PARTITION_BY (year), OVERWRITE' : 'FORMAT parquet';
    const reader = await db.runAndReadAll(`COPY (${e.sql} ORDER BY 1) TO ${quote(target)} (${options}, COMPRESSION zstd)`);
    counts[e.table] = Number(reader.getRowsJS()[0]?.[0] ?? 0);
  }
  return counts;
}

/** Every current report into FILE in the template; resolves with how many. */
export async function exportTemplate(db: DuckDBConnection, format: ExportFormat, file: string, labels = false): Promise<number> {
  const out = createWriteStream(file);
  const done = new Promise<void>((resolveDone, fail) => {
    out.on('close', resolveDone);
    out.on('error', fail);
  });
  const n = await writeExport(exportedReports(db, await currentReportIds(db)), format, out, labels ? 'labels' : 'keys');
  await done;
  return n;
}

const TEMPLATE_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'jsonl'];

async function main(argv: string[]): Promise<number> {
  const flag = ['parquet', ...TEMPLATE_FORMATS].find((f) => argv.includes(`--${f}`));
  const target = flag ? argv[argv.indexOf(`--${flag}`) + 1] : undefined;
  const dbAt = argv.indexOf('--db');
  const dbPath = dbAt >= 0 ? argv[dbAt + 1] : (process.env.NIANBAO_DB ?? DEFAULT_DB);
  if (!flag || !target || target.startsWith('--') || !dbPath) {
    process.stderr.write('usage: npm run export -- --parquet DIR | --csv FILE | --xlsx FILE | --jsonl FILE [--labels] [--db PATH]\n');
    return 2;
  }
  const server = await liveServer(dbPath);
  if (server) {
    process.stderr.write(`The server at ${server.url} (pid ${server.pid}) holds ${resolve(dbPath)}; stop it (Ctrl-C in its terminal) and export again. 服务器正在使用该数据库，请先停止服务器。\n`);
    return 3;
  }
  let db;
  try {
    db = await openDatabase(dbPath);
  } catch (err) {
    if (!(err instanceof DatabaseLockedError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 3;
  }
  if (flag !== 'parquet') {
    const n = await exportTemplate(db, flag as ExportFormat, target, argv.includes('--labels'));
    process.stderr.write(`Exported ${n} reports to ${resolve(target)}\n`);
    return 0;
  }
  const counts = await exportParquet(db, target);
  process.stderr.write(`Exported to ${resolve(target)}: ${Object.entries(counts).map(([t, n]) => `${t} ${n} rows`).join(', ')}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) process.exitCode = await main(process.argv.slice(2));
