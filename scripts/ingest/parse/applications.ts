/** Part 三: applications and their outcomes, seven applicant columns per row. */
import { APPLICANT_COLUMNS, APPLICATION_ROWS, type Template } from '../keys';
import type { Figure, Origin } from '../report';
import { labelSpan, matchesLabel, readRow, type RowVerifier } from './cells';
import { APPLICATION_ROW_LABELS } from './labels';
import type { Token } from './tokens';

export interface ApplicationsRead {
  values: Record<string, Record<string, Figure>>;
  origins: Record<string, Origin>;
  warnings: string[];
  /** (六)其他处理 printed as one row rather than three */
  otherAsOneRow: boolean;
}

const N = APPLICANT_COLUMNS.length;
/** The total column is the sum of the six applicant columns. */
const rowAddsUp: RowVerifier = (v) => v.slice(0, N - 1).reduce((a, b) => a + b, 0) === v[N - 1];
const SUB_ROWS = ['other.no_correction', 'other.unpaid_fee', 'other.other'];

/** The next token that is the label of one of `rows`, searching from `from`. */
function nextLabel(tokens: Token[], from: number, rows: string[]): { at: number; row: string; span: number } | null {
  for (let i = from; i < tokens.length; i++) {
    for (const row of rows) {
      const span = labelSpan(tokens, i, APPLICATION_ROW_LABELS[row]);
      if (span > 0) return { at: i, row, span };
    }
  }
  return null;
}

function followedByCells(tokens: Token[], at: number): boolean {
  const read = readRow(tokens, at, 1, APPLICATION_ROW_LABELS['other.all']);
  return read.found > 0 || read.runTogether;
}

export function readApplications(tokens: Token[], template: Template, exact = false): ApplicationsRead {
  const warnings: string[] = [];
  const values: Record<string, Record<string, Figure>> = {};
  const origins: Record<string, Origin> = {};
  const otherAt = nextLabel(tokens, 0, ['other.all'])?.at ?? -1;
  const subRowPrinted = otherAt !== -1 && nextLabel(tokens, otherAt, SUB_ROWS) !== null;
  const otherAsOneRow = otherAt !== -1 ? followedByCells(tokens, otherAt) && !subRowPrinted : template === '2019';
  const rows = APPLICATION_ROWS.map((r) => r.key).filter((k) => (otherAsOneRow ? !SUB_ROWS.includes(k) : k !== 'other.all'));

  // Column headers (其他, 总计) repeat row labels; the rows begin at the first one.
  const isLabel = (t: Token) => Object.values(APPLICATION_ROW_LABELS).some((re) => matchesLabel(t, re));
  let cursor = Math.max(0, nextLabel(tokens, 0, [rows[0]])?.at ?? 0);
  rows.forEach((row, i) => {
    const hit = nextLabel(tokens, cursor, rows.slice(i));
    const read = hit && hit.row === row ? readRow(tokens, hit.at, N, APPLICATION_ROW_LABELS[row], { verify: rowAddsUp, exact, span: hit.span, isLabel }) : null;
    if (read) cursor = read.next;
    const label = APPLICATION_ROWS.find((r) => r.key === row)!.label;
    if (!read) warnings.push(`part 三: row ${label} not found`);
    else if (read.runTogether && read.found === 0) warnings.push(`part 三: cells of ${label} run together with no separator; left blank rather than guessed`);
    else if (read.found < N) warnings.push(`part 三: row ${label} has ${read.found} of ${N} cells`);
    values[row] = {};
    APPLICANT_COLUMNS.forEach((c, j) => {
      const cell = read?.cells[j];
      values[row][c.key] = cell?.value ?? null;
      if (cell?.origin) origins[`applications.${row}.${c.key}`] = cell.origin;
      if (cell?.note) warnings.push(`applications.${row}.${c.key}: note in the cell “${cell.note}” ignored`);
    });
  });
  return { values, origins, warnings, otherAsOneRow };
}
