import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it, vi } from 'vitest';
import { ROW_GROUP_SIZE, openDatabase } from '../../scripts/ingest/load/db';
import { tempDir } from '../support/shared';

/** Rows in each row group of a table's column `i`, in order. */
async function rowGroups(db: DuckDBConnection, table: string): Promise<number[]> {
  const result = await db.runAndReadAll(
    `SELECT sum(count)::INTEGER FROM pragma_storage_info('${table}') WHERE column_name = 'i' AND segment_type <> 'VALIDITY' GROUP BY row_group_id ORDER BY row_group_id`,
  );
  return result.getRowsJS().map(([n]) => Number(n));
}

describe('opening a database file', () => {
  it('writes row groups of ROW_GROUP_SIZE rows, so that a checkpoint rewrites at most that many reports', async () => {
    const db = await openDatabase(join(tempDir(), 'db.duckdb'));
    await db.run('CREATE TABLE t AS SELECT range::INTEGER AS i FROM range(40000)');
    await db.run('CHECKPOINT');
    expect(ROW_GROUP_SIZE).toBeLessThan(40000 / 2);
    expect(await rowGroups(db, 't')).toEqual([ROW_GROUP_SIZE, ROW_GROUP_SIZE, 40000 - 2 * ROW_GROUP_SIZE]);
  });

  it('keeps the rows of a file written with DuckDB’s own row groups, and adds small ones after them', async () => {
    const path = join(tempDir(), 'older.duckdb');
    const plain = await DuckDBInstance.create(path);
    const old = await plain.connect();
    await old.run('CREATE TABLE t AS SELECT range::INTEGER AS i FROM range(20000)');
    old.closeSync();
    plain.closeSync();

    const db = await openDatabase(path);
    await db.run('INSERT INTO t SELECT range::INTEGER FROM range(20000, 40000)');
    await db.run('CHECKPOINT');
    const [[count, sum]] = (await db.runAndReadAll('SELECT count(*)::INTEGER, sum(i)::BIGINT FROM t')).getRowsJS();
    expect([Number(count), Number(sum)]).toEqual([40000, (39999 * 40000) / 2]);
    expect(await rowGroups(db, 't')).toEqual([20000, ROW_GROUP_SIZE, 20000 - ROW_GROUP_SIZE]);
  });

  it('hands every caller in the process the same file, a second copy of the module too: one sees what the other committed', async () => {
    const path = join(tempDir(), 'shared.duckdb');
    const a = await openDatabase(path);
    vi.resetModules();
    const reloaded = (await import('../../scripts/ingest/load/db')).openDatabase;
    expect(reloaded).not.toBe(openDatabase);
    const b = await reloaded(path);
    await a.run('CREATE TABLE t AS SELECT 7 AS i');
    expect((await b.runAndReadAll('SELECT i FROM t')).getRowsJS()).toEqual([[7]]);
  });
});
