/**
 * The one template for reports as rows (CSV, Excel, the reports table's export): identifying
 * columns, then one column per figure key of keys.ts. Headers are the keys or their Chinese labels;
 * a blank cell is null. This module owns the columns; readers and writers only move cells.
 */
import {
  ACTIVE_KEYS,
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  REVIEW_KEYS,
  TEMPLATE_LABELS,
  activeKeysFor,
  applicationRowsFor,
  figureLabel,
  isSignedActiveKey,
  type FormatVersion,
  type TableId,
  type Template,
} from '../keys';
import { checkFigures } from '../parse/checks';
import type { Figure, Report } from '../report';

export type Cell = string | number | boolean | null;

export interface IdColumn {
  kind: 'id';
  key: 'organ' | 'jurisdiction' | 'jurisdiction_code' | 'jurisdiction_level' | 'parent' | 'county' | 'city' | 'province' | 'year' | 'template' | 'published' | 'synthetic' | 'corrected';
  label: string;
}

export interface FigureColumn {
  kind: 'figure';
  /** the key as report-schema.md names it: `rules.issued`, `applications.granted.total`, `review.upheld` */
  key: string;
  label: string;
  tbl: TableId;
  row: string;
  col: string | null;
  /** the database's wide column name (`active.rules.issued`), also accepted as a header */
  wide: string;
  /** 万元 amounts may have decimals; every other figure is a count */
  decimal: boolean;
  /** 本年增/减 may be negative */
  signed: boolean;
}

export type TemplateColumn = IdColumn | FigureColumn;

export const ID_COLUMNS: readonly IdColumn[] = [
  { kind: 'id', key: 'organ', label: '机关' },
  { kind: 'id', key: 'jurisdiction', label: '单位' },
  { kind: 'id', key: 'jurisdiction_code', label: '区划代码' },
  { kind: 'id', key: 'jurisdiction_level', label: '单位级别' },
  { kind: 'id', key: 'parent', label: '上级单位' },
  { kind: 'id', key: 'county', label: '所属县级' },
  { kind: 'id', key: 'city', label: '所属市级' },
  { kind: 'id', key: 'province', label: '所属省级' },
  { kind: 'id', key: 'year', label: '年度' },
  { kind: 'id', key: 'template', label: '格式' },
  { kind: 'id', key: 'published', label: '发布日期' },
  { kind: 'id', key: 'synthetic', label: '合成示例数据' },
];

/** Written by exports (the figure keys a person corrected, space-separated); ignored on import. */
export const CORRECTED_COLUMN: IdColumn = { kind: 'id', key: 'corrected', label: '人工更正' };

const TABLE_NUMBER: Record<TableId, string> = { active: '表二', applications: '表三', review: '表四' };

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  ...ACTIVE_KEYS.map((k) => ({
    kind: 'figure' as const,
    key: k.key,
    label: `${TABLE_NUMBER.active} · ${figureLabel('active', k.key)}`,
    tbl: 'active' as const,
    row: k.key,
    col: null,
    wide: `active.${k.key}`,
    decimal: k.unit === '万元',
    signed: isSignedActiveKey(k),
  })),
  ...APPLICATION_ROWS.flatMap((r) =>
    APPLICANT_COLUMNS.map((c) => ({
      kind: 'figure' as const,
      key: `applications.${r.key}.${c.key}`,
      label: `${TABLE_NUMBER.applications} · ${figureLabel('applications', r.key, c.key)}`,
      tbl: 'applications' as const,
      row: r.key,
      col: c.key,
      wide: `applications.${r.key}.${c.key}`,
      decimal: false,
      signed: false,
    })),
  ),
  ...REVIEW_KEYS.map((k) => ({
    kind: 'figure' as const,
    key: k,
    label: `${TABLE_NUMBER.review} · ${figureLabel('review', k)}`,
    tbl: 'review' as const,
    row: k,
    col: null,
    wide: `review.${k}`,
    decimal: false,
    signed: false,
  })),
];

