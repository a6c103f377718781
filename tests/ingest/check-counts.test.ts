/**
 * The per-county check counts the quality page reads stay equal to counting the checks themselves,
 * through an ingest, a supersession, a correction and its revert, and when an older file gains them.
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { correctFigure, revertCorrection } from '../../scripts/ingest/load/corrections';
import { openDatabase } from '../../scripts/ingest/load/db';
import { balancedValues, reportFolderWriter } from '../support/report-text';
import { tempDir } from '../support/shared';

const COUNTS = `SELECT area, year, rule, checked, failed, assumed FROM check_counts ORDER BY ALL`;
const RECOUNTED = `SELECT coalesce(left(r.jurisdiction_code, 6), '') AS area, r.year, c.rule::VARCHAR AS rule, count(*)::INTEGER AS checked,
    count(*) FILTER (WHERE NOT c.ok)::INTEGER AS failed, count(*) FILTER (WHERE NOT c.ok AND c.assumed_blank_zero)::INTEGER AS assumed
  FROM checks c JOIN current_reports r ON r.id = c.report_id WHERE NOT starts_with(c.rule::VARCHAR, 'cross_year.')
  GROUP BY ALL ORDER BY ALL`;

const rows = async (db: DuckDBConnection, sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
const failedIn = async (db: DuckDBConnection, area: string) =>
  Number((await db.runAndReadAll(`SELECT coalesce(sum(failed), 0)::INTEGER FROM check_counts WHERE area = '${area}'`)).getRowsJS()[0][0]);

describe('check counts per county and year', () => {
  const dir = tempDir();
  let db: DuckDBConnection;
  const write = reportFolderWriter(dir);

  beforeAll(async () => {
    db = await openDatabase(join(dir, 'db.duckdb'));
  });

  it('are the checks counted, after a first ingest into an empty file', async () => {
    const first = write('first', '蒋坝镇人民政府', '江苏省淮安市洪泽区蒋坝镇', 2022, balancedValues(10, 8, 1));
    write('first', '金湖县人民政府', '江苏省淮安市金湖县', 2022, balancedValues(5, 5, 0));
    expect((await ingestPaths(db, [first])).ingested).toBe(2);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
    expect(await failedIn(db, '320813')).toBe(0);
  });

  it('follow a supersession that brings a failed check, in that county only', async () => {
    const wrong = { ...balancedValues(10, 8, 1), 'applications.total.total': 99 };
    expect((await ingestPaths(db, [write('second', '蒋坝镇人民政府', '江苏省淮安市洪泽区蒋坝镇', 2022, wrong)])).superseded).toBe(1);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
    expect(await failedIn(db, '320813')).toBeGreaterThan(0);
    expect(await failedIn(db, '320831')).toBe(0);
  });

  it('follow a correction and its revert', async () => {
    const [{ id }] = (await rows(db, `SELECT id FROM current_reports WHERE organ = '蒋坝镇人民政府'`)) as { id: number }[];
    const fixed = await correctFigure(db, { reportId: id, key: 'applications.total.total', value: String(balancedValues(10, 8, 1)['applications.total.total']), who: '测试', reason: '按原件更正' });
    expect(await failedIn(db, '320813')).toBe(0);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
    await revertCorrection(db, { id: fixed.id, who: '测试', reason: '撤销' });
    expect(await failedIn(db, '320813')).toBeGreaterThan(0);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
  });

  it('are counted for a file made before they existed, when it is opened', async () => {
    await db.run('DROP TABLE check_counts');
    const { ensureSchema } = await import('../../scripts/ingest/load/migrate');
    await ensureSchema(db);
    expect((await rows(db, COUNTS)).length).toBeGreaterThan(0);
    expect(await rows(db, COUNTS)).toEqual(await rows(db, RECOUNTED));
  });
});
