/**
 * A parsed report → the rows the writer appends, checked and converted before any write (in the
 * parse worker), so that writing can only fail for reasons of the database itself. Keys become
 * ENUM indexes and figure-key indexes here; the result is plain data a worker can post.
 */
import { COMPARED_PARTS, encodeSignature, signatureOf } from '../insights/similarity';
import { incompleteParts } from '../parse/recognize';
import type { Report } from '../report';
import { CHAIN_SEPARATOR, WIDE_COLUMNS, WIDE_INDEX, enumValues } from './schema';

export interface SourceFile {
  path: string;
  sha256: string;
  format: string;
  encoding: string | null;
}

/** Whose report, where and for which year: the `reports` columns every view of a report shows. */
export interface ReportPlace {
  organ: string | null;
  jurisdiction_name: string | null;
  jurisdiction_code: string | null;
  parent: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  year: number | null;
}

/** One `reports` row without what the writer decides (id, supersession, ingest time). */
export interface ReportRow extends ReportPlace {
  jurisdiction_level: string | null;
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
  /** the organ across years (schema.ts CHAIN_SQL); null when it cannot be told apart */
  chain: string | null;
  /** the report's own checks that fail (a break with another year is not one of them) */
  failed_checks: number;
}

/**
 * One report's figures as typed columns (cheap to post from a worker and to copy into DuckDB).
 * Table, row and column follow from `key`, the figure's index in WIDE_COLUMNS.
 */
export interface StagedFigures {
  key: Uint16Array;
  /** the printed number; meaningless where `printed` is 0 */
  value: Float64Array;
  /** 1 = a number, 0 = a blank cell (NULL) */
  printed: Uint8Array;
  /** 1 = the cell's text and place are known */
  located: Uint8Array;
  /** every cell's text, joined by RAW_SEPARATOR ('' where not located) */
  raw: string;
  start: Int32Array;
  end: Int32Array;
}

/** Joins the cells' text in StagedFigures.raw; a cell containing it is refused. */
export const RAW_SEPARATOR = '\u001f';

/** A report's checks as typed columns; NONE marks a NULL key. */
export interface StagedChecks {
  rule: Uint8Array;
  row: Uint8Array;
  col: Uint8Array;
  grp: Uint8Array;
  ok: Uint8Array;
  expected: Float64Array;
  actual: Float64Array;
  /** bit 0: expected is a number, bit 1: actual is a number */
  valued: Uint8Array;
  blank: Uint8Array;
}

/** The ENUM index standing for NULL in StagedChecks. */
export const NONE = 255;

export interface StagedReport {
  report: ReportRow;
  figures: StagedFigures;
  checks: StagedChecks;
  /** why the report is incomplete (recognize.ts); empty when it is whole */
  incomplete: string[];
  /** the MinHash signature of each of COMPARED_PARTS (encoded), null for a part without prose */
  signatures: (Uint8Array | null)[];
}

const indexer = (type: string) => {
  const map = new Map(enumValues(type).map((v, i) => [v, i]));
  return (value: string, what: string): number => {
    const i = map.get(value);
    if (i === undefined) throw new Error(`the parser gave an unknown ${what} ${JSON.stringify(value)} (not in keys.ts)`);
    return i;
  };
};
const rowIndex = indexer('figure_row');
const columnIndex = indexer('applicant_column');
const ruleIndex = indexer('check_rule');
const groupIndex = indexer('review_group');

/*
 * `what` and `detail` name the value in the error, joined only on failure: a label built for each of
 * a report's hundreds of values was an allocation per value for an error that almost never comes.
 */
