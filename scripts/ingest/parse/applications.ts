/** Part 三: applications and their outcomes, seven applicant columns per row. */
import { APPLICANT_COLUMNS, APPLICATION_ROWS, type Template } from '../keys';
import type { Figure, Origin } from '../report';
import { brokenLabelSpan, labelIndex, labelSet, readRow, type LabelIndex, type RowVerifier } from './cells';
import { APPLICATION_ROW_LABELS } from './labels';
import { compactOf, type Token } from './tokens';

export interface ApplicationsRead {
  values: Record<string, Record<string, Figure>>;
  /** by row, in column order: where each figure (or printed blank) was read, null where nothing was */
  cellOrigins: Record<string, (Origin | null)[]>;
  warnings: string[];
  /** (六)其他处理 printed as one row rather than three */
  otherAsOneRow: boolean;
}

const N = APPLICANT_COLUMNS.length;
/** The total column is the sum of the six applicant columns. */
const rowAddsUp: RowVerifier = (v) => v.slice(0, N - 1).reduce((a, b) => a + b, 0) === v[N - 1];
const SUB_ROWS = ['other.no_correction', 'other.unpaid_fee', 'other.other'];
const LABELS = labelSet(APPLICATION_ROW_LABELS);
const ROW_LABEL: Record<string, string> = Object.fromEntries(APPLICATION_ROWS.map((r) => [r.key, r.label]));
/** `applications.<row>.<column>` for every cell, built once. */
const ORIGIN_KEYS: Record<string, string[]> = Object.fromEntries(
  APPLICATION_ROWS.map((r) => [r.key, APPLICANT_COLUMNS.map((c) => `applications.${r.key}.${c.key}`)]),
);

/** How far past the cursor a label broken over lines is looked for. */
const BROKEN_LABEL_WINDOW = 8;

/** The next token, from `from`, that is the label of rows[first] or of a row after it. */
function nextLabel(
  tokens: Token[],
  labels: LabelIndex,
  from: number,
  rows: string[],
  first = 0,
): { at: number; row: string; span: number } | null {
  for (let i = from; i < tokens.length; i++) {
    if (tokens[i].kind !== 'text') continue;
    for (let r = first; r < rows.length; r++) if (labels.matches(i, rows[r])) return { at: i, row: rows[r], span: 1 };
    // A label broken over lines is looked for only as the row wanted next, and only near the cursor:
    // joining pieces for every row at every token costs more than the rest of the parse.
    if (i - from >= BROKEN_LABEL_WINDOW) continue;
    const span = brokenLabelSpan(tokens, i, APPLICATION_ROW_LABELS[rows[first]]);
    if (span > 0) return { at: i, row: rows[first], span };
  }
  return null;
}

/** (六)其他处理, possibly broken in two (`（六）其` / `他处理`). */
function findOtherGroup(tokens: Token[], labels: LabelIndex): number {
  const label = APPLICATION_ROW_LABELS['other.all'];
  return tokens.findIndex((t, i) => {
    // Both ways of printing the label hold 其: a token without it is neither, and is not matched.
    if (t.kind !== 'text' || !t.text.includes('其')) return false;
    if (labels.matches(i, 'other.all')) return true;
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
  const cellOrigins: Record<string, (Origin | null)[]> = {};
  const labels = labelIndex(tokens, LABELS);
  const otherAt = findOtherGroup(tokens, labels);
  const subRowPrinted = otherAt !== -1 && nextLabel(tokens, labels, otherAt, SUB_ROWS) !== null;
  const otherAsOneRow = otherAt !== -1 ? followedByCells(tokens, otherAt) && !subRowPrinted : template === '2019';
  const rows = APPLICATION_ROWS.map((r) => r.key).filter((k) => (otherAsOneRow ? !SUB_ROWS.includes(k) : k !== 'other.all'));

  // Column headers (其他, 总计) repeat row labels; the rows begin at the first one.
  let cursor = Math.max(0, nextLabel(tokens, labels, 0, [rows[0]])?.at ?? 0);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const hit = nextLabel(tokens, labels, cursor, rows, i);
    const read = hit && hit.row === row ? readRow(tokens, hit.at, N, APPLICATION_ROW_LABELS[row], { verify: rowAddsUp, exact, span: hit.span, isLabel: labels.any }) : null;
    if (read) cursor = read.next;
    const label = ROW_LABEL[row];
    if (!read) warnings.push(`part 三: row ${label} not found`);
    else if (read.runTogether && read.found === 0) warnings.push(`part 三: cells of ${label} run together with no separator; left blank rather than guessed`);
    else if (read.found < N) warnings.push(`part 三: row ${label} has ${read.found} of ${N} cells`);
    const rowValues: Record<string, Figure> = {};
    const rowOrigins: (Origin | null)[] = [];
    for (let j = 0; j < N; j++) {
      const cell = read?.cells[j];
      rowValues[APPLICANT_COLUMNS[j].key] = cell?.value ?? null;
      rowOrigins.push(cell?.origin ?? null);
      if (cell?.note) warnings.push(`${ORIGIN_KEYS[row][j]}: note in the cell “${cell.note}” ignored`);
    }
    values[row] = rowValues;
    cellOrigins[row] = rowOrigins;
  }
  return { values, cellOrigins, warnings, otherAsOneRow };
}

/**
 * The origins as the report stores them, `applications.<row>.<column>` → origin, added to `origins`.
 * Built only when asked for, and in place: an object of some 200 keys per report costs more than
 * reading the rows, and copying one (Object.assign, spread) five times more than building it.
 */
export function addApplicationOrigins({ cellOrigins }: Pick<ApplicationsRead, 'cellOrigins'>, origins: Record<string, Origin>): Record<string, Origin> {
  for (const row in cellOrigins) {
    const keys = ORIGIN_KEYS[row];
    cellOrigins[row].forEach((origin, j) => {
      if (origin) origins[keys[j]] = origin;
    });
  }
  return origins;
}
