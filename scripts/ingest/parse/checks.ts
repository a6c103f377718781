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
 * digits left unsplit) is no blank.
 */
function sum(total: number, blanks: number, terms: number, printedBlank: boolean): Sum {
  // Decimal amounts (万元) must not fail a check on binary rounding; counts are exact already.
  const value = Number.isInteger(total) ? total : Number(total.toPrecision(12));
  return { value, blanks: blanks > 0, empty: blanks === terms, unread: blanks === terms && !printedBlank };
}

type Where = 'row' | 'column' | 'group';

/** No check where neither side holds a figure, or where one side was not read at all. */
function check(checks: Check[], rule: CheckRule, where: Where, at: string, expected: Sum, actual: Sum): void {
  if ((expected.empty && actual.empty) || expected.unread || actual.unread) return;
  const c = { rule } as Check;
  c[where] = at;
  c.ok = Math.abs(expected.value - actual.value) < 1e-6;
  c.expected = expected.value;
  c.actual = actual.value;
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

function cells({ values, cellOrigins }: ApplicationsRead, rows: readonly string[], cols: readonly string[]): Sum {
  let total = 0;
  let blanks = 0;
  for (const row of rows) {
    const r = values[row];
    for (const col of cols) {
      const v = r?.[col] ?? null;
      if (v === null) blanks++;
      else total += v;
    }
  }
  const n = rows.length * cols.length;
  return sum(total, blanks, n, blanks === n && rows.some((row) => cols.some((col) => (cellOrigins[row]?.[COLUMN_INDEX[col]] ?? null) !== null)));
}

function reviewCells({ values, origins }: ReviewRead, keys: readonly string[]): Sum {
  let total = 0;
  let blanks = 0;
  for (const k of keys) {
    const v = values[k] ?? null;
    if (v === null) blanks++;
    else total += v;
  }
  return sum(total, blanks, keys.length, blanks === keys.length && keys.some((k) => `review.${k}` in origins));
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

export function runChecks(applications: ApplicationsRead, review: ReviewRead): Check[] {
  const checks: Check[] = [];
  if (hasFigure(applications.values)) {
    const outcomeRows = OUTCOME_ROWS.filter((r) => r in applications.values);
    for (const { key: col } of APPLICANT_COLUMNS) {
      const column = [col];
      check(checks, 'applications.balance', 'column', col, cells(applications, BALANCE_IN, column), cells(applications, BALANCE_OUT, column));
      check(checks, 'applications.outcome_total', 'column', col, cells(applications, outcomeRows, column), cells(applications, TOTAL, column));
    }
    for (const row of Object.keys(applications.values)) {
      const rows = [row];
      check(checks, 'applications.row_total', 'row', row, cells(applications, rows, APPLICANTS), cells(applications, rows, TOTAL));
    }
  }
  REVIEW_GROUPS.forEach(({ key: group }, g) => {
    check(checks, 'review.total', 'group', group, reviewCells(review, REVIEW_PARTS[g]), reviewCells(review, REVIEW_TOTALS[g]));
  });
  return checks;
}
