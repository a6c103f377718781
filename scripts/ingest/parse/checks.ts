/** The consistency rules the format itself prints (report-schema.md), as data. */
import { APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type CheckRule } from '../keys';
import type { Check, Figure } from '../report';

interface Sum {
  value: number | null;
  blanks: boolean;
}

/** Blanks count as 0 and the check says so; a sum of nothing but blanks is no sum. */
function sum(terms: Figure[]): Sum {
  let total = 0;
  let blanks = 0;
  for (const t of terms) {
    if (t === null) blanks++;
    else total += t;
  }
  if (blanks === terms.length) return { value: null, blanks: true };
  // Decimal amounts (万元) must not fail a check on binary rounding; counts are exact already.
  return { value: Number.isInteger(total) ? total : Number(total.toPrecision(12)), blanks: blanks > 0 };
}

function check(rule: CheckRule, where: Pick<Check, 'row' | 'column' | 'group'>, expected: Sum, actual: Sum): Check | null {
  if (expected.value === null && actual.value === null) return null;
  const c: Check = {
    rule,
    ...where,
    ok: expected.value !== null && actual.value !== null && Math.abs(expected.value - actual.value) < 1e-6,
    expected: expected.value,
    actual: actual.value,
  };
  if (expected.blanks || actual.blanks) c.assumed_blank_zero = true;
  return c;
}

export function runChecks(applications: Record<string, Record<string, Figure>>, review: Record<string, Figure>): Check[] {
  const checks: (Check | null)[] = [];
  const cell = (row: string, col: string): Figure => applications[row]?.[col] ?? null;
  const outcomeRows = APPLICATION_ROWS.filter((r) => r.outcome && r.key in applications).map((r) => r.key);
  const hasTable = Object.values(applications).some((row) => Object.values(row).some((v) => v !== null));
  if (hasTable) {
    for (const { key: col } of APPLICANT_COLUMNS) {
      checks.push(
        check(
          'applications.balance',
          { column: col },
          sum([cell('received_new', col), cell('carried_over', col)]),
          sum([cell('total', col), cell('carried_forward', col)]),
        ),
      );
      checks.push(check('applications.outcome_total', { column: col }, sum(outcomeRows.map((r) => cell(r, col))), sum([cell('total', col)])));
    }
    const applicants = APPLICANT_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
    for (const row of Object.keys(applications)) {
      checks.push(check('applications.row_total', { row }, sum(applicants.map((c) => cell(row, c))), sum([cell(row, 'total')])));
    }
  }
  for (const g of REVIEW_GROUPS) {
    const parts = REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => review[`${g.key}.${c.key}`] ?? null);
    checks.push(check('review.total', { group: g.key }, sum(parts), sum([review[`${g.key}.total`] ?? null])));
  }
  return checks.filter((c): c is Check => c !== null);
}
