/**
 * Turns the text of one table region into a stream of cells, whatever the layout it was copied in:
 * pipes at the end of every cell (a), pipe rows (b, c), cells on lines separated by blank lines (d),
 * or rows whose cells are separated by single spaces (PDF text, some pages).
 */
import { parseCell, type CellValue } from './values';

/**
 * text: a cell's text; blank: an empty cell; skip: what lies between rows or is left of merged cells;
 * gap: extra empty lines between cells separated by blank lines (their meaning depends on the row).
 */
export type TokenKind = 'text' | 'blank' | 'skip' | 'gap';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** memo of compactOf */
  compact?: string;
  /** memo of cellOf */
  cell?: CellValue;
  /** memo of the label part when figures are glued to it */
  glued?: string | null;
  /** for a gap: how many empty lines beyond the one that separates two cells */
  size?: number;
}

/** The token's text without spaces: labels are matched on this (`规 章`, `商业 企业`). */
export function compactOf(t: Token): string {
  return (t.compact ??= compact(t.text));
}

/** What the token's text means as a cell; labels are matched once per token, not once per row tried. */
export function cellOf(t: Token): CellValue {
  return (t.cell ??= parseCell(t.text));
}

/** Every token has all its fields from birth: one object shape keeps the hot loops monomorphic. */
export function token(kind: TokenKind, text: string, start: number, end: number, size?: number): Token {
  return { kind, text, start, end, compact: undefined, cell: undefined, glued: undefined, size };
}

/** The same place with other text (a label joined from pieces), without the memos of the original. */
export function withText(t: Token, text: string): Token {
  return token(t.kind, text, t.start, t.end);
}

export type Layout = 'cell_pipes' | 'row_pipes' | 'blank_lines' | 'lines';

/*
 * Everything below works on offsets into the whole text: a table's lines and pieces are never cut
 * out as strings, only the tokens' own text is.
 */

/** Page numbers of printed documents (`- 4 -`, `— 5 —`, `第 4 页`) fall inside tables: not cells. */
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?)\s*$/;

const NEWLINE = 0x0a;
const PIPE = 0x7c;

/** The characters `\s` matches (and `trim` removes): one test per character instead of a regex per line. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    (c > 0x7f && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/** Index of the first character of s[from, to) that is not a space, or `to`. */
function skipSpaces(s: string, from: number, to: number): number {
  while (from < to && isSpace(s.charCodeAt(from))) from++;
  return from;
}

/** One past the last character of s[from, to) that is not a space, or `from`. */
function skipSpacesBack(s: string, from: number, to: number): number {
  while (to > from && isSpace(s.charCodeAt(to - 1))) to--;
  return to;
}

/** Index of the first `code` in s[from, to), or -1 (a loop: indexOf costs more on short lines). */
function find(s: string, code: number, from: number, to: number): number {
  for (; from < to; from++) if (s.charCodeAt(from) === code) return from;
  return -1;
}

/** The end of the line that starts at `from`: its newline, or `to`. */
function lineEnd(s: string, from: number, to: number): number {
  const nl = find(s, NEWLINE, from, to);
  return nl === -1 ? to : nl;
}

/** Only a line whose first non-space character starts a page number is tried against the pattern. */
function isPageNumber(s: string, from: number, to: number): boolean {
  const first = skipSpaces(s, from, to);
  if (first === to) return false;
  const c = s.charCodeAt(first);
  return (c === 0x2d || c === 0x2014 || c === 0x2013 || c === 0x7b2c) && PAGE_NUMBER.test(s.slice(from, to));
}

/**
 * Whether the non-blank line s[from, to) (first pipe at firstPipe, second at secondPipe or -1, last
 * non-space character at last) matches `^[^|]*\S[^|]*\|\s*$` (`商业 企业 |`, also `规章 | 0 |` and
 * `||`) and whether it matches `^\s*\|+\s*$` (only pipes), counted: both need a pipe as the last
 * non-space character.
 */
function cellLineScore(s: string, from: number, last: number, firstPipe: number, secondPipe: number): number {
  if (s.charCodeAt(last) !== PIPE) return 0;
  const pipesBefore = firstPipe === last ? 0 : secondPipe === last ? 1 : 2;
  const cell = pipesBefore === 1 || (pipesBefore === 0 && from < last);
  let only = from;
  while (only <= last && s.charCodeAt(only) === PIPE) only++;
  return (cell ? 1 : 0) + (only > last ? 1 : 0);
}

/**
 * The region's lines as detectLayout saw them, for the token pass after it, which would otherwise
 * scan every character again: per line its start, end (its newline or the region's end), first and
 * last non-space character (-1 for a blank line) and first pipe (-1 for none), in LINE_FIELDS slots.
 * One buffer for the process, grown as needed: a parse is synchronous and reads it right away.
 */
