/** The dashboard's queries and loaders on a real DuckDB file built from report files through the real ingest. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLANK, COUNTY, FAILING, MISSING, TOWNSHIPS, YEARS, buildDashboardDb, formatOf, townshipValues } from '../support/dashboard-db';
import { tempDir } from '../support/shared';

const dir = tempDir();
process.env.NIANBAO_DB = join(dir, 'dashboard.duckdb');
const { db } = await import('../../app/models/db.server');
const { childDivisions, unitsWithin, searchUnits, busiestCounty, loadPicker } = await import('../../app/models/hierarchy.server');
const { compareRows, loadCompare } = await import('../../app/models/compare.server');
const { coverage, headline, trends, UNPLACED } = await import('../../app/models/coverage.server');
const { failedByRule, failedChecks, failedByUnit } = await import('../../app/models/quality.server');
const { listReports, listedReportIds, getReport } = await import('../../app/models/reports.server');
const { COMPARE_DEFAULTS, LIST_DEFAULTS } = await import('../../app/lib/view-state');

const codes = TOWNSHIPS.map((t) => t.code);
const present = TOWNSHIPS.length * YEARS.length - 1;

beforeAll(async () => {
  await buildDashboardDb(await db(), dir);
});

describe('hierarchy', () => {
  it('lists provinces, then the counties of a city, with the units below each', async () => {
    const provinces = await childDivisions(null);
    expect(provinces.map((p) => [p.code, p.name])).toEqual([
      ['22', '吉林省'],
      ['32', '江苏省'],
    ]);
    expect(provinces.find((p) => p.code === '32')!.units).toBe(TOWNSHIPS.length + 2);
    const counties = await childDivisions('3208');
    expect(counties.map((c) => [c.code, c.name, c.units])).toEqual([
      ['320813', '洪泽区', TOWNSHIPS.length + 1],
      ['320831', '金湖县', 1],
    ]);
  });

  it('gives the townships of a county, not the county government itself', async () => {
    const units = await unitsWithin(COUNTY);
    expect(units.map((u) => u.key)).toEqual(codes);
    expect(units.map((u) => u.synthetic)).toEqual(TOWNSHIPS.map((t) => t.synthetic));
    expect(units.every((u) => u.drill === null)).toBe(true);
  });

  it('gives the counties of a city, a county with township reports drillable', async () => {
    const units = await unitsWithin('3208');
    expect(units.map((u) => [u.key, u.drill])).toEqual([
      ['320813', '320813'],
      ['320831', null],
    ]);
  });

  it('finds units by a part of their name and picks the busiest county by default', async () => {
    expect((await searchUnits('顺河')).map((u) => u.key)).toEqual(['320813104']);
    expect(await searchUnits('   ')).toEqual([]);
    expect(await busiestCounty()).toBe(COUNTY);
    const picker = await loadPicker(COUNTY, [], '蒋坝');
    expect(picker.levels.map((l) => l.selected)).toEqual(['32', '3208', COUNTY]);
    expect(picker.members).toHaveLength(TOWNSHIPS.length);
    expect(picker.search.map((u) => u.name)).toEqual(['蒋坝镇']);
  });
});

describe('comparison rows', () => {
  it('reads one report per unit and year with the chosen figures; a missing year has no row', async () => {
    const rows = await compareRows(codes, { from: 2019, to: 2023 }, ['applications.received_new.total', 'active.fees.amount', 'applications.granted.commercial']);
    expect(rows).toHaveLength(present);
    expect(rows.some((r) => r.unit === MISSING.code && r.year === MISSING.year)).toBe(false);
    TOWNSHIPS.forEach((t, i) => {
      for (const r of rows.filter((x) => x.unit === t.code)) {
        const expected = townshipValues(i, r.year);
        expect(r.values['applications.received_new.total']).toBe(expected['applications.received_new.total']);
        expect(r.template).toBe(formatOf(r.year));
        // the 2019 format has no fee amount: NULL, never 0
        expect(r.values['active.fees.amount']).toBe(r.year >= 2021 ? expected['active.fees.amount'] : null);
      }
    });
    const blank = rows.find((r) => r.unit === BLANK.code && r.year === BLANK.year)!;
    expect(blank.values[BLANK.key]).toBeNull();
  });

  it('finds the units wherever they are: one township, a county with a township, units of two provinces', async () => {
    const unitsOf = async (keys: string[]) => [...new Set((await compareRows(keys, { from: 2019, to: 2023 }, ['applications.total.total'])).map((r) => r.unit))].sort();
    expect(await unitsOf([codes[0]])).toEqual([codes[0]]);
    expect(await unitsOf([COUNTY, codes[1]])).toEqual([COUNTY, codes[1]].sort());
    expect(await unitsOf([codes[2], '320831', '220602102'])).toEqual([codes[2], '320831', '220602102'].sort());
  });

  it('refuses column names that are not figure keys', async () => {
    const rows = await compareRows(codes, { from: 2023, to: 2023 }, ['id; DROP TABLE reports', 'applications.total.total']);
    expect(Object.keys(rows[0].values)).toEqual(['applications.total.total']);
  });

  it('loads the default view: the busiest county, its last five years', async () => {
    const view = await loadCompare(COMPARE_DEFAULTS);
    expect(view.defaulted).toBe(true);
    expect(view.state.within).toBe(COUNTY);
    expect(view.withinName).toBe('洪泽区');
    expect(view.years).toEqual({ from: 2019, to: 2023 });
    expect(view.units.map((u) => u.key)).toEqual(codes);
    expect(view.trail.map((t) => t.name)).toEqual(['江苏省', '淮安市', '洪泽区']);
  });

  it('adds units chosen one by one to a county, keeps their order and drops unknown ones', async () => {
    const view = await loadCompare({ ...COMPARE_DEFAULTS, units: ['320831', '220602102', '999999'], years: { from: 2023, to: 2023 } });
    expect(view.units.map((u) => u.key)).toEqual(['320831', '220602102']);
    expect(view.rows.map((r) => r.unit)).toEqual(['320831']);
  });
});

describe('overview', () => {
  it('counts reports, units, years, failures and synthetic reports', async () => {
    const h = await headline(null);
    expect(h).toMatchObject({ reports: present + 3, units: TOWNSHIPS.length + 3, from: 2019, to: 2023, synthetic: YEARS.length, failedReports: 1 });
    expect((await headline(COUNTY)).reports).toBe(present + 1);
  });

  it('shows the townships of a county year by year: present, missing, failed', async () => {
    const c = await coverage(COUNTY, null);
    expect(c.years).toEqual(YEARS);
    const row = c.rows.find((r) => r.key === MISSING.code)!;
    expect(row.kind).toBe('unit');
    const cell = (year: number) => row.cells.find((x) => x.year === year)!;
    expect(cell(MISSING.year)).toMatchObject({ present: 0, report: null });
    expect(cell(FAILING.year)).toMatchObject({ present: 1, failed: 1 });
    expect(cell(2020).report).toBeGreaterThan(0);
  });

  it('rolls units up to provinces at the top, with known units as the denominator', async () => {
    const c = await coverage(null, null);
    const js = c.rows.find((r) => r.key === '32')!;
    expect(js).toMatchObject({ kind: 'division', name: '江苏省', units: TOWNSHIPS.length + 2, drill: '32' });
    expect(js.cells.find((x) => x.year === MISSING.year)!.present).toBe(TOWNSHIPS.length - 1);
    expect(js.cells.find((x) => x.year === 2023)!).toMatchObject({ present: TOWNSHIPS.length + 2, failed: 1 });
  });

  it('sums a year over the units, leaving out blanks', async () => {
    const t = await trends(COUNTY, { from: 2019, to: 2020 });
    const expected = (year: number) => TOWNSHIPS.reduce((s, _, i) => s + (townshipValues(i, year)['applications.received_new.total'] as number), 0);
    expect(t.map((r) => [r.year, r.reports, r.received])).toEqual([
      [2019, 3, expected(2019)],
      [2020, 3, expected(2020)],
    ]);
  });

  it('counts a report without figure values (a file made by version 1 may have one) among the reports, not the sums', async () => {
    const connection = await db();
    const one = async <T>(sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson()[0] as T;
    const { id } = await one<{ id: number }>(`SELECT id FROM current_reports WHERE county_code = '${COUNTY}' AND year = 2019 ORDER BY id LIMIT 1`);
    const gone = await one<{ received: number; granted: number; review: number }>(
      `SELECT "applications.received_new.total" AS received, "applications.granted.total" AS granted, "review.review.total" AS review FROM report_values WHERE report_id = ${id}`,
    );
    const [before] = await trends(COUNTY, { from: 2019, to: 2019 });
    await connection.run(`CREATE TEMP TABLE kept AS SELECT * FROM report_values WHERE report_id = ${id}`);
    await connection.run(`DELETE FROM report_values WHERE report_id = ${id}`);
    try {
      expect(await trends(COUNTY, { from: 2019, to: 2019 })).toEqual([
        {
          ...before,
          received: before.received! - gone.received,
          granted: before.granted! - gone.granted,
          review: before.review! - gone.review,
          receivedReports: before.receivedReports - 1,
        },
      ]);
    } finally {
      await connection.run('INSERT INTO report_values SELECT * FROM kept');
      await connection.run('DROP TABLE kept');
    }
    expect(await trends(COUNTY, { from: 2019, to: 2019 })).toEqual([before]);
  });
});

describe('data quality', () => {
  it('counts failed checks by rule and year, and finds the unit and the check', async () => {
    const counts = await failedByRule({ within: null, years: null, rule: null });
    const failing = counts.filter((c) => c.failed > 0);
    expect(new Set(failing.map((c) => c.year))).toEqual(new Set([FAILING.year]));
    expect(failing.map((c) => c.rule).sort()).toEqual(['applications.balance', 'applications.outcome_total']);
    const units = await failedByUnit({ within: COUNTY, years: null, rule: null });
    expect(units.map((u) => [u.unit, u.years])).toEqual([[FAILING.code, [FAILING.year]]]);
    const list = await failedChecks({ within: null, years: null, rule: 'applications.outcome_total' }, 'in_report', 1);
    expect(list.total).toBe(2);
    expect(list.rows).toHaveLength(2);
    expect(Object.keys(list.rows[0])).not.toContain('total');
    expect(await failedChecks({ within: null, years: null, rule: 'applications.outcome_total' }, 'in_report', 2, 1)).toMatchObject({ total: 2, rows: [{ rule: 'applications.outcome_total' }] });
    expect(await failedChecks({ within: null, years: null, rule: 'applications.outcome_total' }, 'in_report', 9)).toEqual({ total: 2, rows: [] });
    expect(list.rows.every((r) => r.name === '岔河镇' && r.year === FAILING.year)).toBe(true);
    const total = list.rows.find((r) => r.col_key === 'total')!;
    expect(total.actual! - total.expected!).toBe(5);
    expect((await failedChecks({ within: null, years: null, rule: null }, 'cross_year', 1)).rows.every((r) => r.rule.startsWith('cross_year.'))).toBe(true);
  });
});

describe('report list', () => {
  it('pages, sorts by a figure and counts what the filters match', async () => {
    const first = await listReports({ ...LIST_DEFAULTS, size: 10 });
    expect(first.total).toBe(present + 3);
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(10);
    const second = await listReports({ ...LIST_DEFAULTS, size: 10, page: 2 });
    expect(second.rows).toHaveLength(first.total - 10);
    expect(second.rows.some((r) => first.rows.some((x) => x.id === r.id))).toBe(false);
    const years = [...first.rows, ...second.rows].map((r) => r.year ?? 0);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    // a page past the end shows the last page, not an empty one
    expect((await listReports({ ...LIST_DEFAULTS, size: 10, page: 99 })).page).toBe(2);

    const byReceived = await listReports({
      ...LIST_DEFAULTS,
      within: COUNTY,
      sort: { column: 'applications.received_new.total', desc: true },
      columns: ['unit', 'applications.received_new.total'],
    });
    const received = byReceived.rows.map((r) => r.values['applications.received_new.total'] as number);
    expect(received).toEqual([...received].sort((a, b) => b - a));
    expect(received[0]).toBe(townshipValues(2, 2023)['applications.received_new.total']);
  });

  it('filters by name, years, format, checks and synthetic data', async () => {
    const count = async (patch: Partial<typeof LIST_DEFAULTS>) => (await listReports({ ...LIST_DEFAULTS, ...patch })).total;
    expect(await count({ q: '岔河' })).toBe(YEARS.length - 1);
    expect(await count({ years: { from: 2019, to: 2020 } })).toBe(6);
    expect(await count({ template: '2019' })).toBe(6);
    expect(await count({ checks: 'failed' })).toBe(1);
    expect(await count({ data: 'synthetic' })).toBe(YEARS.length);
    expect(await count({ data: 'real', within: COUNTY })).toBe(present + 1 - YEARS.length);
  });

  it('exports every filtered row, past the page size, in the same order', async () => {
    const state = { ...LIST_DEFAULTS, size: 5, within: COUNTY };
    const ids = await listedReportIds(state);
    expect(ids).toHaveLength(present + 1);
    expect(ids.slice(0, 5)).toEqual((await listReports(state)).rows.map((r) => r.id));
  });
});

describe('report page', () => {
  it('links the unit’s other years and points every figure into the source text', async () => {
    const list = await listReports({ ...LIST_DEFAULTS, q: '蒋坝', years: { from: BLANK.year, to: BLANK.year } });
    const page = (await getReport(list.rows[0].id))!;
    expect(page.years.map((y) => y.year)).toEqual(YEARS);
    expect(page.years.find((y) => y.year === BLANK.year)!.id).toBe(page.report.id);
    const text = page.report.source_text!;
    const withOrigin = page.figures.filter((f) => f.start_pos !== null);
    expect(withOrigin.length).toBe(page.figures.length);
    for (const f of withOrigin) expect(text.slice(f.start_pos!, f.end_pos!)).toBe(f.raw);
    const blank = page.figures.find((f) => f.row_key === 'granted' && f.col_key === 'commercial')!;
    expect(blank.value).toBeNull();
    const received = page.figures.find((f) => f.row_key === 'received_new' && f.col_key === 'total')!;
    expect(text.slice(received.start_pos!, received.end_pos!)).toBe(String(townshipValues(0, BLANK.year)['applications.received_new.total']));
  });
});

describe('a figure corrected by hand', () => {
  it('comes back flagged from the comparison, with who, when and why, and its chart and table say so', async () => {
    const { correctFigure, revertCorrection } = await import('../../scripts/ingest/load/corrections');
    const { compareChart } = await import('../../app/charts/compare');
    const { panelById } = await import('../../app/charts/panels');
    const key = 'applications.received_new.total';
    const [target] = await compareRows([BLANK.code], { from: BLANK.year, to: BLANK.year }, [key]);
    const made = await correctFigure(await db(), { reportId: target.id, key, value: '77', who: '王审核', reason: '据纸质件' });
    try {
      const rows = await compareRows(codes, { from: 2019, to: 2023 }, [key, 'applications.carried_over.total']);
      const flagged = rows.filter((r) => r.corrected);
      expect(flagged.map((r) => [r.unit, r.year, r.values[key]])).toEqual([[BLANK.code, BLANK.year, 77]]);
      expect(flagged[0].corrected).toEqual({ [key]: { who: '王审核', at: made.at, reason: '据纸质件' } });

      const view = await loadCompare({ ...COMPARE_DEFAULTS, within: COUNTY, group: 'applications', years: { from: 2021, to: 2023 } });
      const spec = compareChart(view, panelById('received')!)!;
      const notes = (spec.option.graphic as { style?: { text?: string } }[]).map((g) => g.style?.text ?? '');
      expect(notes.filter((t) => t.includes('含人工更正的数字（✎）'))).toEqual([expect.stringContaining(`蒋坝镇 ${BLANK.year} 年 · 本年新收`)]);
      const marked = spec.table.rows.flat().filter((c) => c.corrected);
      expect(marked).toEqual([{ text: '77 ✎', title: `人工更正：王审核 ${made.at}（据纸质件）`, corrected: true }]);
      const points = (spec.option.series as { data: { corrected?: string; value: unknown }[] }[]).flatMap((s) => s.data).filter((d) => d.corrected);
      expect(points.map((d) => d.value)).toEqual([77]);
      // the overview's totals count it, and their chart says so
      const t = await trends(COUNTY, { from: BLANK.year - 1, to: BLANK.year });
      expect(t.map((r) => [r.year, r.corrected])).toEqual([[BLANK.year - 1, 0], [BLANK.year, 1]]);
      const { overviewCharts } = await import('../../app/charts/overview');
      const { parseOverview } = await import('../../app/lib/view-state');
      const totals = overviewCharts({ state: parseOverview(`in=${COUNTY}`), scopeName: '洪泽区', trends: t, asOf: null }).find((c) => c.name === 'overview-totals')!;
      expect(JSON.stringify(totals.option)).toContain(`含人工更正的数字：${BLANK.year} 年 1 个`);
      // a chart whose figures were not corrected carries no such note
      const other = compareChart(view, panelById('outcomes')!)!;
      expect(JSON.stringify(other.option)).not.toContain('人工更正');
    } finally {
      await revertCorrection(await db(), { id: made.id, who: '王审核', reason: '测试结束' });
    }
    expect((await compareRows([BLANK.code], { from: BLANK.year, to: BLANK.year }, [key]))[0].corrected).toBeUndefined();
  });
});

// Last in the file: it adds a report the other tests do not expect.
describe('units that name no division', () => {
  it('are one row of the country-wide grid, after the provinces, not a row each', async () => {
    const { ingestPaths } = await import('../../scripts/ingest/ingest');
    const { renderReport, balancedValues } = await import('../support/report-text');
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const extra = join(dir, 'unplaced');
    mkdirSync(extra, { recursive: true });
    for (const [i, organ] of ['某某市国有林场管理处', '某某经济开发区管理委员会'].entries()) {
      writeFileSync(join(extra, `${i}.txt`), renderReport({ organ, place: organ, year: 2023, format: '2021', values: balancedValues(3, 2, 0) }));
    }
    const summary = await ingestPaths(await db(), [extra]);
    expect(summary.ingested).toBe(2);
    const before = (await coverage(null, null)).rows;
    const unplaced = before.filter((r) => !/^\d+$/.test(r.key));
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0]).toMatchObject({ key: UNPLACED, kind: 'division', name: '未定位到行政区划的单位', units: 2, drill: null });
    expect(unplaced[0].cells.find((c) => c.year === 2023)!.present).toBe(2);
    expect(before.at(-1)!.key).toBe(UNPLACED);
    expect(before.find((r) => r.key === '32')!.units).toBe(TOWNSHIPS.length + 2);
  });
});

// Also last: it adds reports the other tests do not expect.
describe('comparison rows as more reports arrive', () => {
  it('show a unit’s real report for a year before a synthetic one, else its newest', async () => {
    const { ingestPaths } = await import('../../scripts/ingest/ingest');
    const { renderReport, balancedValues } = await import('../support/report-text');
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { query } = await import('../../app/models/db.server');
    const extra = join(dir, 'second-reports');
    mkdirSync(extra, { recursive: true });
    const synthetic = TOWNSHIPS.find((t) => t.synthetic)!;
    const real = TOWNSHIPS.find((t) => !t.synthetic)!;
    // a real report beside the synthetic unit's, and a second organ of a real township (another chain)
    writeFileSync(join(extra, 'real.txt'), renderReport({ organ: synthetic.organ, place: `江苏省淮安市洪泽区${synthetic.name}`, year: 2022, format: '2021', values: balancedValues(70, 60, 0) }));
    writeFileSync(join(extra, 'second.txt'), renderReport({ organ: `${real.name}政府`, place: `江苏省淮安市洪泽区${real.name}`, year: 2020, format: '2019', values: balancedValues(80, 70, 0) }));
    expect((await ingestPaths(await db(), [extra])).ingested).toBe(2);
    const pairs = await query<{ unit: string; year: number; n: number }>(
      `SELECT unit_key AS unit, year, count(*)::INTEGER AS n FROM current_reports WHERE unit_key IN ($a, $b) AND year IN (2020, 2022) GROUP BY ALL HAVING n > 1 ORDER BY ALL`,
      { a: synthetic.code, b: real.code },
    );
    expect(pairs).toEqual([
      { unit: real.code, year: 2020, n: 2 },
      { unit: synthetic.code, year: 2022, n: 2 },
    ]);
    const chosen = await query<{ unit: string; year: number; id: number }>(
      `SELECT unit_key AS unit, year, id FROM current_reports WHERE unit_key IN (SELECT unnest($codes)) AND year BETWEEN 2019 AND 2023
       QUALIFY row_number() OVER (PARTITION BY unit_key, year ORDER BY synthetic, id DESC) = 1 ORDER BY unit, year`,
      { codes },
    );
    const rows = await compareRows(codes, { from: 2019, to: 2023 }, ['applications.received_new.total']);
    expect(rows.map((r) => ({ unit: r.unit, year: r.year, id: r.id }))).toEqual(chosen);
    expect(rows.find((r) => r.unit === synthetic.code && r.year === 2022)).toMatchObject({ synthetic: false, values: { 'applications.received_new.total': 70 } });
    expect(rows.find((r) => r.unit === real.code && r.year === 2020)!.values['applications.received_new.total']).toBe(80);
  });

  it('show a county’s last five years when it has more, as by the units’ keys', async () => {
    const { ingestPaths } = await import('../../scripts/ingest/ingest');
    const { renderReport, balancedValues } = await import('../support/report-text');
    const { writeFileSync } = await import('node:fs');
    const early = join(dir, 'second-reports', 'early.txt');
    const t = TOWNSHIPS[1];
    writeFileSync(early, renderReport({ organ: t.organ, place: `江苏省淮安市洪泽区${t.name}`, year: 2017, format: '2019', values: balancedValues(5, 4, 0) }));
    expect((await ingestPaths(await db(), [early])).ingested).toBe(1);
    const view = await loadCompare({ ...COMPARE_DEFAULTS, within: COUNTY });
    expect(view.available).toEqual({ from: 2017, to: 2023 });
    expect(view.years).toEqual({ from: 2019, to: 2023 });
    expect(view.rows.some((r) => r.year < 2019)).toBe(false);
    expect(view.rows).toEqual(await compareRows(codes, view.years!, [...new Set(view.rows.flatMap((r) => Object.keys(r.values)))]));
  });
});
