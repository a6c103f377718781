/**
 * Turns the text of one table region into a stream of cells, whatever the layout it was copied in:
 * pipes at the end of every cell (a), pipe rows (b, c), cells on lines separated by blank lines (d),
 * or rows whose cells are separated by single spaces (PDF text, some pages).
 */
import { isValueCell, parseCell, type CellValue } from './values';

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

interface Line {
  text: string;
  start: number;
}

/** Page numbers of printed documents (`- 4 -`, `— 5 —`, `第 4 页`) fall inside tables: not cells. */
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?)\s*$/;

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

const isBlankLine = (s: string) => skipSpaces(s, 0, s.length) === s.length;

/** Only a line whose first non-space character starts a page number is tried against the pattern. */
function isPageNumber(line: string): boolean {
  const c = line.charCodeAt(skipSpaces(line, 0, line.length));
  return (c === 0x2d || c === 0x2014 || c === 0x2013 || c === 0x7b2c) && PAGE_NUMBER.test(line);
}

function splitLines(text: string, offset: number): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    if (!isPageNumber(line)) lines.push({ text: line, start: offset + start });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

/**
 * How many of `^[^|]*\S[^|]*\|\s*$` (`商业 企业 |`, and also `规章 | 0 |` and `||`) and `^\s*\|+\s*$`
 * (only pipes) a line with a pipe matches, by hand: both need a pipe as the last non-space character.
 */
function cellLineScore(line: string): number {
  const end = skipSpacesBack(line, 0, line.length);
  const last = end - 1;
  if (line.charCodeAt(last) !== 0x7c) return 0;
  const first = line.indexOf('|');
  const pipesBefore = first === last ? 0 : line.indexOf('|', first + 1) === last ? 1 : 2;
  const cell = pipesBefore === 1 || (pipesBefore === 0 && skipSpaces(line, 0, last) < last);
  let only = skipSpaces(line, 0, end);
  while (only < end && line.charCodeAt(only) === 0x7c) only++;
  return (cell ? 1 : 0) + (only === end ? 1 : 0);
}