const LINE_FIELDS = 5;
let lines = new Int32Array(LINE_FIELDS * 512);

function recordLine(n: number, start: number, end: number, first: number, last: number, firstPipe: number): void {
  if ((n + 1) * LINE_FIELDS > lines.length) {
    const grown = new Int32Array(lines.length * 2);
    grown.set(lines);
    lines = grown;
  }
  const at = n * LINE_FIELDS;
  lines[at] = start;
  lines[at + 1] = end;
  lines[at + 2] = first;
  lines[at + 3] = last;
  lines[at + 4] = firstPipe;
}

/**
 * One pass over the region's characters: per line its first and last non-space character and its
 * first two pipes; blank-line runs counted as they pass (a line is judged when the next is seen).
 * The lines are left in `lines`; their count is returned with the layout.
 */
function detectLayout(text: string, start: number, end: number): { layout: Layout; count: number } {
  let filled = 0;
  let pipeLines = 0;
  let cellLines = 0;
  let single = 0;
  let none = 0;
  /** blank flags of the two lines before this one (-1: no such line) */
  let before = -1;
  let previous = -1;
  let count = 0;
  for (let ls = start; ls <= end; ) {
    let first = -1;
    let last = -1;
    let firstPipe = -1;
    let secondPipe = -1;
    let i = ls;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) break;
      if (isSpace(c)) continue;
      if (first === -1) first = i;
      last = i;
      if (c === PIPE) {
        if (firstPipe === -1) firstPipe = i;
        else if (secondPipe === -1) secondPipe = i;
      }
    }
    recordLine(count++, ls, i, first, last, firstPipe);
    const blank = first === -1 ? 1 : 0;
    if (!blank) {
      filled++;
      if (firstPipe !== -1) {
        pipeLines++;
        cellLines += cellLineScore(text, first, last, firstPipe, secondPipe);
      }
    }
    if (previous !== -1) {
      if (!blank && !previous) none++;
      if (before === 0 && previous === 1 && !blank) single++;
    }
    before = previous;
    previous = blank;
    ls = i + 1;
  }
  if (pipeLines >= Math.max(3, filled * 0.3)) return { layout: cellLines >= pipeLines * 0.7 ? 'cell_pipes' : 'row_pipes', count };
  return { layout: single > none ? 'blank_lines' : 'lines', count };
}

/** Whether a line whose first non-space character is at `first` is a page number. */
function isPageNumberAt(s: string, from: number, to: number, first: number): boolean {
  const c = s.charCodeAt(first);
  return (c === 0x2d || c === 0x2014 || c === 0x2013 || c === 0x7b2c) && PAGE_NUMBER.test(s.slice(from, to));
}

/** text[from, to) without the spaces around it, as a cell. */
function textToken(text: string, from: number, to: number): Token {
  const first = skipSpaces(text, from, to);
  const last = skipSpacesBack(text, first, to);
  return token('text', text.slice(first, last), first, last);
}

/** `规章 0 0 0` or `一、本年新收… 3 0 1`: a label followed by value cells separated by spaces. */
function splitSpacedRow(tokens: Token[], text: string, from: number, to: number): boolean {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = skipSpaces(text, from, to); i < to; i = skipSpaces(text, i, to)) {
    starts.push(i);
    while (i < to && !isSpace(text.charCodeAt(i))) i++;
    ends.push(i);
  }
  const n = starts.length;
  if (n < 2) return false;
  const words = starts.map((s, k) => text.slice(s, ends[k]));
  const cells = words.map(parseCell);
  let firstValue = n;
  while (firstValue > 0 && cells[firstValue - 1].kind !== 'text') firstValue--;
  if (firstValue === n) return false;
  for (let k = 0; k < firstValue; k++) if (cells[k].kind !== 'text') return false;
  if (firstValue > 0) tokens.push(token('text', text.slice(starts[0], ends[firstValue - 1]), starts[0], ends[firstValue - 1]));
  for (let k = firstValue; k < n; k++) {
    const t = token('text', words[k], starts[k], ends[k]);
    t.cell = cells[k];
    tokens.push(t);
  }
  return true;
}

/** Whether s[from, to) holds two or more words (non-space runs): else it cannot be a spaced row. */
function severalWords(s: string, from: number, to: number): boolean {
  let i = skipSpaces(s, from, to);
  while (i < to && !isSpace(s.charCodeAt(i))) i++;
  return skipSpaces(s, i, to) < to;
}

