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

/**
 * Page queries take turns over a few connections of the one instance: a connection runs one query
 * at a time, so with a single one every visitor waits for every other visitor's queries.
 */
const READERS = 4;
const readers: Promise<DuckDBConnection>[] = [];
let turn = 0;

function reader(): Promise<DuckDBConnection> {
  const i = turn++ % READERS;
  readers[i] ??= i === 0 ? db() : db().then(() => openDatabase(databasePath()));
  return readers[i];
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
  const result = await (await reader()).runAndReadAll(sql, values as never, types);
  return result.getRowObjectsJson() as T[];
}

/**
 * What changes whenever the data does: an ingest adds reports, figures and checks; a supersession adds
 * a report; a correction by hand adds a correction. Cheap (row counts come from DuckDB's metadata).
 */
let versionReading: Promise<string> | null = null;

function dataVersion(): Promise<string> {
  // a page's loader asks for several cached results at once: they share one reading
  versionReading ??= readDataVersion().finally(() => (versionReading = null));
  return versionReading;
}

async function readDataVersion(): Promise<string> {
  const [v] = await query<{ v: string }>(
    `SELECT concat_ws('/', (SELECT count(*) FROM reports), (SELECT max(id) FROM reports), (SELECT count(*) FROM figures),
       (SELECT count(*) FROM checks), (SELECT count(*) FROM reports WHERE superseded_by IS NOT NULL), (SELECT count(*) FROM corrections)) AS v`,
  );
  return v.v;
}

const memo = new Map<string, Promise<unknown>>();
const MEMO_SIZE = 200;

/**
 * National aggregates (overview, quality) take a scan of every figure; they are kept until the data
 * changes, so that a page is slow once after an ingest, not on every visit.
 */
export async function cached<T>(name: string, args: unknown, compute: () => Promise<T>): Promise<T> {
  const key = `${name}|${JSON.stringify(args)}|${await dataVersion()}`;
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = compute();
    memo.set(key, hit);
    hit.catch(() => memo.delete(key));
    if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  }
  return hit;
}
