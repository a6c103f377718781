/**
 * Structured data in and out: the template (CSV, Excel) and JSON Lines through `ingestPaths`, a bad
 * row rejecting its whole file with its row and column named, export → import → export unchanged
 * (nulls and decimals included), and a correction by hand's life in the store.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportTemplate } from '../../scripts/export';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { correctFigure, listCorrections, revertCorrection } from '../../scripts/ingest/load/corrections';
import { openDatabase } from '../../scripts/ingest/load/db';
import { KEYS_SIGNATURE, SCHEMA_VERSION, TABLES_SQL, TYPES_SQL } from '../../scripts/ingest/load/schema';
import { FIGURE_COLUMNS, TEMPLATE_COLUMNS } from '../../scripts/ingest/structured/template';
import { BLANK, FAILING, buildDashboardDb } from '../support/dashboard-db';
import { tempDir } from '../support/shared';

async function all<T = Record<string, unknown>>(db: DuckDBConnection, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await db.runAndReadAll(sql, params as never)).getRowObjectsJson() as T[];
}

async function xlsxRows(file: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

/** The parts of a JSON line that are data, not where it was read from. */
function jsonData(text: string): unknown[] {
  return text
    .trim()
    .split('\n')
    .map((l) => {
      const { source: _s, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
}

const CURRENT_VALUES = `SELECT v.* EXCLUDE (report_id) FROM report_values v JOIN current_reports r ON r.id = v.report_id ORDER BY r.organ, r.year`;

describe('the template', () => {
  it('has one column per figure key of keys.ts, with unique keys and unique Chinese labels', () => {
    expect(FIGURE_COLUMNS.map((c) => c.wide)).toContain('applications.granted.natural_person');
    expect(FIGURE_COLUMNS.find((c) => c.key === 'applications.granted.natural_person')!.label).toBe('表三 · 予以公开 · 自然人');
    expect(new Set(TEMPLATE_COLUMNS.map((c) => c.key)).size).toBe(TEMPLATE_COLUMNS.length);
    expect(new Set(TEMPLATE_COLUMNS.map((c) => c.label)).size).toBe(TEMPLATE_COLUMNS.length);
  });
});

describe('export → import → export', () => {
  const dir = tempDir();
  let source: DuckDBConnection;

  beforeAll(async () => {
    source = await openDatabase(join(dir, 'source.duckdb'));
    await buildDashboardDb(source, dir);
  }, 120_000);

  it.each(['csv', 'xlsx', 'jsonl'] as const)('%s: every report comes back with the same figures, blanks and decimals', async (format) => {
    const first = join(dir, `first.${format}`);
    const n = await exportTemplate(source, format, first, format === 'xlsx');
    const [{ reports }] = await all<{ reports: number }>(source, 'SELECT count(*)::INTEGER AS reports FROM current_reports');
    expect(n).toBe(reports);

    const copy = await openDatabase(join(dir, `copy-${format}.duckdb`));
    const summary = await ingestPaths(copy, [first]);
    expect(summary.failed).toBe(0);
    expect(summary.ingested).toBe(reports);
    expect(await all(copy, CURRENT_VALUES)).toEqual(await all(source, CURRENT_VALUES));
    const ownChecks = `SELECT r.organ, r.year, r.failed_checks FROM current_reports r ORDER BY ALL`;
    expect(await all(copy, ownChecks)).toEqual(await all(source, ownChecks));

    // a blank stays a blank, never 0; a decimal amount keeps its digits
    const blank = `SELECT "${BLANK.key}" AS v, "active.fees.amount" AS fees FROM report_values v JOIN current_reports r ON r.id = v.report_id
      WHERE r.jurisdiction_code = '${BLANK.code}' AND r.year = ${BLANK.year}`;
    expect(await all(copy, blank)).toEqual([{ v: null, fees: 1.5 }]);

    const second = join(dir, `second.${format}`);
    await exportTemplate(copy, format, second, format === 'xlsx');
    if (format === 'csv') expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    if (format === 'xlsx') expect(await xlsxRows(second)).toEqual(await xlsxRows(first));
    if (format === 'jsonl') expect(jsonData(readFileSync(second, 'utf8'))).toEqual(jsonData(readFileSync(first, 'utf8')));

    const again = await ingestPaths(copy, [second]);
    expect(again.unchanged).toBe(reports);
    expect(again.ingested + again.superseded).toBe(0);
  });

  it('reads Chinese label headers as the keys, and an export says which figures were corrected by hand', async () => {
    const db = await openDatabase(join(dir, 'labels.duckdb'));
    const keyed = join(dir, 'keys.csv');
    await exportTemplate(source, 'csv', keyed);
    const labelled = join(dir, 'labels.csv');
    await exportTemplate(source, 'csv', labelled, true);
    expect(readFileSync(labelled, 'utf8')).toContain('表三 · 予以公开 · 自然人');
    expect((await ingestPaths(db, [labelled])).failed).toBe(0);
    expect(await all(db, CURRENT_VALUES)).toEqual(await all(source, CURRENT_VALUES));

    const [target] = await all<{ id: number }>(db, `SELECT id FROM current_reports WHERE jurisdiction_code = '${BLANK.code}' AND year = ${BLANK.year}`);
    await correctFigure(db, { reportId: target.id, key: BLANK.key, value: '4', who: '王审核', reason: '原件扫描不清，据纸质件补录' });
    const out = join(dir, 'corrected.jsonl');
    await exportTemplate(db, 'jsonl', out);
    const line = readFileSync(out, 'utf8').split('\n').map((l) => l && JSON.parse(l)).find((r) => r && r.jurisdiction.code === BLANK.code && r.year === BLANK.year);
    expect(line.corrected).toEqual(['applications.granted.commercial']);
    expect(line.applications.granted.commercial).toBe(4);
    const csv = join(dir, 'corrected.csv');
    await exportTemplate(db, 'csv', csv);
    const row = readFileSync(csv, 'utf8').split('\r\n').find((l) => l.includes(BLANK.code) && l.includes(`,${BLANK.year},`))!;
    expect(row.endsWith(',applications.granted.commercial')).toBe(true);
  });
});

describe('an export loaded back into the database it came from', () => {
  const VERSIONS = `SELECT id, superseded_by FROM reports ORDER BY id`;
  const HISTORY = `SELECT id, report_id, old_value, new_value FROM corrections ORDER BY id`;

  it.each(['csv', 'xlsx', 'jsonl'] as const)('%s: every report is unchanged, nothing is superseded, corrections stay', async (format) => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'db.duckdb'));
    await buildDashboardDb(db, dir);
    const [target] = await all<{ id: number }>(db, `SELECT id FROM current_reports WHERE jurisdiction_code = '${BLANK.code}' AND year = ${BLANK.year}`);
    await correctFigure(db, { reportId: target.id, key: BLANK.key, value: '4', who: '王审核', reason: '据纸质件补录' });
    const versions = await all(db, VERSIONS);
    const history = await all(db, HISTORY);
    const values = await all(db, CURRENT_VALUES);

    const file = join(dir, `export.${format}`);
    const n = await exportTemplate(db, format, file);
    const summary = await ingestPaths(db, [file]);
    expect(summary.results.map((r) => r.status)).toEqual(Array(n).fill('unchanged'));
    expect(new Set(summary.results.map((r) => r.id)).size).toBe(n);
    expect(await all(db, VERSIONS)).toEqual(versions);
    expect(await all(db, HISTORY)).toEqual(history);
    expect(await all(db, CURRENT_VALUES)).toEqual(values);
  });

  it('a changed figure in one row supersedes exactly that report; the row as parsed before a correction is unchanged', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'db.duckdb'));
    await buildDashboardDb(db, dir);
    const before = join(dir, 'before.csv');
    await exportTemplate(db, 'csv', before);
    const [corrected] = await all<{ id: number }>(db, `SELECT id FROM current_reports WHERE jurisdiction_code = '${FAILING.code}' AND year = ${FAILING.year}`);
    await correctFigure(db, { reportId: corrected.id, key: 'applications.total.total', value: '1', who: '王审核', reason: '核对原件' });
    // the export made before the correction still says what was parsed: loading it keeps the correction
    expect((await ingestPaths(db, [before])).unchanged).toBe((await all(db, 'SELECT id FROM current_reports')).length);
    expect(await all(db, `SELECT "applications.total.total" AS v FROM report_values WHERE report_id = ${corrected.id}`)).toEqual([{ v: 1 }]);

    const rows = parseCsv(readFileSync(before, 'utf8'), { bom: true }) as string[][];
    const header = rows[0];
    const at = rows.findIndex((r) => r[header.indexOf('jurisdiction_code')] === BLANK.code && r[header.indexOf('year')] === String(BLANK.year));
    const [changed] = await all<{ id: number }>(db, `SELECT id FROM current_reports WHERE jurisdiction_code = '${BLANK.code}' AND year = ${BLANK.year}`);
    const column = header.indexOf('licensing.decisions');
    expect(column).toBeGreaterThan(0);
    rows[at][column] = '999';
    const edited = join(dir, 'edited.csv');
    writeFileSync(edited, stringify(rows));
    const summary = await ingestPaths(db, [edited]);
    const moved = summary.results.filter((r) => r.status !== 'unchanged');
    expect(moved).toEqual([expect.objectContaining({ status: 'superseded', supersedes: changed.id, where: `row ${at + 1}` })]);
    expect(summary.unchanged).toBe(rows.length - 2);
    expect(await all(db, 'SELECT id FROM reports WHERE superseded_by IS NOT NULL')).toEqual([{ id: changed.id }]);
    expect(await all(db, `SELECT "active.licensing.decisions" AS v FROM report_values WHERE report_id = ${moved[0].id}`)).toEqual([{ v: 999 }]);
  });
});

