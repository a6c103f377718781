import type { Check } from '../report';

/** A row of the `checks` table, as queries read it. */
export interface CheckRow {
  rule: Check['rule'];
  row_key: string | null;
  col_key: string | null;
  grp: string | null;
  ok: boolean;
  expected: number | null;
  actual: number | null;
  assumed_blank_zero: boolean;
}

/** A stored check in the parser's shape: what it names (row, column or group) and nothing blank. */
export function checkOfRow(c: CheckRow): Check {
  return {
    rule: c.rule,
    ...(c.row_key ? { row: c.row_key } : {}),
    ...(c.col_key ? { column: c.col_key } : {}),
    ...(c.grp ? { group: c.grp } : {}),
    ok: c.ok,
    expected: c.expected,
    actual: c.actual,
    ...(c.assumed_blank_zero ? { assumed_blank_zero: true } : {}),
  };
}
