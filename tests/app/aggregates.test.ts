import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedVariant } from '../support/seed-variant';
import { tempDir } from '../support/shared';

const dir = tempDir();
process.env.NIANBAO_DB = join(dir, 'test.duckdb');
const { db, query } = await import('../../app/models/db.server');
const { listReports } = await import('../../app/models/reports.server');
const { parseList } = await import('../../app/lib/view-state');
const agg = await import('../../app/models/aggregates.server');
const { ingestPaths } = await import('../../scripts/ingest/ingest');

const COUNTY = '220602'; // 浑江区, where 红土崖镇 is

describe('the dashboard queries over several years of one township', () => {
  beforeAll(async () => {
    const files = [2020, 2021, 2022].map((year, i) => {
      const path = join(dir, `${year}.txt`);
      // 2022 carries over 5 where 2021 carried nothing forward: a cross-year break.
      const applications = year === 2022 ? { carried_over: 5, granted: 5, total: 5 } : { received_new: i + 1, granted: i + 1, total: i + 1 };
      writeFileSync(path, seedVariant({ year, applications }));
      return path;
    });
    const anonymous = join(dir, 'anonymous.txt');
    writeFileSync(anonymous, seedVariant({ anonymous: true, applications: { received_new: 7, granted: 6, total: 6 } }));
    const summary = await ingestPaths(await db(), [...files, anonymous]);
    expect(summary).toMatchObject({ ingested: 4, failed: 0 });
  });

  it('lists a page of current reports, newest first, with headline figures and failed checks', async () => {
    const list = (q: string) => listReports(parseList(`cols=unit,year,checks,applications.received_new.total&${q}`));
    const all = await list('');
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => [r.year, r.jurisdiction_name, r.values['applications.received_new.total']])).toEqual([
      [2022, null, 7],
      [2022, '红土崖镇', 0],
      [2021, '红土崖镇', 2],
      [2020, '红土崖镇', 1],
    ]);
    expect(all.rows.find((r) => r.jurisdiction_name === null)!.failed_checks).toBeGreaterThan(0);
    expect(all.rows.find((r) => r.year === 2020)!.failed_checks).toBe(0);
    expect((await list(`in=${COUNTY}&y=2021`)).rows.map((r) => r.year)).toEqual([2021]);
    expect((await list(`in=${COUNTY}`)).total).toBe(3);
    // 2022's break with 2021 is a cross-year break, listed on /quality, not a failure of the report itself.
    expect((await list('checks=failed')).rows.map((r) => [r.year, r.jurisdiction_name])).toEqual([[2022, null]]);
  });

  it('counts reports by province and year', async () => {
    expect(await agg.countsByProvinceYear()).toEqual([
      { province_code: '22', province: '吉林省', year: 2020, reports: 1, synthetic: 0 },
      { province_code: '22', province: '吉林省', year: 2021, reports: 1, synthetic: 0 },
      { province_code: '22', province: '吉林省', year: 2022, reports: 1, synthetic: 0 },
      { province_code: null, province: null, year: 2022, reports: 1, synthetic: 0 },
    ]);
  });

  it('grids every township of the county against the years, with the reports it has', async () => {
    const grid = await agg.countyCoverage(COUNTY, [2019, 2020, 2021, 2022]);
    const [{ townships }] = await query<{ townships: number }>(
      `SELECT count(*)::INTEGER AS townships FROM jurisdictions WHERE county_code = '${COUNTY}' AND level = 'township'`,
    );
    expect(townships).toBeGreaterThan(1);
    expect(grid).toHaveLength(townships * 4);
    const present = grid.filter((c) => c.report_id !== null);
    expect(present.map((c) => [c.name, c.year])).toEqual([
      ['红土崖镇', 2020],
      ['红土崖镇', 2021],
      ['红土崖镇', 2022],
    ]);
  });

  it('compares the townships of a county over years for chosen keys, and refuses an unknown key', async () => {
    const rows = await agg.compareTownships(COUNTY, ['applications.received_new.total', 'active.rules.in_force'], { from: 2019, to: 2023 });
    expect(rows.map((r) => [r.year, r['applications.received_new.total'], r['active.rules.in_force']])).toEqual([
      [2020, 1, 0],
      [2021, 2, 0],
      [2022, 0, 0],
    ]);
    expect(() => agg.compareTownships(COUNTY, ['x" FROM reports; --'], { from: 2019, to: 2023 })).toThrow(/unknown figure key/);
  });

  it('counts failed checks by rule and lists the cross-year breaks of the county', async () => {
    const byRule = await agg.failedChecksByRule();
    expect(byRule.find((r) => r.rule === 'cross_year.carried')).toEqual({ rule: 'cross_year.carried', failed: 2, reports: 1, assumed_blank_zero: 0 });
    expect(byRule.find((r) => r.rule === 'applications.balance')).toMatchObject({ reports: 1 });
    const breaks = await agg.crossYearBreaks(COUNTY);
    expect(breaks.map((b) => [b.year, b.rule, b.col_key, b.expected, b.actual])).toEqual([
      [2022, 'cross_year.carried', 'natural_person', 0, 5],
      [2022, 'cross_year.carried', 'total', 0, 5],
    ]);
  });

  it('sums a figure by province for a year', async () => {
    expect(await agg.provinceTotals('applications.received_new.total', 2022)).toEqual([
      { province_code: '22', province: '吉林省', reports: 1, printed: 1, total: 0 },
      { province_code: null, province: null, reports: 1, printed: 1, total: 7 },
    ]);
  });
});