/** Every column an export writes, in order. */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [...ID_COLUMNS, ...FIGURE_COLUMNS, CORRECTED_COLUMN];

/** Header text (key, wide name or Chinese label) → column. */
const BY_HEADER: ReadonlyMap<string, TemplateColumn> = (() => {
  const map = new Map<string, TemplateColumn>();
  const add = (name: string, c: TemplateColumn) => {
    const had = map.get(name);
    if (had && had !== c) throw new Error(`template header ${name} names two columns`);
    map.set(name, c);
  };
  for (const c of TEMPLATE_COLUMNS) {
    add(c.key, c);
    add(c.label, c);
    if (c.kind === 'figure') add(c.wide, c);
  }
  return map;
})();

export type HeaderStyle = 'keys' | 'labels';

export function headerOf(c: TemplateColumn, style: HeaderStyle): string {
  return style === 'keys' ? c.key : c.label;
}

/** A figure's value in a report, and whether the report has that figure at all. */
export function figureIn(report: Pick<Report, 'active' | 'applications' | 'review'>, c: FigureColumn): { present: boolean; value: Figure } {
  const holder = c.tbl === 'applications' ? report.applications[c.row] : c.tbl === 'active' ? report.active : report.review;
  const at = c.col ?? c.row;
  if (!holder || !(at in holder)) return { present: false, value: null };
  return { present: true, value: holder[at] ?? null };
}

/** One report as a template row (the order of TEMPLATE_COLUMNS); blanks and absent figures are null. */
export function templateRow(report: Report, corrected: readonly string[] = []): Cell[] {
  const j = report.jurisdiction;
  const ids: Record<IdColumn['key'], Cell> = {
    organ: report.organ,
    jurisdiction: j.name,
    jurisdiction_code: j.code,
    jurisdiction_level: j.level ?? null,
    parent: j.parent,
    county: j.county,
    city: j.city,
    province: j.province,
    year: report.year,
    template: report.template,
    published: report.published ?? null,
    synthetic: report.synthetic === true,
    corrected: corrected.length ? corrected.join(' ') : null,
  };
  return TEMPLATE_COLUMNS.map((c) => (c.kind === 'id' ? ids[c.key] : figureIn(report, c).value));
}

/** The figure key (template key) of a database figure. */
export function templateKey(tbl: TableId, row: string, col: string | null): string {
  return tbl === 'applications' ? `applications.${row}.${col}` : row;
}

