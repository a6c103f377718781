/**
 * A parsed report → the rows the writer appends, checked and converted before any write (in the
 * parse worker), so that writing can only fail for reasons of the database itself. Keys become
 * ENUM indexes and figure-key indexes here; the result is plain data a worker can post.
 */
import { REVIEW_KEYS } from '../keys';
import type { Report } from '../report';
import { WIDE_INDEX, enumValues } from './schema';

export interface SourceFile {
  path: string;
  sha256: string;
  format: string;
  encoding: string | null;
}

/** One `reports` row without what the writer decides (id, supersession, ingest time). */
export interface ReportRow {
  organ: string | null;
  jurisdiction_name: string | null;
  jurisdiction_code: string | null;
  jurisdiction_level: string | null;
  parent: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  year: number | null;
  template: string;
  /** days since 1970-01-01 */
  published: number | null;
  synthetic: boolean;
  source_path: string;
  sha256: string;
  input_format: string;
  encoding: string | null;
  warnings: string[];
  candidates: string | null;
  section_overview: string | null;
  section_problems: string | null;
  section_other: string | null;
  source_text: string | null;
  county_code: string | null;
  city_code: string | null;
  province_code: string | null;
}

/** Columns of one report's figures (index i across the arrays is one figure). */
export interface StagedFigures {
  /** index in WIDE_COLUMNS, which also gives the table, row and column */
  key: number[];
  tbl: number[];
  row: number[];
  col: (number | null)[];
  value: (number | null)[];
  raw: (string | null)[];
  start: (number | null)[];
  end: (number | null)[];
}

export interface StagedChecks {
  rule: number[];
  row: (number | null)[];
  col: (number | null)[];
  grp: (number | null)[];
  ok: boolean[];
  expected: (number | null)[];
  actual: (number | null)[];
  blank: boolean[];
}

export interface StagedReport {
  report: ReportRow;
  figures: StagedFigures;
  checks: StagedChecks;
}

const indexer = (type: string) => {
  const map = new Map(enumValues(type).map((v, i) => [v, i]));
  return (value: string, what: string): number => {
    const i = map.get(value);
    if (i === undefined) throw new Error(`the parser gave an unknown ${what} ${JSON.stringify(value)} (not in keys.ts)`);
    return i;
  };
};
const tableIndex = indexer('figure_table');
const rowIndex = indexer('figure_row');
const columnIndex = indexer('applicant_column');
const ruleIndex = indexer('check_rule');
const groupIndex = indexer('review_group');

function number(v: unknown, what: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what} is not a finite number: ${String(v)}`);
  return v;
}

function integer(v: unknown, what: string): number | null {
  const n = number(v, what);
  if (n !== null && (!Number.isInteger(n) || Math.abs(n) > 2 ** 31 - 1)) throw new Error(`${what} is not a 32-bit integer: ${n}`);
  return n;
}

function text(v: unknown, what: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`${what} is not text`);
  return v;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → days since the epoch; a date that does not exist is refused. */
function days(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(t).toISOString().slice(0, 10) !== date) throw new Error(`published date ${JSON.stringify(date)} is not a calendar date`);
  return t / DAY_MS;
}

function divisionCodes(code: string | null): Pick<ReportRow, 'county_code' | 'city_code' | 'province_code'> {
  if (!code || !/^\d{2,}$/.test(code)) return { county_code: null, city_code: null, province_code: null };
  return {
    county_code: code.length >= 6 ? code.slice(0, 6) : null,
    city_code: code.length >= 4 ? code.slice(0, 4) : null,
    province_code: code.slice(0, 2),
  };
}

export function stageReport(report: Report, file: SourceFile): StagedReport {
  const j = report.jurisdiction;
  const row: ReportRow = {
    organ: text(report.organ, 'organ'),
    jurisdiction_name: text(j.name, 'jurisdiction name'),
    jurisdiction_code: text(j.code, 'jurisdiction code'),
    jurisdiction_level: text(j.level, 'jurisdiction level'),
    parent: text(j.parent, 'parent'),
    county: text(j.county, 'county'),
    city: text(j.city, 'city'),
    province: text(j.province, 'province'),
    year: integer(report.year, 'year'),
    template: report.template,
    published: days(report.published),
    synthetic: report.synthetic === true,
    source_path: file.path,
    sha256: file.sha256,
    input_format: file.format,
    encoding: file.encoding,
    warnings: report.warnings.map((w) => text(w, 'warning')!),
    candidates: j.candidates ? JSON.stringify(j.candidates) : null,
    section_overview: text(report.sections.overview, 'part 一'),
    section_problems: text(report.sections.problems, 'part 五'),
    section_other: text(report.sections.other, 'part 六'),
    source_text: text(report.text, 'text'),
    ...divisionCodes(j.code),
  };
  return { report: row, figures: stageFigures(report), checks: stageChecks(report) };
}

function stageFigures(report: Report): StagedFigures {
  const f: StagedFigures = { key: [], tbl: [], row: [], col: [], value: [], raw: [], start: [], end: [] };
  const add = (tbl: 'active' | 'applications' | 'review', row: string, col: string | null, value: unknown) => {
    const name = col === null ? `${tbl}.${row}` : `${tbl}.${row}.${col}`;
    const key = WIDE_INDEX.get(name);
    if (key === undefined) throw new Error(`the parser gave an unknown figure key ${name} (not in keys.ts)`);
    const origin = report.origins?.[name];
    f.key.push(key);
    f.tbl.push(tableIndex(tbl, 'table'));
    f.row.push(rowIndex(row, 'row key'));
    f.col.push(col === null ? null : columnIndex(col, 'applicant column'));
    f.value.push(number(value, name));
    f.raw.push(origin ? text(origin.raw, `${name} cell text`) : null);
    f.start.push(origin ? integer(origin.start, `${name} start`) : null);
    f.end.push(origin ? integer(origin.end, `${name} end`) : null);
  };
  for (const [k, v] of Object.entries(report.active)) add('active', k, null, v);
  for (const [r, cols] of Object.entries(report.applications)) for (const [c, v] of Object.entries(cols)) add('applications', r, c, v);
  for (const k of REVIEW_KEYS) if (k in report.review) add('review', k, null, report.review[k]);
  for (const k of Object.keys(report.review)) if (!REVIEW_KEYS.includes(k)) add('review', k, null, report.review[k]);
  return f;
}

function stageChecks(report: Report): StagedChecks {
  const c: StagedChecks = { rule: [], row: [], col: [], grp: [], ok: [], expected: [], actual: [], blank: [] };
  for (const check of report.checks) {
    c.rule.push(ruleIndex(check.rule, 'check rule'));
    c.row.push(check.row === undefined ? null : rowIndex(check.row, 'check row'));
    c.col.push(check.column === undefined ? null : columnIndex(check.column, 'check column'));
    c.grp.push(check.group === undefined ? null : groupIndex(check.group, 'check group'));
    c.ok.push(check.ok === true);
    c.expected.push(number(check.expected, `${check.rule} expected`));
    c.actual.push(number(check.actual, `${check.rule} actual`));
    c.blank.push(check.assumed_blank_zero === true);
  }
  return c;
}
