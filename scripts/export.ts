/**
 * `npm run export -- --parquet DIR [--db PATH]`: every table as Parquet, partitioned by the report's
 * year (DIR/figures/year=2022/….parquet), so that the same SQL runs on any DuckDB engine over a
 * folder or object storage. README "Parquet export" says how to query it.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_DB, DatabaseLockedError, openDatabase } from './ingest/load/db';
import { liveServer } from './ingest/load/server-file';

/** Each exported table and the query that gives it its year. */
export const EXPORTS: readonly { table: string; sql: string; byYear: boolean }[] = [
  { table: 'reports', sql: 'SELECT * FROM reports', byYear: true },
  { table: 'figures', sql: 'SELECT f.*, r.year FROM figures f JOIN reports r ON r.id = f.report_id', byYear: true },
  { table: 'checks', sql: 'SELECT c.*, r.year FROM checks c JOIN reports r ON r.id = c.report_id', byYear: true },
  { table: 'report_values', sql: 'SELECT v.*, r.year FROM report_values v JOIN reports r ON r.id = v.report_id', byYear: true },
  { table: 'jurisdictions', sql: 'SELECT * FROM jurisdictions', byYear: false },
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

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--parquet');
  const dir = at >= 0 ? argv[at + 1] : undefined;
  const dbAt = argv.indexOf('--db');
  const dbPath = dbAt >= 0 ? argv[dbAt + 1] : (process.env.NIANBAO_DB ?? DEFAULT_DB);
  if (!dir || !dbPath) {
    process.stderr.write('usage: npm run export -- --parquet DIR [--db PATH]\n');
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
  const counts = await exportParquet(db, dir);
  process.stderr.write(`Exported to ${resolve(dir)}: ${Object.entries(counts).map(([t, n]) => `${t} ${n} rows`).join(', ')}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) process.exitCode = await main(process.argv.slice(2));