export class TemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems, nothing was written:\n${problems.join('\n')}`);
    this.name = 'TemplateError';
  }
}

/** At most this many problems are listed; a file with a systematic error would list every row. */
const MAX_PROBLEMS = 20;

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const BLANKS = new Set(['', '—', '–', '-', '/', '无', '－', '／']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function isBlank(v: Cell): boolean {
  return v === null || (typeof v === 'string' && BLANKS.has(v.trim()));
}

function textOf(v: Cell): string | null {
  if (isBlank(v)) return null;
  return String(v).trim();
}

/** A cell of a figure column → its number; throws a message without the place (the caller adds it). */
export function figureValue(v: Cell, c: FigureColumn): Figure {
  if (isBlank(v)) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && NUMBER.test(v.trim())) n = Number(v.trim());
  else throw new Error(`${JSON.stringify(v)} is not a number (a blank cell or a dash is a blank)`);
  if (!Number.isFinite(n)) throw new Error(`${JSON.stringify(v)} is not a finite number`);
  if (!c.decimal && !Number.isInteger(n)) throw new Error(`${n} is not a whole number (only amounts in 万元 have decimals)`);
  if (!c.signed && n < 0) throw new Error(`${n} is negative (only 本年增/减 may be)`);
  if (!c.decimal && Math.abs(n) > 2 ** 31 - 1) throw new Error(`${n} is too large`);
  return n;
}

const TEMPLATE_BY_TEXT: ReadonlyMap<string, Template> = new Map(
  (Object.keys(TEMPLATE_LABELS) as Template[]).flatMap((t) => [
    [t, t],
    [TEMPLATE_LABELS[t], t],
  ]),
);

/** Which figures a report of this format has even when blank: those its tables print. */
function printedKeys(template: Template): Set<string> | null {
  if (template !== '2021' && template !== '2019') return null;
  const f: FormatVersion = template;
  return new Set([
    ...activeKeysFor(f).map((k) => k.key),
    ...applicationRowsFor(f).flatMap((r) => APPLICANT_COLUMNS.map((c) => `applications.${r.key}.${c.key}`)),
    ...REVIEW_KEYS,
  ]);
}

/**
 * The figures of a row into a report's tables. A format's printed figures are present even when
 * blank; any other figure only when it holds a number (a 2021-format row may print 其他处理 as one row).
 */
export function placeFigures(report: Report, values: ReadonlyMap<FigureColumn, Figure>): void {
  const printed = printedKeys(report.template);
  for (const [c, value] of values) {
    if (value === null && !printed?.has(c.key)) continue;
    if (c.tbl === 'applications') (report.applications[c.row] ??= {})[c.col!] = value;
    else report[c.tbl][c.row] = value;
  }
  if (printed) {
    for (const c of FIGURE_COLUMNS) {
      if (!printed.has(c.key) || values.has(c)) continue;
      if (c.tbl === 'applications') (report.applications[c.row] ??= {})[c.col!] = null;
      else report[c.tbl][c.row] = null;
    }
  }
}

export interface TemplateReport {
  /** the spreadsheet row number (the header is row 1) */
  row: number;
  report: Report;
}

interface Located {
  column: TemplateColumn;
  index: number;
  header: string;
}

/**
 * Spreadsheet rows (the first is the header) → reports. Every problem names its row and column;
 * if there is any, TemplateError lists them and no report is returned.
 */
export function readTemplateRows(rows: readonly (readonly Cell[])[], resolvePlace: PlaceResolver): TemplateReport[] {
  const problems: string[] = [];
  const problem = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const header = rows[0] ?? [];
  const located: Located[] = [];
  const seen = new Map<TemplateColumn, string>();
  header.forEach((h, index) => {
    const text = textOf(h);
    const where = `row 1, column ${columnLetter(index)}`;
    if (text === null) {
      if (rows.some((r, i) => i > 0 && !isBlank(r[index] ?? null))) problem(`${where}: the column has figures but no header`);
      return;
    }
    const column = BY_HEADER.get(text);
    if (!column) return problem(`${where} (${JSON.stringify(text)}): not a column of the template (a figure key such as applications.granted.total, or its Chinese label)`);
    const twice = seen.get(column);
    if (twice) return problem(`${where} (${JSON.stringify(text)}): the same column as ${twice}`);
    seen.set(column, `column ${columnLetter(index)}`);
    located.push({ column, index, header: text });
  });
  const has = (k: IdColumn['key']) => located.some((l) => l.column.kind === 'id' && l.column.key === k);
  for (const k of ['year', 'template'] as const) if (!has(k)) problem(`row 1: the template's column ${k} (${ID_COLUMNS.find((c) => c.key === k)!.label}) is missing`);
  if (!has('organ') && !has('jurisdiction') && !has('jurisdiction_code')) problem('row 1: a column organ (机关), jurisdiction (单位) or jurisdiction_code (区划代码) is needed to tell whose report a row is');
  if (problems.length) throw new TemplateError(problems);

  const out: TemplateReport[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    if (located.every((l) => isBlank(cells[l.index] ?? null))) continue;
    const row = r + 1;
    const ids = new Map<IdColumn['key'], { value: Cell; where: string }>();
    const values = new Map<FigureColumn, Figure>();
    for (const l of located) {
      const v = cells[l.index] ?? null;
      const where = `row ${row}, column ${columnLetter(l.index)} (${l.header})`;
      if (l.column.kind === 'id') ids.set(l.column.key, { value: v, where });
      else {
        try {
          values.set(l.column, figureValue(v, l.column));
        } catch (err) {
          problem(`${where}: ${(err as Error).message}`);
        }
      }
    }
    const report = identify(row, ids, resolvePlace, problem);
    if (!report) continue;
    placeFigures(report, values);
    report.checks = checkFigures(report.applications, report.review);
    out.push({ row, report });
  }
  if (problems.length) throw new TemplateError(problems);
  return out;
}

