/** Opening the DuckDB file: one instance per file per process (two would not see each other's writes). */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SCHEMA_SQL, WIDE_VIEW_SQL } from './schema';

export const DEFAULT_DB = 'data/nianbao.duckdb';

export async function openDatabase(path: string = DEFAULT_DB): Promise<DuckDBConnection> {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const instance = await DuckDBInstance.fromCache(file);
  const connection = await instance.connect();
  await connection.run(SCHEMA_SQL);
  await connection.run(WIDE_VIEW_SQL);
  return connection;
}
