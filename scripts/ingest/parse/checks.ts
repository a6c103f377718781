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
function sum(keys: string[], values: Figure[], origins: Record<string, Origin>): Sum {
  let total = 0;
  let blanks = 0;
  let read = false;
  for (let i = 0; i < values.length; i++) {
    const t = values[i];
    if (t === null) {
      blanks++;
      if (keys[i] in origins) read = true;
    } else {
      total += t;
      read = true;
    }
  }
  // Decimal amounts (万元) must not fail a check on binary rounding; counts are exact already.
  const value = Number.isInteger(total) ? total : Number(total.toPrecision(12));
  return { value, blanks: blanks > 0, empty: blanks === values.length, unread: !read };
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

/** origins: where each figure was read (`applications.<row>.<column>`, `review.<key>`), blanks included. */
export function runChecks(
  applications: Record<string, Record<string, Figure>>,
  review: Record<string, Figure>,
  origins: Record<string, Origin>,
): Check[] {
  const checks: (Check | null)[] = [];
  const cells = (cells: [string, string][]) =>
    sum(
      cells.map(([row, col]) => `applications.${row}.${col}`),
      cells.map(([row, col]) => applications[row]?.[col] ?? null),
      origins,
    );
  const outcomeRows = APPLICATION_ROWS.filter((r) => r.outcome && r.key in applications).map((r) => r.key);
  const hasTable = Object.values(applications).some((row) => Object.values(row).some((v) => v !== null));
  if (hasTable) {
    for (const { key: col } of APPLICANT_COLUMNS) {
      checks.push(
        check(
          'applications.balance',
          { column: col },
          cells([['received_new', col], ['carried_over', col]]),
          cells([['total', col], ['carried_forward', col]]),
        ),
      );
      checks.push(check('applications.outcome_total', { column: col }, cells(outcomeRows.map((r) => [r, col])), cells([['total', col]])));
    }
    const applicants = APPLICANT_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
    for (const row of Object.keys(applications)) {
      checks.push(check('applications.row_total', { row }, cells(applicants.map((c) => [row, c])), cells([[row, 'total']])));
    }
  }
  for (const g of REVIEW_GROUPS) {
    const parts = REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => `review.${g.key}.${c.key}`);
    const total = [`review.${g.key}.total`];
    const value = (k: string) => review[k.slice('review.'.length)] ?? null;
    checks.push(check('review.total', { group: g.key }, sum(parts, parts.map(value), origins), sum(total, total.map(value), origins)));
  }
  return checks.filter((c): c is Check => c !== null);
}
