/**
 * The stored unit key (`reports.unit_key`) is its one SQL definition for every kind of report — a
 * coded jurisdiction, a department, an organ no division was found for, a report naming no one —
 * when written, and when a file made before the column existed is opened.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { openDatabase } from '../../scripts/ingest/load/db';
import { ensureSchema } from '../../scripts/ingest/load/migrate';
import { UNIT_KEY_SQL } from '../../scripts/ingest/load/unit-key';
import { balancedValues, renderReport } from '../support/report-text';
import { tempDir } from '../support/shared';

const rows = async (db: DuckDBConnection, sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
const KEYS = `SELECT id, organ, jurisdiction_code AS code, jurisdiction_level AS level, unit_key, ${UNIT_KEY_SQL} AS defined FROM reports ORDER BY id`;

const REPORTS = [
  { organ: '蒋坝镇人民政府', place: '江苏省淮安市洪泽区蒋坝镇' },
  { organ: '淮安市洪泽区财政局', place: '江苏省淮安市洪泽区' },
  { organ: '国家档案局', place: '本机关' },
  { organ: '', place: '本单位' },
];

async function ingestKinds(dir: string, db: DuckDBConnection): Promise<void> {
  const files = REPORTS.map(({ organ, place }, i) => {
    const file = join(dir, `report-${i}.txt`);
    writeFileSync(file, renderReport({ organ, place, year: 2022, format: '2021', values: balancedValues(10, 8, 1) }));
    return file;
  });
  expect(await ingestPaths(db, files)).toMatchObject({ ingested: REPORTS.length, failed: 0 });
}

describe('the stored unit key', () => {
  const dir = tempDir();
  let db: DuckDBConnection;

  beforeAll(async () => {
    db = await openDatabase(join(dir, 'db.duckdb'));
    await ingestKinds(dir, db);
  }, 60_000);

  it('is the definition for a coded jurisdiction, a department, an organ without a division and a report naming no one', async () => {
    const keys = (await rows(db, KEYS)) as { id: number; organ: string | null; code: string | null; level: string | null; unit_key: string; defined: string }[];
    expect(keys.map((k) => k.unit_key)).toEqual(keys.map((k) => k.defined));
    const kinds = keys.map((k) => (k.unit_key === k.code ? 'code' : k.unit_key === `r:${k.id}` ? 'report' : k.unit_key.startsWith('o:') ? (k.code ? 'department' : 'organ') : '?'));
    expect(kinds).toEqual(['code', 'department', 'organ', 'report']);
    expect(keys[0].unit_key).toBe('320813101');
    expect(keys[1]).toMatchObject({ level: '部门', code: expect.stringMatching(/^320813/), unit_key: 'o:洪泽区财政局' });
    expect(keys[2]).toMatchObject({ code: null, unit_key: 'o:国家档案局' });
    expect(keys[3].organ).toBeNull();
  });

  it('is filled for every report of a file made before it was stored, when the file is opened', async () => {
    const path = join(tempDir(), 'old.duckdb');
    const oldInstance = await DuckDBInstance.create(path);
    const old = await oldInstance.connect();
    await ensureSchema(old);
    await ingestKinds(dir, old);
    await old.run('DROP VIEW current_reports');
    await old.run('ALTER TABLE reports DROP COLUMN unit_key');
    const before = await rows(old, 'SELECT * FROM reports ORDER BY id');
    old.closeSync();
    oldInstance.closeSync();

    const db = await (await DuckDBInstance.create(path)).connect();
    await ensureSchema(db);
    const keys = (await rows(db, KEYS)) as { unit_key: string | null; defined: string }[];
    expect(keys).toHaveLength(REPORTS.length);
    expect(keys.every((k) => k.unit_key !== null && k.unit_key === k.defined)).toBe(true);
    expect(await rows(db, 'SELECT * EXCLUDE (unit_key) FROM reports ORDER BY id')).toEqual(before);
    expect(await rows(db, 'SELECT count(*)::INTEGER AS n FROM current_reports WHERE unit_key IS NOT NULL')).toEqual([{ n: REPORTS.length }]);
  }, 60_000);
});
