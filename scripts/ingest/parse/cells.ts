/** Reading a row's figures from the token stream, and the run-together cells of flattened pages. */
import type { Figure, Origin } from '../report';
import { cellOf, compact, compactOf, withText, type Token } from './tokens';
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
  const v = cellOf(t);
  if (v.kind === 'text') return null;
  const origin = { raw: t.text, start: t.start, end: t.end };
  if (v.kind === 'blank') return { value: null, origin, unit: null, note: null };
  return { value: v.value, origin, unit: v.unit, note: v.note };
}

/** A table's own sums, to confirm a split of run-together digits. */
export type RowVerifier = (values: number[]) => boolean;

export interface RowOptions {
  verify?: RowVerifier;
  /** flattened text: spaces may fall anywhere, so a row counts only when it has exactly n cells */
  exact?: boolean;
  /** how many tokens the label is broken into (brokenLabelSpan) */
  span?: number;
  /** whether tokens[i] is another row's label: never taken as the continuation of this one */
  isLabel?: (i: number) => boolean;
}

interface Digit {
  ch: string;
  pos: number;
}

/**
 * Digits printed with no separator between cells (`规章000`, `行政许可2629`). A single cell is its
 * digits. Several cells are split one digit each only when nothing else is possible: n zeros, or n
 * digits whose split the table's own sums confirm (a blank cell could otherwise hide anywhere).
 */
function splitRunTogether(digits: Digit[], n: number, verify?: RowVerifier): ReadCell[] | null {
  const text = digits.map((d) => d.ch).join('');
  if (digits.length === 0) return null;
  if (n === 1) {
    const v = parseCell(text);
    if (v.kind !== 'number') return null;
    const origin = { raw: text, start: digits[0].pos, end: digits[digits.length - 1].pos + 1 };
    return [{ value: v.value, origin, unit: v.unit, note: v.note }];
  }
  if (!/^\d+$/.test(text) || text.length !== n) return null;
  const values = [...text].map(Number);
  if (!/^0+$/.test(text) && !verify?.(values)) return null;
  return values.map((value, i) => ({ value, origin: { raw: text[i], start: digits[i].pos, end: digits[i].pos + 1 }, unit: null, note: null }));
}

function digitsOf(text: string, start: number): Digit[] {
  return [...text].flatMap((ch, i) => (/\s/.test(ch) ? [] : [{ ch, pos: start + i }]));
}

/** Space-separated cells are trusted when there are exactly n of them; otherwise the digits are one run. */
function readGlued(raw: string, start: number, n: number, options: RowOptions): ReadCell[] | null {
  const parts = [...raw.matchAll(/\S+/g)];
  if (parts.length === n && n > 1) {
    const cells = parts.map((p) => {
      const v = parseCell(p[0]);
      const origin = { raw: p[0], start: start + p.index!, end: start + p.index! + p[0].length };
      return v.kind === 'number' ? { value: v.value, origin, unit: v.unit, note: v.note } : v.kind === 'blank' ? { ...NULL_CELL, origin } : null;
    });
    if (cells.every((c) => c !== null)) return cells as ReadCell[];
  }
  return splitRunTogether(digitsOf(raw, start), n, options.verify);
}

/**
 * The cells from token j up to the next label (at most n + SURPLUS). Where cells are separated by
 * empty lines, a blank cell shows as one extra empty line on some sites and as two on others
 * (an empty line for the cell, one to separate it): the reading that gives the row exactly n
 * cells wins.
 */
function collect(tokens: Token[], j: number, n: number, linesPerBlank: number): { cells: ReadCell[]; next: number } | null {
  const cells: ReadCell[] = [];
  for (; j < tokens.length && cells.length < n + SURPLUS; j++) {
    const t = tokens[j];
    if (t.kind === 'skip') continue;
    if (t.kind === 'gap') {
      if (t.size! % linesPerBlank !== 0) return null;
      for (let k = 0; k < t.size! / linesPerBlank; k++) cells.push({ value: null, origin: { raw: '', start: t.start, end: t.start }, unit: null, note: null });
      continue;
    }
    const cell = cellFrom(t);
    if (!cell) break;
    cells.push(cell);
  }
  return { cells, next: j };
}

