/** Part 三: applications and their outcomes, seven applicant columns per row. */
import { APPLICANT_COLUMNS, APPLICATION_ROWS, type Template } from '../keys';
import type { Figure, Origin } from '../report';
import { labelSpan, matchesLabel, readRow, type RowVerifier } from './cells';
import { APPLICATION_ROW_LABELS } from './labels';
import { compactOf, type Token } from './tokens';

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
const ALL_LABELS = Object.values(APPLICATION_ROW_LABELS);
const isLabel = (t: Token) => ALL_LABELS.some((re) => matchesLabel(t, re));

/** The next token that is the label of one of `rows`, searching from `from`. */
/** How far past the cursor a label broken over lines is looked for. */
const BROKEN_LABEL_WINDOW = 8;

function nextLabel(tokens: Token[], from: number, rows: string[]): { at: number; row: string; span: number } | null {
  for (let i = from; i < tokens.length; i++) {
    for (const row of rows) if (matchesLabel(tokens[i], APPLICATION_ROW_LABELS[row])) return { at: i, row, span: 1 };
    // A label broken over lines is looked for only as the row wanted next, and only near the cursor:
    // joining pieces for every row at every token costs more than the rest of the parse.
    if (i - from >= BROKEN_LABEL_WINDOW) continue;
    const span = labelSpan(tokens, i, APPLICATION_ROW_LABELS[rows[0]]);
    if (span > 1) return { at: i, row: rows[0], span };
  }
  return null;
}

/** (六)其他处理, possibly broken in two (`（六）其` / `他处理`). */
function findOtherGroup(tokens: Token[]): number {
  const label = APPLICATION_ROW_LABELS['other.all'];
  return tokens.findIndex((t, i) => {
    if (t.kind !== 'text') return false;
    if (matchesLabel(t, label)) return true;
    const next = tokens[i + 1];
    return next?.kind === 'text' && /其$/.test(compactOf(t)) && label.test(compactOf(t) + compactOf(next));
  });
}

function followedByCells(tokens: Token[], at: number): boolean {
  const read = readRow(tokens, at, 1, APPLICATION_ROW_LABELS['other.all']);
  return read.found > 0 || read.runTogether;
}

export function readApplications(tokens: Token[], template: Template, exact = false): ApplicationsRead {
  const warnings: string[] = [];
  const values: Record<string, Record<string, Figure>> = {};
  const origins: Record<string, Origin> = {};
  const otherAt = findOtherGroup(tokens);
  const subRowPrinted = otherAt !== -1 && nextLabel(tokens, otherAt, SUB_ROWS) !== null;
  const otherAsOneRow = otherAt !== -1 ? followedByCells(tokens, otherAt) && !subRowPrinted : template === '2019';
  const rows = APPLICATION_ROWS.map((r) => r.key).filter((k) => (otherAsOneRow ? !SUB_ROWS.includes(k) : k !== 'other.all'));

  // Column headers (其他, 总计) repeat row labels; the rows begin at the first one.
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
