/** The consistency rules the format itself prints (report-schema.md), as data. */
import { APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type CheckRule } from '../keys';
import type { Check, Figure, Origin } from '../report';

interface Sum {
  value: number;
  blanks: boolean;
  /** no term holds a figure */
  empty: boolean;
  /** no term was read from the document at all: neither a figure nor a printed blank */
  unread: boolean;
}

/**
 * Blanks count as 0 and the check says so, also when every term is a blank: six blank applicant
 * cells beside a printed total of 0 agree. A cell that was never read (a row the document lacks,
 * digits left unsplit) is no blank. Written into `out`: a report compares some 60 pairs of sums,
 * and each check has read both before the next pair is summed.
 */
function sum(out: Sum, total: number, blanks: number, terms: number, printedBlank: boolean): Sum {
  // Decimal amounts (万元) must not fail a check on binary rounding; counts are exact already.
  out.value = Number.isInteger(total) ? total : Number(total.toPrecision(12));
  out.blanks = blanks > 0;
  out.empty = blanks === terms;
  out.unread = blanks === terms && !printedBlank;
  return out;
}
const EXPECTED: Sum = { value: 0, blanks: false, empty: false, unread: false };
const ACTUAL: Sum = { value: 0, blanks: false, empty: false, unread: false };

type Where = 'row' | 'column' | 'group';

/** No check where neither side holds a figure, or where one side was not read at all. */
function check(checks: Check[], rule: CheckRule, where: Where, at: string, expected: Sum, actual: Sum): void {
  if ((expected.empty && actual.empty) || expected.unread || actual.unread) return;
  const ok = Math.abs(expected.value - actual.value) < 1e-6;
  // One literal per shape: adding the place under a computed name went through V8's slow path.
  const c: Check =
    where === 'row'
      ? { rule, row: at, ok, expected: expected.value, actual: actual.value }
      : where === 'column'
        ? { rule, column: at, ok, expected: expected.value, actual: actual.value }
        : { rule, group: at, ok, expected: expected.value, actual: actual.value };
  if (expected.blanks || actual.blanks) c.assumed_blank_zero = true;
  checks.push(c);
}

const APPLICANTS = APPLICANT_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
const TOTAL = ['total'];
const OUTCOME_ROWS = APPLICATION_ROWS.filter((r) => r.outcome).map((r) => r.key);
const BALANCE_IN = ['received_new', 'carried_over'];
const BALANCE_OUT = ['total', 'carried_forward'];
const REVIEW_PARTS = REVIEW_GROUPS.map((g) => REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => `${g.key}.${c.key}`));
const REVIEW_TOTALS = REVIEW_GROUPS.map((g) => [`${g.key}.total`]);

type Applications = Record<string, Record<string, Figure>>;

/** Table 三 as read: its figures, and by row in column order where each was read (blanks included). */
interface ApplicationsRead {
  values: Applications;
  cellOrigins: Record<string, (Origin | null)[]>;
}

/** Table 四 as read: its figures, and where each was read (blanks included) under `review.<key>`. */
interface ReviewRead {
  values: Record<string, Figure>;
  origins: Record<string, Origin>;
}

const COLUMN_INDEX: Record<string, number> = Object.fromEntries(APPLICANT_COLUMNS.map((c, j) => [c.key, j]));

function cells(out: Sum, { values, cellOrigins }: ApplicationsRead, rows: readonly string[], cols: readonly string[]): Sum {
  let total = 0;
  let blanks = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = values[rows[i]];
    for (let j = 0; j < cols.length; j++) {
      const v = r?.[cols[j]] ?? null;
      if (v === null) blanks++;
      else total += v;
    }
  }
  const n = rows.length * cols.length;
  return sum(out, total, blanks, n, blanks === n && rows.some((row) => cols.some((col) => (cellOrigins[row]?.[COLUMN_INDEX[col]] ?? null) !== null)));
}

function reviewCells(out: Sum, { values, origins }: ReviewRead, keys: readonly string[]): Sum {
  let total = 0;
  let blanks = 0;
  for (const k of keys) {
    const v = values[k] ?? null;
    if (v === null) blanks++;
    else total += v;
  }
  return sum(out, total, blanks, keys.length, blanks === keys.length && keys.some((k) => `review.${k}` in origins));
}

function hasFigure(applications: Applications): boolean {
  for (const row in applications) for (const col in applications[row]) if (applications[row][col] !== null) return true;
  return false;
}

/** Where a stored or imported figure was read is not known, but it was: every key present counts as read. */
const READ: Origin = { raw: '', start: -1, end: -1 };

/**
 * The checks of figures that are known to be in the report (stored, imported, corrected): a key
 * present with a null is a blank cell, which counts as 0; a key absent is a row the report lacks.
 */
export function checkFigures(applications: Applications, review: Record<string, Figure>): Check[] {
  const cellOrigins: Record<string, (Origin | null)[]> = {};
  for (const row in applications) cellOrigins[row] = APPLICANT_COLUMNS.map((c) => (c.key in applications[row] ? READ : null));
  const origins: Record<string, Origin> = {};
  for (const key in review) origins[`review.${key}`] = READ;
  return runChecks({ values: applications, cellOrigins }, { values: review, origins });
}

/** [key] for each column, made once. */
const ONE_COLUMN: Record<string, string[]> = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.key, [c.key]]));

export function runChecks(applications: ApplicationsRead, review: ReviewRead): Check[] {
  const checks: Check[] = [];
  if (hasFigure(applications.values)) {
    const outcomeRows = OUTCOME_ROWS.filter((r) => r in applications.values);
    for (const { key: col } of APPLICANT_COLUMNS) {
      const column = ONE_COLUMN[col];
      check(checks, 'applications.balance', 'column', col, cells(EXPECTED, applications, BALANCE_IN, column), cells(ACTUAL, applications, BALANCE_OUT, column));
      check(checks, 'applications.outcome_total', 'column', col, cells(EXPECTED, applications, outcomeRows, column), cells(ACTUAL, applications, TOTAL, column));
    }
    const row = [''];
    for (const key of Object.keys(applications.values)) {
      row[0] = key;
      check(checks, 'applications.row_total', 'row', key, cells(EXPECTED, applications, row, APPLICANTS), cells(ACTUAL, applications, row, TOTAL));
    }
  }
  REVIEW_GROUPS.forEach(({ key: group }, g) => {
    check(checks, 'review.total', 'group', group, reviewCells(EXPECTED, review, REVIEW_PARTS[g]), reviewCells(ACTUAL, review, REVIEW_TOTALS[g]));
  });
  return checks;
}