describe('a bad row', () => {
  function template(rows: (string | number | null)[][]): string {
    const header = ['organ', 'jurisdiction_code', 'year', 'template', 'applications.granted.natural_person', 'applications.granted.total', 'fees.amount'];
    return stringify([header, ...rows]);
  }

  it('rejects its whole file, naming row and column, and writes nothing', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'db.duckdb'));
    const file = join(dir, 'county.csv');
    writeFileSync(
      file,
      template([
        ['蒋坝镇人民政府', '320813101', 2022, '2021', 3, 3, '0.3'],
        ['岔河镇人民政府', '320813103', 2022, '2021', 'abc', 3, ''],
        ['西顺河镇人民政府', '320813104', 2022, '2021', 1, 1, '12.3456'],
      ]),
    );
    const summary = await ingestPaths(db, [file]);
    expect(summary.failed).toBe(1);
    expect(summary.results).toHaveLength(1);
    expect(summary.results[0].error).toBe('row 3, column E (applications.granted.natural_person): "abc" is not a number (a blank cell or a dash is a blank)');
    expect(await all(db, 'SELECT count(*)::INTEGER AS n FROM reports')).toEqual([{ n: 0 }]);

    writeFileSync(file, template([['x', '999999999', 2022, '2022', 1.5, null, null]]));
    const errors = (await ingestPaths(db, [file])).results[0].error!;
    expect(errors).toContain('row 2, column B (jurisdiction_code): "999999999" is not a division code');
    expect(errors).toContain('row 2, column D (template): "2022" is not a format version');
    expect(errors).toContain('row 2, column E (applications.granted.natural_person): 1.5 is not a whole number');

    writeFileSync(
      file,
      template([
        ['蒋坝镇人民政府', '320813101', 2022, '2021', 3, 3, '0.3'],
        ['西顺河镇人民政府', '320813104', 2022, '2021', 1, '—', '12.3456'],
      ]),
    );
    const ok = await ingestPaths(db, [file]);
    expect(ok.results.map((r) => [r.status, r.where])).toEqual([
      ['ingested', 'row 2'],
      ['ingested', 'row 3'],
    ]);
    const values = await all(db, `SELECT r.jurisdiction_name AS name, r.county, "active.fees.amount" AS fees, "applications.granted.total" AS total,
      "applications.received_new.total" AS received FROM reports r JOIN report_values v ON v.report_id = r.id ORDER BY r.id`);
    expect(values).toEqual([
      { name: '蒋坝镇', county: '洪泽区', fees: 0.3, total: 3, received: null },
      { name: '西顺河镇', county: '洪泽区', fees: 12.3456, total: null, received: null },
    ]);
    // a 2021-format row has the format's figures even where blank; not the 2019 format's
    expect(await all(db, `SELECT count(*)::INTEGER AS n FROM figures WHERE report_id = 1 AND row_key = 'licensing.prev_items'`)).toEqual([{ n: 0 }]);
    expect(await all(db, `SELECT count(*)::INTEGER AS n FROM figures WHERE report_id = 1 AND row_key = 'licensing.decisions' AND value IS NULL`)).toEqual([{ n: 1 }]);

    const jsonl = join(dir, 'bad.jsonl');
    writeFileSync(jsonl, `${JSON.stringify({ organ: 'x', jurisdiction: {}, year: 2022, template: '2021', active: {}, applications: { granted: { nobody: 1 } }, review: {} })}\n`);
    expect((await ingestPaths(db, [jsonl])).results[0].error).toBe('line 1, applications.granted.nobody: not an applicant column of table 三 (keys.ts)');
  });

  it('changes nothing when one report of a file supersedes and another is wrong', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'db.duckdb'));
    const file = join(dir, 'county.csv');
    writeFileSync(file, template([['蒋坝镇人民政府', '320813101', 2022, '2021', 3, 3, '']]));
    await ingestPaths(db, [file]);
    writeFileSync(file, template([['蒋坝镇人民政府', '320813101', 2022, '2021', 4, 4, ''], ['岔河镇人民政府', '320813103', 'x', '2021', 1, 1, '']]));
    expect((await ingestPaths(db, [file])).results[0].error).toBe('row 3, column C (year): "x" is not a year');
    expect(await all(db, 'SELECT id, superseded_by FROM reports')).toEqual([{ id: 1, superseded_by: null }]);
    writeFileSync(file, template([['蒋坝镇人民政府', '320813101', 2022, '2021', 4, 4, '']]));
    expect((await ingestPaths(db, [file])).results.map((r) => [r.status, r.id, r.supersedes])).toEqual([['superseded', 2, 1]]);
  });
});

