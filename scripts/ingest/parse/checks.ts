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
 * digits left unsplit) is no blank. `keys` names the terms' origins; it is asked for only when
 * every term is blank.
 */
function sum(values: Figure[], keys: () => string[], origins: Record<string, Origin>): Sum {
  let total = 0;
  let blanks = 0;
  for (const t of values) {
    if (t === null) blanks++;
    else total += t;
  }
  const empty = blanks === values.length;
  // Decimal amounts (万元) must not fail a check on binary rounding; counts are exact already.
  const value = Number.isInteger(total) ? total : Number(total.toPrecision(12));
  return { value, blanks: blanks > 0, empty, unread: empty && !keys().some((k) => k in origins) };
}

/** No check where neither side holds a figure, or where one side was not read at all. */
function check(rule: CheckRule, where: Pick<Check, 'row' | 'column' | 'group'>, expected: Sum, actual: Sum): Check | null {
  if ((expected.empty && actual.empty) || expected.unread || actual.unread) return null;
  const c: Check = {
    rule,
    ...where,
    ok: Math.abs(expected.value - actual.value) < 1e-6,
    expected: expected.value,
    actual: actual.value,
  };
  if (expected.blanks || actual.blanks) c.assumed_blank_zero = true;
  return c;
}

const APPLICANTS = APPLICANT_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
const OUTCOME_ROWS = APPLICATION_ROWS.filter((r) => r.outcome).map((r) => r.key);
const REVIEW_PARTS = REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);

/** A table as read: its figures, and where each was read (blanks included) under `applications.<row>.<column>` or `review.<key>`. */
interface TableRead<V> {
  values: V;
  origins: Record<string, Origin>;
}

export function runChecks(
  { values: applications, origins }: TableRead<Record<string, Record<string, Figure>>>,
  { values: review, origins: reviewOrigins }: TableRead<Record<string, Figure>>,
): Check[] {
  const checks: (Check | null)[] = [];
  const cells = (rows: string[], cols: string[]): Sum => {
    const values: Figure[] = [];
    for (const row of rows) for (const col of cols) values.push(applications[row]?.[col] ?? null);
    return sum(values, () => rows.flatMap((row) => cols.map((col) => `applications.${row}.${col}`)), origins);
  };
  const outcomeRows = OUTCOME_ROWS.filter((r) => r in applications);
  const hasTable = Object.values(applications).some((row) => Object.values(row).some((v) => v !== null));
  if (hasTable) {
    for (const { key: col } of APPLICANT_COLUMNS) {
      const column = [col];
      checks.push(check('applications.balance', { column: col }, cells(['received_new', 'carried_over'], column), cells(['total', 'carried_forward'], column)));
      checks.push(check('applications.outcome_total', { column: col }, cells(outcomeRows, column), cells(['total'], column)));
    }
    for (const row of Object.keys(applications)) {
      checks.push(check('applications.row_total', { row }, cells([row], APPLICANTS), cells([row], ['total'])));
    }
  }
  for (const { key: group } of REVIEW_GROUPS) {
    const side = (cols: string[]) =>
      sum(
        cols.map((c) => review[`${group}.${c}`] ?? null),
        () => cols.map((c) => `review.${group}.${c}`),
        reviewOrigins,
      );
    checks.push(check('review.total', { group }, side(REVIEW_PARTS), side(['total'])));
  }
  return checks.filter((c): c is Check => c !== null);
}
