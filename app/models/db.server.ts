/** The one DuckDB connection of the server process. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_DB, openDatabase } from '../../scripts/ingest/load/db';

declare global {
  // eslint-disable-next-line no-var
  var __nianbaoDb: Promise<DuckDBConnection> | undefined;
}

export function databasePath(): string {
  return process.env.NIANBAO_DB ?? DEFAULT_DB;
}

export function db(): Promise<DuckDBConnection> {
  globalThis.__nianbaoDb ??= openDatabase(databasePath());
  return globalThis.__nianbaoDb;
}

/** Rows as plain JSON-safe objects (BIGINT and DATE arrive as JS objects otherwise). */
export async function query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const reader = await (await db()).runAndReadAll(sql, params as never);
  return reader.getRowObjectsJson() as T[];
}