function number(v: unknown, what: string, detail = ''): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what}${detail} is not a finite number: ${String(v)}`);
  return v;
}

function integer(v: unknown, what: string, detail = ''): number | null {
  const n = number(v, what, detail);
  if (n !== null && (!Number.isInteger(n) || Math.abs(n) > 2 ** 31 - 1)) throw new Error(`${what}${detail} is not a 32-bit integer: ${n}`);
  return n;
}

function text(v: unknown, what: string, detail = ''): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`${what}${detail} is not text`);
  return v;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → days since the epoch; a date that does not exist is refused. */
function days(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  const d = new Date(t);
  if (!m || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) throw new Error(`published date ${JSON.stringify(date)} is not a calendar date`);
  return t / DAY_MS;
}

/** The division code, when it is one (at least two digits). */
const divisionCode = (code: string | null): string | null => (code && /^\d{2,}$/.test(code) ? code : null);

/** The same as CHAIN_SQL, for a row about to be written. */
export function chainOf(r: Omit<ReportRow, 'chain' | 'failed_checks'>): string | null {
  const place = [r.jurisdiction_code, r.parent, r.county, r.city, r.province];
  if (!r.organ || r.candidates !== null || place.every((p) => p === null)) return null;
  return [r.organ, ...place.map((p) => p ?? ''), r.synthetic ? 'synthetic' : 'real'].join(CHAIN_SEPARATOR);
}

export function stageReport(report: Report, file: SourceFile): StagedReport {
  const j = report.jurisdiction;
  const division = divisionCode(j.code);
  // One literal in the row's column order, not a literal spread into another (each spread copies key by key).
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
    county_code: division && division.length >= 6 ? division.slice(0, 6) : null,
    city_code: division && division.length >= 4 ? division.slice(0, 4) : null,
    province_code: division && division.slice(0, 2),
    chain: null,
    failed_checks: failedChecks(report),
  };
  row.chain = chainOf(row);
  const arrays = new StagedArrays(figureCount(report), report.checks.length, proseSignatures(row));
  return { report: row, figures: stageFigures(report, arrays.figures), checks: stageChecks(report, arrays.checks), incomplete: incompleteParts(report), signatures: arrays.signatures };
}

function failedChecks(report: Report): number {
  let n = 0;
  for (const c of report.checks) if (!c.ok) n++;
  return n;
}

/**
 * A staged report's typed arrays as views of one ArrayBuffer: posting the report then transfers one
 * buffer rather than nineteen, whose transfers cost more than their bytes. Views are taken widest
 * first, so that each is aligned.
 */
class StagedArrays {
  readonly figures: Omit<StagedFigures, 'raw'>;
  readonly checks: StagedChecks;
  readonly signatures: (Uint8Array | null)[];
  private readonly buffer: ArrayBuffer;
  private at = 0;

  constructor(figures: number, checks: number, signatures: readonly (Uint8Array | null)[]) {
    const signatureBytes = signatures.reduce((n, s) => n + (s?.length ?? 0), 0);
    this.buffer = new ArrayBuffer(8 * (figures + 2 * checks) + 4 * 2 * figures + 2 * figures + (2 * figures + 7 * checks) + signatureBytes);
    const value = this.take(Float64Array, figures);
    const expected = this.take(Float64Array, checks);
    const actual = this.take(Float64Array, checks);
    const start = this.take(Int32Array, figures);
    const end = this.take(Int32Array, figures);
    const key = this.take(Uint16Array, figures);
    this.figures = { key, value, printed: this.take(Uint8Array, figures), located: this.take(Uint8Array, figures), start, end };
    this.checks = {
      rule: this.take(Uint8Array, checks),
      row: this.take(Uint8Array, checks),
      col: this.take(Uint8Array, checks),
      grp: this.take(Uint8Array, checks),
      ok: this.take(Uint8Array, checks),
      expected,
      actual,
      valued: this.take(Uint8Array, checks),
      blank: this.take(Uint8Array, checks),
    };
    this.signatures = signatures.map((s) => {
      if (!s) return null;
      const copy = this.take(Uint8Array, s.length);
      copy.set(s);
      return copy;
    });
  }

  private take<T>(make: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, length: number): T {
    const view = new make(this.buffer, this.at, length);
    this.at += length * make.BYTES_PER_ELEMENT;
    return view;
  }
}

/** Signed here, in the parse workers, rather than by the writer: MinHash is most of 雷同检测's cost. */
export function proseSignatures(r: Pick<ReportRow, ProseSigned>): (Uint8Array | null)[] {
  const names = [r.organ, r.jurisdiction_name, r.parent, r.county, r.city, r.province].filter((n): n is string => !!n);
  return COMPARED_PARTS.map((part) => {
    const sig = signatureOf(part === 'overview' ? r.section_overview : r.section_problems, names);
    return sig && encodeSignature(sig);
  });
}

type ProseSigned = 'organ' | 'jurisdiction_name' | 'parent' | 'county' | 'city' | 'province' | 'section_overview' | 'section_problems';

/** A figure key: its index in WIDE_COLUMNS, its name, and the name of its cell in its holder. */
interface FigureSlot {
  key: number;
  name: string;
  at: string;
}

/**
 * The figure keys by the object of the parser's output that holds them, in WIDE_COLUMNS order (a
 * table 三 row's columns together): a report's holder is looked up once per row, not once per key.
 */
const FIGURE_GROUPS: { tbl: 'active' | 'applications' | 'review'; row: string | null; slots: FigureSlot[] }[] = [];
WIDE_COLUMNS.forEach((c, key) => {
  const row = c.tbl === 'applications' ? c.row : null;
  let group = FIGURE_GROUPS[FIGURE_GROUPS.length - 1];
  if (!group || group.tbl !== c.tbl || group.row !== row) FIGURE_GROUPS.push((group = { tbl: c.tbl, row, slots: [] }));
  group.slots.push({ key, name: c.name, at: c.col ?? c.row });
});

function figureCount(report: Report): number {
  let n = Object.keys(report.active).length + Object.keys(report.review).length;
  for (const cols of Object.values(report.applications)) n += Object.keys(cols).length;
  return n;
}

function unknownFigure(report: Report): string {
  const names = [
    ...Object.keys(report.active).map((k) => `active.${k}`),
    ...Object.entries(report.applications).flatMap(([r, cols]) => Object.keys(cols).map((c) => `applications.${r}.${c}`)),
    ...Object.keys(report.review).map((k) => `review.${k}`),
  ];
  return names.find((n) => !WIDE_INDEX.has(n)) ?? '?';
}

function stageFigures(report: Report, arrays: Omit<StagedFigures, 'raw'>): StagedFigures {
  const n = arrays.key.length;
  // Named, not spread: the spread of the arrays' object took ≈ 10 µs a report by the profile.
  const f: StagedFigures = { key: arrays.key, value: arrays.value, printed: arrays.printed, located: arrays.located, start: arrays.start, end: arrays.end, raw: '' };
  const raws: string[] = [];
  const origins = report.origins;
  let i = 0;
  for (const group of FIGURE_GROUPS) {
    const holder: Record<string, unknown> | undefined =
      group.tbl === 'applications' ? report.applications[group.row!] : group.tbl === 'active' ? report.active : report.review;
    if (!holder) continue;
    for (const slot of group.slots) {
      const held = holder[slot.at];
      if (held === undefined && !(slot.at in holder)) continue;
      f.key[i] = slot.key;
      const v = number(held, slot.name);
      if (v !== null) {
        f.value[i] = v;
        f.printed[i] = 1;
      }
      const origin = origins?.[slot.name];
      if (origin) {
        const raw = text(origin.raw, slot.name, ' cell text')!;
        if (raw.includes(RAW_SEPARATOR)) throw new Error(`${slot.name}: the cell text contains the control character U+001F`);
        raws.push(raw);
        f.located[i] = 1;
        f.start[i] = integer(origin.start, slot.name, ' start')!;
        f.end[i] = integer(origin.end, slot.name, ' end')!;
      } else {
        raws.push('');
      }
      i++;
    }
  }
  if (i !== n) throw new Error(`the parser gave an unknown figure key ${unknownFigure(report)} (not in keys.ts)`);
  f.raw = raws.join(RAW_SEPARATOR);
  return f;
}

function stageChecks(report: Report, c: StagedChecks): StagedChecks {
  const checks = report.checks;
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i];
    c.rule[i] = ruleIndex(check.rule, 'check rule');
    c.row[i] = check.row === undefined ? NONE : rowIndex(check.row, 'check row');
    c.col[i] = check.column === undefined ? NONE : columnIndex(check.column, 'check column');
    c.grp[i] = check.group === undefined ? NONE : groupIndex(check.group, 'check group');
    c.ok[i] = check.ok === true ? 1 : 0;
    const expected = number(check.expected, check.rule, ' expected');
    const actual = number(check.actual, check.rule, ' actual');
    if (expected !== null) c.expected[i] = expected;
    if (actual !== null) c.actual[i] = actual;
    c.valued[i] = (expected !== null ? 1 : 0) | (actual !== null ? 2 : 0);
    c.blank[i] = check.assumed_blank_zero === true ? 1 : 0;
  }
  return c;
}

/** The buffers of a staged report (one, made by stageReport), to transfer rather than copy when posting it. */
export function stagedBuffers(s: StagedReport): ArrayBuffer[] {
  const views = [...Object.values(s.figures), ...Object.values(s.checks), ...s.signatures].filter((v): v is Uint8Array => ArrayBuffer.isView(v));
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}
