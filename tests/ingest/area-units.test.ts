/**
 * The per-province and per-county unit counts the country's coverage grid and the picker read stay
 * equal to counting the current reports themselves, through an ingest, a supersession, a correction
 * and its revert, and when an older file gains them.
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { correctFigure, revertCorrection } from '../../scripts/ingest/load/corrections';
import { openDatabase } from '../../scripts/ingest/load/db';
import { ensureSchema } from '../../scripts/ingest/load/migrate';
import { balancedValues, reportFolderWriter } from '../support/report-text';
import { tempDir } from '../support/shared';

const COUNTS = `SELECT area, year, all_years, reports, units, failed, late, synthetic FROM area_units ORDER BY ALL`;

/** The same counts from the reports, area by area, without the table's code. */
const RECOUNTED = ['coalesce(left(jurisdiction_code, 2), \'unplaced\')', 'CASE WHEN length(jurisdiction_code) >= 6 THEN left(jurisdiction_code, 6) END']
  .flatMap((area) =>
    [true, false].map(
      (all) => `SELECT ${area} AS area, ${all ? 'NULL::INTEGER' : 'year'} AS year, ${all} AS all_years, count(*)::INTEGER AS reports,
        count(DISTINCT unit_key)::INTEGER AS units, count(DISTINCT CASE WHEN failed_checks > 0 THEN unit_key END)::INTEGER AS failed,
        count(DISTINCT CASE WHEN published > make_date(year + 1, 1, 31) THEN unit_key END)::INTEGER AS late, bool_and(synthetic) AS synthetic
      FROM current_reports WHERE ${area} IS NOT NULL GROUP BY 1, 2`,
    ),
  )
  .join(' UNION ALL ')
  .concat(' ORDER BY ALL');

const rows = async (db: DuckDBConnection, sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
const failedUnits = async (db: DuckDBConnection, area: string) =>
  Number((await db.runAndReadAll(`SELECT failed FROM area_units WHERE area = '${area}' AND all_years`)).getRowsJS()[0][0]);

describe('unit counts per area and year', () => {
  const dir = tempDir();
  let db: DuckDBConnection;
  const write = reportFolderWriter(dir);

  beforeAll(async () => {
    db = await openDatabase(join(dir, 'db.duckdb'));
  });

  it('are the reports counted by unit, after a first ingest into an empty file', async () => {
    const first = write('first', '蒋坝镇人民政府', '江苏省淮安市洪泽区蒋坝镇', 2022, balancedValues(10, 8, 1));
    write('first', '蒋坝镇人民政府', '江苏省淮安市洪泽区蒋坝镇', 2021, balancedValues(9, 8, 1));
    write('first', '金湖县人民政府', '江苏省淮安市金湖县', 2022, balancedValues(5, 5, 0));
    write('first', '红土崖镇人民政府', '吉林省白山市浑江区红土崖镇', 2022, balancedValues(3, 3, 0));
    write('first', '国家档案局', '本机关', 2022, balancedValues(2, 2, 0));
    expect((await ingestPaths(db, [first])).ingested).toBe(5);
    const counts = await rows(db, COUNTS);
    expect(counts).toEqual(await rows(db, RECOUNTED));
    // 蒋坝镇 reported two years: two reports, one unit over the years
    expect(counts).toContainEqual(expect.objectContaining({ area: '320813', year: null, all_years: true, reports: 2, units: 1 }));
    expect(counts).toContainEqual(expect.objectContaining({ area: '32', year: 2022, all_years: false, reports: 2, units: 2 }));
    expect(counts).toContainEqual(expect.objectContaining({ area: 'unplaced', all_years: true, units: 1 }));
    expect(await failedUnits(db, '32')).toBe(0);
  });

  it('follow a supersession that brings a failed check, in that province only', async () => {
    const wrong = { ...balancedValues(10, 8, 1), 'applications.total.total': 99 };
    expect((await ingestPaths(db, [write('second', '蒋坝镇人民政府', '江苏省淮安市洪泽区蒋坝镇', 2022, wrong)])).superseded).toBe(1);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
    expect(await failedUnits(db, '320813')).toBe(1);
    expect(await failedUnits(db, '32')).toBe(1);
    expect(await failedUnits(db, '22')).toBe(0);
  });

  it('follow a correction and its revert', async () => {
    const [{ id }] = (await rows(db, `SELECT id FROM current_reports WHERE organ = '蒋坝镇人民政府' AND year = 2022`)) as { id: number }[];
    const total = String(balancedValues(10, 8, 1)['applications.total.total']);
    const fixed = await correctFigure(db, { reportId: id, key: 'applications.total.total', value: total, who: '测试', reason: '按原件更正' });
    expect(await failedUnits(db, '320813')).toBe(0);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
    await revertCorrection(db, { id: fixed.id, who: '测试', reason: '撤销' });
    expect(await failedUnits(db, '320813')).toBe(1);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
  });

  it('are counted for a file made before they existed, when it is opened', async () => {
    const before = await rows(db, 'SELECT count(*)::INTEGER AS n FROM reports');
    await db.run('DROP TABLE area_units');
    await ensureSchema(db);
    expect((await rows(db, COUNTS)).length).toBeGreaterThan(0);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
    expect(await rows(db, 'SELECT count(*)::INTEGER AS n FROM reports')).toEqual(before);
  });
});