/** Division code or place name → the jurisdiction's places; the caller owns the division list. */
export type PlaceResolver = (place: { code: string | null; name: string | null; context: string }) =>
  | { ok: true; jurisdiction: Report['jurisdiction'] }
  | { ok: false; error: string };

function identify(
  row: number,
  ids: Map<IdColumn['key'], { value: Cell; where: string }>,
  resolvePlace: PlaceResolver,
  problem: (p: string) => void,
): Report | null {
  let failures = 0;
  const fail = (key: IdColumn['key'], why: string) => {
    failures++;
    problem(`${ids.get(key)?.where ?? `row ${row}`}: ${why}`);
  };
  const text = (key: IdColumn['key']) => textOf(ids.get(key)?.value ?? null);

  const yearText = text('year');
  const year = yearText === null ? null : Number(yearText);
  if (yearText === null) fail('year', 'the year is blank');
  else if (!Number.isInteger(year) || year! < 1990 || year! > 2100) fail('year', `${JSON.stringify(yearText)} is not a year`);

  const templateText = text('template');
  const template = templateText === null ? undefined : TEMPLATE_BY_TEXT.get(templateText);
  if (!template) fail('template', templateText === null ? 'the format version is blank (2021, 2019, hybrid, legacy or unknown)' : `${JSON.stringify(templateText)} is not a format version (2021, 2019, hybrid, legacy or unknown)`);

  const published = text('published');
  if (published !== null && !isCalendarDate(published)) fail('published', `${JSON.stringify(published)} is not a date YYYY-MM-DD`);

  const syntheticText = text('synthetic');
  const synthetic = syntheticText === null ? false : SYNTHETIC_TEXT.get(syntheticText.toLowerCase());
  if (synthetic === undefined) fail('synthetic', `${JSON.stringify(syntheticText)} is not true or false`);

  const organ = text('organ');
  const code = text('jurisdiction_code');
  const name = text('jurisdiction');
  if (organ === null && code === null && name === null) {
    failures++;
    problem(`row ${row}: organ (机关), jurisdiction (单位) and jurisdiction_code (区划代码) are all blank; whose report is it?`);
  }
  const given = {
    name,
    code,
    level: text('jurisdiction_level'),
    parent: text('parent'),
    county: text('county'),
    city: text('city'),
    province: text('province'),
  };
  let jurisdiction: Report['jurisdiction'] = { ...given };
  if (code !== null || (name !== null && given.county === null && given.city === null && given.province === null)) {
    const found = resolvePlace({ code, name, context: [given.province, given.city, given.county, given.parent].filter(Boolean).join('') });
    if (!found.ok) fail(code !== null ? 'jurisdiction_code' : 'jurisdiction', found.error);
    else jurisdiction = mergePlace(given, found.jurisdiction);
  }
  if (failures > 0) return null;
  return {
    organ,
    jurisdiction,
    year,
    published,
    ...(synthetic ? { synthetic: true } : {}),
    template: template!,
    active: {},
    applications: {},
    review: {},
    sections: { overview: null, problems: null, other: null },
    checks: [],
    warnings: [],
  };
}

/** What the row says wins; the division list fills what it leaves blank. */
function mergePlace(given: Omit<Report['jurisdiction'], 'candidates'>, found: Report['jurisdiction']): Report['jurisdiction'] {
  const j: Report['jurisdiction'] = {
    name: given.name ?? found.name,
    code: given.code ?? found.code,
    level: given.level ?? found.level ?? null,
    parent: given.parent ?? found.parent,
    county: given.county ?? found.county,
    city: given.city ?? found.city,
    province: given.province ?? found.province,
  };
  if (found.candidates) j.candidates = found.candidates;
  return j;
}

const SYNTHETIC_TEXT = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['是', true],
  ['否', false],
]);

export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === s;
}