describe('a correction by hand', () => {
  it('is stored with who, when, old, new and why; re-runs the checks; is reverted; the parsed figure stays', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'db.duckdb'));
    await buildDashboardDb(db, dir);
    const [report] = await all<{ id: number; failed_checks: number; total: number }>(
      db,
      `SELECT r.id, r.failed_checks, "applications.total.total" AS total FROM current_reports r JOIN report_values v ON v.report_id = r.id
       WHERE r.jurisdiction_code = '${FAILING.code}' AND r.year = ${FAILING.year}`,
    );
    expect(report.failed_checks).toBeGreaterThan(0);
    const key = 'applications.total.total';
    await expect(correctFigure(db, { reportId: report.id, key, value: '12', who: '', reason: 'x' })).rejects.toThrow('更正人不能为空');
    await expect(correctFigure(db, { reportId: report.id, key, value: '12', who: '王', reason: ' ' })).rejects.toThrow('更正理由不能为空');
    await expect(correctFigure(db, { reportId: report.id, key, value: '1.5', who: '王', reason: 'x' })).rejects.toThrow('not a whole number');

    // the 总计 row printed 5 too many in both its columns; fix both
    const first = await correctFigure(db, { reportId: report.id, key, value: String(report.total - 5), who: '王审核', reason: '总计多计 5 件' });
    expect(first).toMatchObject({ old_value: report.total, new_value: report.total - 5, who: '王审核', reason: '总计多计 5 件', reverts: null, reverted_by: null });
    expect(first.at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await correctFigure(db, { reportId: report.id, key: 'applications.total.natural_person', value: String(report.total - 5), who: '王审核', reason: '总计多计 5 件' });
    const state = async () =>
      (await all<{ failed: number; total: number; figure: number; failures: number }>(
        db,
        `SELECT r.failed_checks AS failed, "applications.total.total" AS total,
           (SELECT value FROM figures WHERE report_id = r.id AND row_key = 'total' AND col_key = 'total') AS figure,
           (SELECT count(*)::INTEGER FROM check_failures WHERE report_id = r.id AND prev_report_id IS NULL) AS failures
         FROM reports r JOIN report_values v ON v.report_id = r.id WHERE r.id = $id`,
        { id: report.id },
      ))[0];
    expect(await state()).toEqual({ failed: 0, total: report.total - 5, figure: report.total - 5, failures: 0 });

    await expect(correctFigure(db, { reportId: report.id, key, value: String(report.total - 5), who: '王', reason: 'x' })).rejects.toThrow('新值与现值相同');
    await correctFigure(db, { reportId: report.id, key, value: String(report.total - 6), who: '张', reason: '再核' });
    expect((await state()).failed).toBeGreaterThan(0);
    await expect(revertCorrection(db, { id: first.id, who: '李', reason: 'x' })).rejects.toThrow('此后又被 #3 更正');
    await expect(revertCorrection(db, { id: 3, who: '李', reason: '' })).rejects.toThrow('撤销理由不能为空');
    expect((await listCorrections(db, report.id)).map((c) => c.id)).toEqual([3, 2, 1]);

    expect(await revertCorrection(db, { id: 3, who: '李复核', reason: '再核有误' })).toMatchObject({ reverts: 3, old_value: report.total - 6, new_value: report.total - 5 });
    expect(await state()).toEqual({ failed: 0, total: report.total - 5, figure: report.total - 5, failures: 0 });
    await revertCorrection(db, { id: 2, who: '李复核', reason: '按原件恢复' });
    await revertCorrection(db, { id: 1, who: '李复核', reason: '按原件恢复' });
    expect(await state()).toMatchObject({ failed: report.failed_checks, total: report.total, figure: report.total });
    const after = await listCorrections(db, report.id);
    expect(after.map((c) => [c.id, c.reverts, c.reverted_by])).toEqual([
      [6, 1, null],
      [5, 2, null],
      [4, 3, null],
      [3, null, 4],
      [2, null, 5],
      [1, null, 6],
    ]);
    // the parsed figure: the first change's old value
    expect(after.at(-1)!.old_value).toBe(report.total);
    await expect(revertCorrection(db, { id: 6, who: '李', reason: 'x' })).rejects.toThrow('本身是一次撤销');
  }, 120_000);

  it('re-runs the cross-year checks of the organ', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'db.duckdb'));
    await buildDashboardDb(db, dir);
    const [earlier] = await all<{ id: number; later: number }>(
      db,
      `SELECT a.id, b.id AS later FROM current_reports a JOIN current_reports b ON b.chain = a.chain AND b.year = a.year + 1
       WHERE a.jurisdiction_code = '${BLANK.code}' AND a.year = 2021`,
    );
    const carried = async () =>
      all<{ expected: number; ok: boolean }>(
        db,
        `SELECT expected, ok FROM checks WHERE report_id = $id AND rule = 'cross_year.carried' AND col_key = 'total'`,
        { id: earlier.later },
      );
    expect(await carried()).not.toEqual([{ expected: 99, ok: false }]);
    await correctFigure(db, { reportId: earlier.id, key: 'applications.carried_forward.total', value: '99', who: '王', reason: '测试' });
    expect(await carried()).toEqual([{ expected: 99, ok: false }]);
    expect(await all(db, `SELECT count(*)::INTEGER AS n FROM check_failures WHERE report_id = $id AND rule = 'cross_year.carried' AND col_key = 'total'`, { id: earlier.later })).toEqual([{ n: 1 }]);
  }, 120_000);
});


