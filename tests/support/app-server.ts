/**
 * The production server (server.ts) in this process, on a free loopback port, over a database file of
 * the test's own. Environment settings (tokens, upload limits) are applied before it starts.
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase } from '../../scripts/ingest/load/db';
import { startServer } from '../../server';
import { tempDir } from './shared';

export interface InProcessServer {
  url: string;
  dbPath: string;
  db: DuckDBConnection;
  close: () => Promise<void>;
}

export async function startInProcess(env: Record<string, string> = {}, options: { host?: string } = {}): Promise<InProcessServer> {
  const dbPath = join(tempDir(), 'nianbao.duckdb');
  Object.assign(process.env, { NIANBAO_DB: dbPath }, env);
  const db = await openDatabase(dbPath);
  const server = await startServer({ db: dbPath, port: 0, host: options.host ?? '127.0.0.1' });
  return { url: server.url, dbPath, db, close: server.close };
}

/** Rows of every table that holds data, to see that something changed nothing. */
export async function tableCounts(db: DuckDBConnection): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['reports', 'figures', 'checks', 'check_failures', 'report_values', 'incomplete_reports', 'cross_year_pending', 'prose_signatures', 'similarity_pending', 'similarity', 'similar_pairs']) {
    const [row] = (await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${t}`)).getRowObjectsJson() as { n: number }[];
    out[t] = row.n;
  }
  return out;
}
