import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../support/shared';

const dir = tempDir();
process.env.NIANBAO_DB = join(dir, 'test.duckdb');
const { db, query } = await import('../../app/models/db.server');
const { getReport, listReports } = await import('../../app/models/reports.server');
const { LIST_DEFAULTS } = await import('../../app/lib/view-state');
const { ingestPaths } = await import('../../scripts/ingest/ingest');

const expected = JSON.parse(readFileSync(fixture('hongtuya-2022.expected.json'), 'utf8'));

describe('ingesting the seed into a DuckDB file and reading it back through the data layer', () => {
  const reports = join(dir, 'reports');
  beforeAll(async () => {
    await import('node:fs').then((fs) => fs.mkdirSync(reports));
    copyFileSync(fixture('hongtuya-2022.txt'), join(reports, 'hongtuya-2022.txt'));
  });

  it('writes the report with every figure and check', async () => {
    const summary = await ingestPaths(await db(), [reports]);
    expect(summary).toMatchObject({ files: 1, ingested: 1, failed: 0 });
    const list = (await listReports(LIST_DEFAULTS)).rows;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ jurisdiction_name: '红土崖镇', year: 2022, template: '2021', failed_checks: 0 });
    expect(list[0].values['applications.received_new.total']).toBe(0);

    const page = (await getReport(list[0].id))!;
    expect(page.report).toMatchObject({ organ: '红土崖镇人民政府', jurisdiction_code: '220602102', county: '浑江区', city: '白山市', province: '吉林省' });
    const value = (tbl: string, row: string, col: string | null) =>
      page.figures.find((f) => f.tbl === tbl && f.row_key === row && f.col_key === col)?.value;
    for (const [k, v] of Object.entries(expected.active)) expect(value('active', k, null)).toBe(v);
    for (const [row, cols] of Object.entries(expected.applications as Record<string, Record<string, number | null>>)) {
      for (const [col, v] of Object.entries(cols)) expect(value('applications', row, col)).toBe(v);
    }
    for (const [k, v] of Object.entries(expected.review)) expect(value('review', k, null)).toBe(v);
    expect(page.figures).toHaveLength(10 + 25 * 7 + 15);
    expect(page.checks.length).toBe(42);
  });

  it('gives the wide shape the charts query: one row per report, one column per key', async () => {
    const [row] = await query<Record<string, number | null>>(
      'SELECT "active.rules.issued", "applications.denied.state_secret.commercial", "applications.granted.total", "review.litigation_after_review.total", "active.rules.new_made" FROM report_values',
    );
    expect(row).toEqual({
      'active.rules.issued': 0,
      'applications.denied.state_secret.commercial': null,
      'applications.granted.total': 0,
      'review.litigation_after_review.total': 0,
      'active.rules.new_made': null,
    });
  });

  it('keeps a blank cell NULL with the place it came from, never 0', async () => {
    const [blank] = await query<{ value: number | null; raw: string; start_pos: number; source: string }>(
      `SELECT f.value, f.raw, f.start_pos, r.source_text AS source FROM figures f JOIN reports r ON r.id = f.report_id
       WHERE f.row_key = 'denied.state_secret' AND f.col_key = 'commercial'`,
    );
    expect(blank.value).toBeNull();
    expect(blank.raw).toBe('');
    expect(blank.source.slice(blank.start_pos - 4, blank.start_pos + 1)).toBe('0 |\n|');
  });

  it('skips an unchanged file and supersedes an older version of the same report', async () => {
    const again = await ingestPaths(await db(), [reports]);
    expect(again).toMatchObject({ ingested: 0, unchanged: 1 });
    const edited = readFileSync(fixture('hongtuya-2022.txt'), 'utf8').replace('无其他报告事项', '无其他需要报告的事项');
    writeFileSync(join(reports, 'hongtuya-2022-v2.txt'), edited);
    const third = await ingestPaths(await db(), [reports]);
    expect(third).toMatchObject({ unchanged: 1, superseded: 1 });
    expect((await listReports(LIST_DEFAULTS)).rows).toHaveLength(1);
    const [{ n }] = await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM reports');
    expect(n).toBe(2);
  });

  it('reports a file it cannot read as failed and writes nothing for it', async () => {
    writeFileSync(join(reports, 'empty.txt'), '');
    const summary = await ingestPaths(await db(), [join(reports, 'empty.txt')]);
    expect(summary.failed).toBe(1);
    expect(summary.results[0].error).toMatch(/empty/i);
    const [{ n }] = await query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM reports WHERE source_path LIKE '%empty.txt'");
    expect(n).toBe(0);
  });
});