describe('a database file made before corrections existed', () => {
  it('gains the corrections table when opened, keeping its reports, and takes a correction', async () => {
    const path = join(tempDir(), 'before.duckdb');
    const old = await (await DuckDBInstance.create(path)).connect();
    await old.run(TYPES_SQL);
    await old.run(TABLES_SQL);
    await old.run(`INSERT INTO meta VALUES ('schema_version', '${SCHEMA_VERSION}'), ('keys', $keys)`, { keys: KEYS_SIGNATURE });
    await old.run(`INSERT INTO reports (id, organ, year, template, source_path, sha256, input_format) VALUES (1, '红土崖镇人民政府', 2022, '2021', 'old.txt', 'abc', 'txt')`);
    await old.run(`INSERT INTO figures VALUES (1, 'review', 'review.upheld', NULL, 2, '2', NULL, NULL), (1, 'review', 'review.total', NULL, 2, '2', NULL, NULL)`);
    await old.run(`INSERT INTO report_values (report_id, "review.review.upheld", "review.review.total") VALUES (1, 2, 2)`);
    old.closeSync();

    const db = await openDatabase(path);
    expect(await all(db, 'SELECT count(*)::INTEGER AS reports, (SELECT count(*)::INTEGER FROM corrections) AS corrections FROM reports')).toEqual([{ reports: 1, corrections: 0 }]);
    await correctFigure(db, { reportId: 1, key: 'review.review.total', value: '3', who: '王', reason: '复核' });
    expect(await all(db, `SELECT "review.review.total" AS t, (SELECT failed_checks FROM reports) AS failed FROM report_values`)).toEqual([{ t: 3, failed: 1 }]);
  });
});