/** A line's tokens: its cells when it is a row of space-separated cells, else its text as one token. */
function pushLine(tokens: Token[], text: string, from: number, to: number): void {
  if (!severalWords(text, from, to) || !splitSpacedRow(tokens, text, from, to)) tokens.push(textToken(text, from, to));
}

function lineTokens(text: string, count: number, blankRuns: boolean): Token[] {
  const tokens: Token[] = [];
  let empties = 0;
  for (let n = 0; n < count; n++) {
    const at = n * LINE_FIELDS;
    const ls = lines[at];
    const le = lines[at + 1];
    const first = lines[at + 2];
    if (first === -1) {
      empties++;
    } else if (!isPageNumberAt(text, ls, le, first)) {
      // Cells are separated by one empty line; further empty lines stand for blank cells.
      if (blankRuns && tokens.length > 0 && empties > 1) tokens.push(token('gap', '', ls, ls, empties - 1));
      empties = 0;
      pushLine(tokens, text, ls, le);
    }
  }
  return tokens;
}

function cellPipeTokens(text: string, count: number): Token[] {
  const tokens: Token[] = [];
  for (let n = 0; n < count; n++) {
    const at = n * LINE_FIELDS;
    const ls = lines[at];
    const le = lines[at + 1];
    const from = lines[at + 2];
    if (from === -1 || isPageNumberAt(text, ls, le, from)) continue;
    const to = lines[at + 3] + 1;
    const bar = lines[at + 4];
    let pipes = from;
    while (pipes < to && text.charCodeAt(pipes) === PIPE) pipes++;
    if (pipes === to) {
      // A lone pipe is an empty cell; two or more are what is left of merged cells.
      tokens.push(token(to - from === 1 ? 'blank' : 'skip', '', from, from));
    } else if (bar === -1 || find(text, PIPE, bar + 1, le) === -1) {
      // One cell per line: spaces inside it (`商业 企业`) do not separate cells.
      tokens.push(textToken(text, ls, bar === -1 ? le : bar));
    } else {
      for (let ps = ls; ; ) {
        const pe = find(text, PIPE, ps, le);
        const pieceEnd = pe === -1 ? le : pe;
        if (skipSpaces(text, ps, pieceEnd) !== pieceEnd) tokens.push(textToken(text, ps, pieceEnd));
        if (pe === -1) break;
        ps = pe + 1;
      }
    }
  }
  return tokens;
}

/** Whether the blank s[from, to) starts with a line end (`^[ \t]*\r?\n`) or ends after one (`\n[ \t]*$`). */
function touchesLineEnd(s: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09)) i++;
  if (i < to && s.charCodeAt(i) === 0x0d) i++;
  if (i < to && s.charCodeAt(i) === NEWLINE) return true;
  let j = to;
  while (j > from && (s.charCodeAt(j - 1) === 0x20 || s.charCodeAt(j - 1) === 0x09)) j--;
  return j > from && s.charCodeAt(j - 1) === NEWLINE;
}

function rowPipeTokens(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  for (let ps = start; ; ) {
    const pipe = find(text, PIPE, ps, end);
    const pe = pipe === -1 ? end : pipe;
    if (skipSpaces(text, ps, pe) === pe) {
      // A piece that starts or ends a line lies between two rows (or after the last); any other empty
      // piece is a blank cell, including `| \n   |` where a cell's text sits on its own line.
      tokens.push(token(pipe === -1 || touchesLineEnd(text, ps, pe) ? 'skip' : 'blank', '', ps, ps));
    } else if (find(text, NEWLINE, ps, pe) === -1) {
      if (!isPageNumber(text, ps, pe)) pushLine(tokens, text, ps, pe);
    } else {
      for (let ls = ps; ls <= pe; ) {
        const le = lineEnd(text, ls, pe);
        if (skipSpaces(text, ls, le) !== le && !isPageNumber(text, ls, le)) pushLine(tokens, text, ls, le);
        ls = le + 1;
      }
    }
    if (pipe === -1) return tokens;
    ps = pipe + 1;
  }
}

export function tokenize(text: string, start: number, end: number): { layout: Layout; tokens: Token[] } {
  const { layout, count } = detectLayout(text, start, end);
  switch (layout) {
    case 'row_pipes':
      return { layout, tokens: rowPipeTokens(text, start, end) };
    case 'cell_pipes':
      return { layout, tokens: cellPipeTokens(text, count) };
    case 'blank_lines':
      return { layout, tokens: lineTokens(text, count, true) };
    default:
      return { layout, tokens: lineTokens(text, count, false) };
  }
}

/** Text without spaces: labels are matched on this (`规 章`, `商业 企业`). */
export function compact(s: string): string {
  return /\s/.test(s) ? s.replace(/\s+/g, '') : s;
}
