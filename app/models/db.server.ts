/** The one DuckDB connection of the server process. */
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
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

export type Param = string | number | boolean | null | string[];

/** Bound parameters; a string array binds as VARCHAR[] (for `IN (SELECT unnest($list))`). */
function bind(params: Record<string, Param>): { values: Record<string, unknown>; types: Record<string, DuckDBType> } {
  const values: Record<string, unknown> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) {
      values[k] = listValue(v);
      types[k] = LIST(VARCHAR);
    } else values[k] = v;
  }
  return { values, types };
}

/** Rows as plain JSON-safe objects (BIGINT and DATE arrive as JS objects otherwise). */
export async function query<T>(sql: string, params: Record<string, Param> = {}): Promise<T[]> {
  const { values, types } = bind(params);
  const reader = await (await db()).runAndReadAll(sql, values as never, types);
  return reader.getRowObjectsJson() as T[];
}

/**
 * Rows in chunks as DuckDB produces them, for exports that must not hold every row at once. The SQL
 * must select only VARCHAR, INTEGER, DOUBLE and BOOLEAN columns (they arrive as plain JS values).
 */
export async function* streamRows<T>(sql: string, params: Record<string, Param> = {}): AsyncGenerator<T[]> {
  const { values, types } = bind(params);
  const result = await (await db()).stream(sql, values as never, types);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    yield chunk.getRowObjects(result.deduplicatedColumnNames()) as T[];
  }
}
