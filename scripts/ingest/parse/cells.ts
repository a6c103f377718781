/** Reading a row's figures from the token stream, and the run-together cells of flattened pages. */
import type { Figure, Origin } from '../report';
import { compact, type Token } from './tokens';
import { parseCell } from './values';

export interface ReadCell {
  value: Figure;
  origin: Origin | null;
  unit: '元' | '万元' | null;
  note: string | null;
}

const NULL_CELL: ReadCell = { value: null, origin: null, unit: null, note: null };

export interface RowRead {
  cells: ReadCell[];
  /** how many cells the row actually held before the next label */
  found: number;
  /** index of the first token after the row */
  next: number;
  runTogether: boolean;
}

function cellFrom(t: Token): ReadCell | null {
  if (t.kind === 'blank') return { value: null, origin: { raw: '', start: t.start, end: t.end }, unit: null, note: null };
  const v = parseCell(t.text);
  if (v.kind === 'text') return null;
  const origin = { raw: t.text, start: t.start, end: t.end };
  if (v.kind === 'blank') return { value: null, origin, unit: null, note: null };
  return { value: v.value, origin, unit: v.unit, note: v.note };
}

/**
 * Digits printed with no separator between cells (`规章000`, `行政许可2629`): they can be split without
 * doubt only when every cell must be one digit wide, or when there is a single cell.
 */
function splitRunTogether(digits: string, token: Token, offset: number, n: number): ReadCell[] | null {
  const start = token.start + offset;
  if (n === 1) {
    const v = parseCell(digits);
    if (v.kind !== 'number') return null;
    return [{ value: v.value, origin: { raw: digits, start, end: start + digits.length }, unit: v.unit, note: v.note }];
  }
  if (!/^\d+$/.test(digits) || digits.length !== n) return null;
  return [...digits].map((d, i) => ({ value: Number(d), origin: { raw: d, start: start + i, end: start + i + 1 }, unit: null, note: null }));
}

/**
 * The figures of the row whose label is token `at`: up to `n` cells that follow it, stopping at the
 * next label. A label with digits glued to it is a flattened row.
 */
export function readRow(tokens: Token[], at: number, n: number, label: RegExp): RowRead {
  const labelText = compact(tokens[at].text);
  if (!label.test(labelText)) {
    const m = /^(.*?)([+\-\d.,]+(?:万元|元)?)$/.exec(labelText);
    const offset = m ? tokens[at].text.lastIndexOf(m[2][0]) : -1;
    const split = m && offset >= 0 ? splitRunTogether(m[2], tokens[at], offset, n) : null;
    return { cells: split ?? Array(n).fill(NULL_CELL), found: split ? n : 0, next: at + 1, runTogether: true };
  }
  const cells: ReadCell[] = [];
  let j = at + 1;
  for (; j < tokens.length && cells.length < n; j++) {
    const t = tokens[j];
    if (t.kind === 'skip') continue;
    const cell = cellFrom(t);
    if (!cell) break;
    cells.push(cell);
  }
  const found = cells.length;
  while (cells.length < n) cells.push(NULL_CELL);
  return { cells, found, next: j, runTogether: false };
}

/** A label token, or a label with a flattened row glued to it. */
export function matchesLabel(token: Token, label: RegExp): boolean {
  if (token.kind !== 'text') return false;
  const c = compact(token.text);
  if (label.test(c)) return true;
  const m = /^(.*?\D)[+\-\d.,]+(?:万元|元)?$/.exec(c);
  return m !== null && label.test(m[1]);
}