/** Empty cells a merged label leaves before a row's figures (PDF tables split across pages). */
const SURPLUS = 4;
const isBlank = (c: ReadCell) => c.value === null && c.origin?.raw === '';

/**
 * More cells than columns: trailing empty cells are merged-cell leftovers and are dropped; otherwise
 * leading empty cells are (the figures line up from the right).
 */
function alignRight(cells: ReadCell[], n: number): void {
  if (cells.length <= n || cells.slice(n).every(isBlank)) return;
  while (cells.length > n && isBlank(cells[0])) cells.shift();
}

/** The label part of a token with figures glued to its end (`规章000` → 规章), else null; memoised. */
function gluedLabelOf(t: Token): string | null {
  if (t.glued === undefined) {
    const m = /\d\s*(?:万元|元)?\s*$/.test(t.text) ? GLUED.exec(t.text) : null;
    t.glued = m ? compact(m[1]) : null;
  }
  return t.glued;
}

const GLUED = /^(.*?[^\d\s.,+\-])\s*([+\-]?\d[\d.,\s+\-]*(?:万元|元)?)\s*$/;

/** What GLUED needs at the end of a text (a digit, separator or 元 before trailing spaces): a cheap test first. */
function mayEndInFigures(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && /\s/.test(s[i])) i--;
  const c = s.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c || c === 0x2b || c === 0x2d || c === 0x5143;
}

function runTogether(cells: ReadCell[] | null, n: number, next: number): RowRead {
  return { cells: cells ?? Array(n).fill(NULL_CELL), found: cells ? n : 0, next, runTogether: true };
}

/**
 * The figures of the row whose label is token `at`: up to `n` cells that follow it, stopping at the
 * next label. A label with digits glued to it is a flattened row.
 */
export function readRow(tokens: Token[], at: number, n: number, label: RegExp, options: RowOptions = {}): RowRead {
  const span = options.span ?? 1;
  const token = span === 1 ? tokens[at] : withText(tokens[at], tokens.slice(at, at + span).map((t) => t.text).join(''));
  const glued = mayEndInFigures(token.text) ? GLUED.exec(token.text) : null;
  if (glued && label.test(compact(glued[1]))) {
    const offset = token.text.length - glued[2].length - (token.text.length - token.text.trimEnd().length);
    const last = tokens[at + span - 1];
    const start = span === 1 ? token.start + offset : last.end - glued[2].trimEnd().length;
    return runTogether(readGlued(glued[2], start, n, options), n, at + span);
  }
  let j = at + span;
  let fullLabel = token.text;
  while (j < tokens.length && j - at < MAX_LABEL_PIECES + 2 && continuesLabel(fullLabel, tokens[j]) && !(options.isLabel?.(j) && !matchesLabel(tokens[j], label))) {
    fullLabel += tokens[j++].text;
  }
  const oneLine = collect(tokens, j, n, 1)!;
  const twoLines = oneLine.cells.length === n ? null : collect(tokens, j, n, 2);
  const { cells, next } = twoLines?.cells.length === n ? twoLines : oneLine;
  j = next;
  alignRight(cells, n);
  cells.length = Math.min(cells.length, n);
  const found = cells.length;
  if (options.exact && found > 0 && found < n) {
    const digits = cells.flatMap((c) => (c.origin ? digitsOf(c.origin.raw, c.origin.start) : []));
    return runTogether(splitRunTogether(digits, n, options.verify), n, j);
  }
  while (cells.length < n) cells.push(NULL_CELL);
  return { cells, found, next: j, runTogether: false };
}

const OPENS = /[(（]/g;
const CLOSES = /[)）]/g;
const NUMBERED = /^(?:\d+[.、．]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)/;

/**
 * A label broken over lines (PDF text, narrow web cells): the next piece continues it while a
 * parenthesis is still open, or when it is a short fragment that starts no numbered row (and the
 * caller's isLabel says it is no other row's label).
 */