export function detectLayout(region: string): Layout {
  const blank: boolean[] = [];
  let filled = 0;
  let pipeLines = 0;
  let cellLines = 0;
  for (let start = 0; ; ) {
    const nl = region.indexOf('\n', start);
    const line = region.slice(start, nl === -1 ? region.length : nl);
    const isBlank = isBlankLine(line);
    blank.push(isBlank);
    if (!isBlank) {
      filled++;
      if (line.includes('|')) {
        pipeLines++;
        cellLines += cellLineScore(line);
      }
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  if (pipeLines >= Math.max(3, filled * 0.3)) return cellLines >= pipeLines * 0.7 ? 'cell_pipes' : 'row_pipes';
  let single = 0;
  let none = 0;
  for (let i = 1; i < blank.length; i++) {
    if (blank[i] && !blank[i - 1] && i + 1 < blank.length && !blank[i + 1]) single++;
    if (!blank[i] && !blank[i - 1]) none++;
  }
  return single > none ? 'blank_lines' : 'lines';
}

function textToken(text: string, start: number): Token {
  const from = skipSpaces(text, 0, text.length);
  const to = skipSpacesBack(text, from, text.length);
  return token('text', text.slice(from, to), start + from, start + to);
}

/** Two pieces of text separated by spaces: cells that a row may hold. */
const SPACED = /\S\s+\S/;

/** `规章 0 0 0` or `一、本年新收… 3 0 1`: a label followed by value cells separated by spaces. */
function splitSpacedRow(line: Line): Token[] | null {
  if (!SPACED.test(line.text)) return null;
  const parts = [...line.text.matchAll(/\S+/g)];
  if (parts.length < 2) return null;
  let firstValue = parts.length;
  while (firstValue > 0 && isValueCell(parts[firstValue - 1][0])) firstValue--;
  if (firstValue === parts.length) return null;
  if (firstValue > 0 && parts.slice(0, firstValue).some((p) => isValueCell(p[0]))) return null;
  const tokens: Token[] = [];
  if (firstValue > 0) {
    const labelStart = parts[0].index!;
    const last = parts[firstValue - 1];
    const labelEnd = last.index! + last[0].length;
    tokens.push(token('text', line.text.slice(labelStart, labelEnd), line.start + labelStart, line.start + labelEnd));
  }
  for (const p of parts.slice(firstValue)) {
    tokens.push(token('text', p[0], line.start + p.index!, line.start + p.index! + p[0].length));
  }
  return tokens;
}

/** A line's tokens: its cells when it is a row of space-separated cells, else its text as one token. */
function pushLine(tokens: Token[], line: Line): void {
  const cells = splitSpacedRow(line);
  if (cells) tokens.push(...cells);
  else tokens.push(textToken(line.text, line.start));
}

function lineTokens(lines: Line[], blankRuns: boolean): Token[] {
  const tokens: Token[] = [];
  let empties = 0;
  for (const line of lines) {
    if (isBlankLine(line.text)) {
      empties++;
      continue;
    }
    // Cells are separated by one empty line; further empty lines stand for blank cells.
    if (blankRuns && tokens.length > 0 && empties > 1) {
      tokens.push(token('gap', '', line.start, line.start, empties - 1));
    }
    empties = 0;
    pushLine(tokens, line);
  }
  return tokens;
}

function cellPipeTokens(lines: Line[]): Token[] {
  const tokens: Token[] = [];
  for (const line of lines) {
    const text = line.text;
    const from = skipSpaces(text, 0, text.length);
    if (from === text.length) continue;
    const to = skipSpacesBack(text, from, text.length);
    let pipes = from;
    while (pipes < to && text.charCodeAt(pipes) === 0x7c) pipes++;
    if (pipes === to) {
      // A lone pipe is an empty cell; two or more are what is left of merged cells.
      const start = line.start + from;
      tokens.push(token(to - from === 1 ? 'blank' : 'skip', '', start, start));
      continue;
    }
    // One cell per line: spaces inside it (`商业 企业`) do not separate cells.
    const bar = text.indexOf('|');
    if (bar === text.lastIndexOf('|')) {
      tokens.push(textToken(bar === -1 ? text : text.slice(0, bar), line.start));
      continue;
    }
    const pieces = text.split('|');
    let pos = line.start;
    for (const piece of pieces) {
      if (!isBlankLine(piece)) tokens.push(textToken(piece, pos));
      pos += piece.length + 1;
    }
  }
  return tokens;
}

function rowPipeTokens(region: string, offset: number): Token[] {
  const tokens: Token[] = [];
  const pieces = region.split('|');
  let pos = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const start = offset + pos;
    pos += piece.length + 1;
    if (isBlankLine(piece)) {
      // A piece that starts or ends a line lies between two rows (or after the last); any other empty
      // piece is a blank cell, including `| \n   |` where a cell's text sits on its own line.
      const between = i === pieces.length - 1 || /^[ \t]*\r?\n/.test(piece) || /\n[ \t]*$/.test(piece);
      tokens.push(token(between ? 'skip' : 'blank', '', start, start));
      continue;
    }
    if (!piece.includes('\n')) {
      if (!isPageNumber(piece)) pushLine(tokens, { text: piece, start });
      continue;
    }
    for (const line of splitLines(piece, start)) {
      if (!isBlankLine(line.text)) pushLine(tokens, line);
    }
  }
  return tokens;
}

export function tokenize(text: string, start: number, end: number): { layout: Layout; tokens: Token[] } {
  const region = text.slice(start, end);
  const layout = detectLayout(region);
  if (layout === 'row_pipes') return { layout, tokens: rowPipeTokens(region, start) };
  const lines = splitLines(region, start);
  switch (layout) {
    case 'cell_pipes':
      return { layout, tokens: cellPipeTokens(lines) };
    case 'blank_lines':
      return { layout, tokens: lineTokens(lines, true) };
    default:
      return { layout, tokens: lineTokens(lines, false) };
  }
}

/** Text without spaces: labels are matched on this (`规 章`, `商业 企业`). */
export function compact(s: string): string {
  return /\s/.test(s) ? s.replace(/\s+/g, '') : s;
}
