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

/** The same place with other text (a label joined from pieces), without the memos of the original. */
export function withText(t: Token, text: string): Token {
  return { kind: t.kind, text, start: t.start, end: t.end };
}

export type Layout = 'cell_pipes' | 'row_pipes' | 'blank_lines' | 'lines';

interface Line {
  text: string;
  start: number;
}

/** Page numbers of printed documents (`- 4 -`, `— 5 —`, `第 4 页`) fall inside tables: not cells. */
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?)\s*$/;

function splitLines(text: string, offset: number): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    if (!PAGE_NUMBER.test(line)) lines.push({ text: line, start: offset + start });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

export function detectLayout(region: string): Layout {
  const lines = region.split('\n').filter((l) => l.trim() !== '');
  const pipeLines = lines.filter((l) => l.includes('|'));
  if (pipeLines.length >= Math.max(3, lines.length * 0.3)) {
    const cellLines = pipeLines.filter((l) => /^[^|]*\S[^|]*\|\s*$/.test(l)).length;
    const onlyPipes = pipeLines.filter((l) => /^\s*\|+\s*$/.test(l)).length;
    return cellLines + onlyPipes >= pipeLines.length * 0.7 ? 'cell_pipes' : 'row_pipes';
  }
  const all = region.split('\n');
  let single = 0;
  let none = 0;
  for (let i = 1; i < all.length; i++) {
    if (all[i].trim() === '' && all[i - 1].trim() !== '' && i + 1 < all.length && all[i + 1].trim() !== '') single++;
    if (all[i].trim() !== '' && all[i - 1].trim() !== '') none++;
  }
  return single > none ? 'blank_lines' : 'lines';
}

function textToken(text: string, start: number): Token {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  return { kind: 'text', text: trimmed, start: start + lead, end: start + lead + trimmed.length };
}

/** `规章 0 0 0` or `一、本年新收… 3 0 1`: a label followed by value cells separated by spaces. */
function splitSpacedRow(line: Line): Token[] | null {
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
    tokens.push({ kind: 'text', text: line.text.slice(labelStart, labelEnd), start: line.start + labelStart, end: line.start + labelEnd });
  }
  for (const p of parts.slice(firstValue)) {
    tokens.push({ kind: 'text', text: p[0], start: line.start + p.index!, end: line.start + p.index! + p[0].length });
  }
  return tokens;
}

function lineTokens(lines: Line[], blankRuns: boolean): Token[] {
  const tokens: Token[] = [];
  let empties = 0;
  for (const line of lines) {
    if (line.text.trim() === '') {
      empties++;
      continue;
    }
    // Cells are separated by one empty line; further empty lines stand for blank cells.
    if (blankRuns && tokens.length > 0 && empties > 1) {
      tokens.push({ kind: 'gap', text: '', start: line.start, end: line.start, size: empties - 1 });
    }
    empties = 0;
    tokens.push(...(splitSpacedRow(line) ?? [textToken(line.text, line.start)]));
  }
  return tokens;
}

function cellPipeTokens(lines: Line[]): Token[] {
  const tokens: Token[] = [];
  for (const line of lines) {
    const t = line.text.trim();
    if (t === '') continue;
    if (/^\|+$/.test(t)) {
      // A lone pipe is an empty cell; two or more are what is left of merged cells.
      const start = line.start + line.text.indexOf('|');
      tokens.push({ kind: t.length === 1 ? 'blank' : 'skip', text: '', start, end: start });
      continue;
    }
    // One cell per line: spaces inside it (`商业 企业`) do not separate cells.
    const pieces = line.text.split('|');
    let pos = line.start;
    for (const piece of pieces) {
      if (piece.trim() !== '') tokens.push(textToken(piece, pos));
      pos += piece.length + 1;
    }
  }
  return tokens;
}

function rowPipeTokens(region: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const pieces = region.split('|');
  pieces.forEach((piece, i) => {
    const start = offset + pos;
    pos += piece.length + 1;
    if (piece.trim() === '') {
      // A piece that starts or ends a line lies between two rows (or after the last); any other empty
      // piece is a blank cell, including `| \n   |` where a cell's text sits on its own line.
      const between = i === pieces.length - 1 || /^[ \t]*\r?\n/.test(piece) || /\n[ \t]*$/.test(piece);
      tokens.push({ kind: between ? 'skip' : 'blank', text: '', start, end: start });
      return;
    }
    for (const line of splitLines(piece, start)) {
      if (line.text.trim() !== '') tokens.push(...(splitSpacedRow(line) ?? [textToken(line.text, line.start)]));
    }
  });
  return tokens;
}

export function tokenize(text: string, start: number, end: number): { layout: Layout; tokens: Token[] } {
  const region = text.slice(start, end);
  const layout = detectLayout(region);
  const lines = splitLines(region, start);
  switch (layout) {
    case 'cell_pipes':
      return { layout, tokens: cellPipeTokens(lines) };
    case 'row_pipes':
      return { layout, tokens: rowPipeTokens(region, start) };
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