function continuesLabel(label: string, next: Token): boolean {
  if (next.kind !== 'text' || cellOf(next).kind !== 'text') return false;
  const open = (label.match(OPENS)?.length ?? 0) > (label.match(CLOSES)?.length ?? 0);
  const c = compactOf(next);
  if (open) return c.length <= 40;
  return c.length <= 20 && !NUMBERED.test(c) && !/\d/.test(c);
}

const MAX_LABEL_PIECES = 4;

/**
 * How many consecutive tokens, from token i, make up a label matching `label` when token i alone
 * does not (0: none, else 2 or more). Narrow cells break long labels over several lines
 * (`1、申请人无正当理由逾期不补` / `正、行政机关…`).
 */
export function brokenLabelSpan(tokens: Token[], i: number, label: RegExp): number {
  if (tokens[i].kind !== 'text' || cellOf(tokens[i]).kind !== 'text') return 0;
  let text = tokens[i].text;
  for (let k = 1; k < MAX_LABEL_PIECES && i + k < tokens.length; k++) {
    const t = tokens[i + k];
    if (t.kind !== 'text' || cellOf(t).kind !== 'text') {
      if (t.kind === 'text' && GLUED.test(t.text) && matchesLabel(withText(t, text + t.text), label)) return k + 1;
      return 0;
    }
    text += t.text;
    if (matchesLabel(withText(t, text), label)) return k + 1;
  }
  return 0;
}

/** A label token, or a label with a flattened row glued to it. */
export function matchesLabel(token: Token, label: RegExp): boolean {
  if (token.kind !== 'text') return false;
  if (label.test(compactOf(token))) return true;
  const glued = gluedLabelOf(token);
  return glued !== null && label.test(glued);
}

/** A table's row labels, numbered once for labelIndex. */
export interface LabelSet {
  patterns: RegExp[];
  bit: Record<string, number>;
  /**
   * Which labels a token's text matches (a bit per label), kept across reports: every report prints
   * the same few dozen labels, so each is matched against the patterns once per process.
   */
  known: Map<string, number>;
}

/** Distinct token texts remembered per label set; past this the memory starts over. */
const KNOWN_TEXTS = 20_000;

export function labelSet(labels: Record<string, RegExp>): LabelSet {
  const keys = Object.keys(labels);
  return { patterns: Object.values(labels), bit: Object.fromEntries(keys.map((k, i) => [k, 1 << i])), known: new Map() };
}

export interface LabelIndex {
  /** matchesLabel(tokens[i], labels[key]) */
  matches(i: number, key: string): boolean;
  /** tokens[i] matches some row's label */
  any(i: number): boolean;
}

/** Whether s holds a Chinese character; every row label is Chinese. */
function hasHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) return true;
  }
  return false;
}

/**
 * A copy of a token's text that does not keep its report alive: V8 slices longer strings as views of
 * the whole text, so 20,000 remembered labels could otherwise hold 20,000 reports (checked: 2,000
 * slices of 170,000-character texts kept 392 MB, their copies 3 MB).
 */
const detached = (s: string): string => (' ' + s).slice(1);

/** The labels of `set` that a token matches, as bits; matchesLabel depends on the text alone. */
function labelBits(t: Token, { patterns, known }: LabelSet): number {
  if (t.kind !== 'text' || !hasHan(t.text)) return 0;
  let bits = known.get(t.text);
  if (bits === undefined) {
    bits = 0;
    for (let k = 0; k < patterns.length; k++) if (matchesLabel(t, patterns[k])) bits |= 1 << k;
    if (known.size >= KNOWN_TEXTS) known.clear();
    known.set(detached(t.text), bits);
  }
  return bits;
}

/**
 * Which row labels each token of a table matches, each token looked at once: the row search asks
 * about the same tokens for every row it tries.
 */
export function labelIndex(tokens: Token[], set: LabelSet): LabelIndex {
  /** per token: its label bits, or -1 before it is looked at */
  const bits: number[] = new Array<number>(tokens.length).fill(-1);
  const of = (i: number): number => {
    let b = bits[i];
    if (b === -1) b = bits[i] = labelBits(tokens[i], set);
    return b;
  };
  return {
    matches: (i, key) => (of(i) & set.bit[key]) !== 0,
    any: (i) => of(i) !== 0,
  };
}
