/**
 * Rebuilds lines and table rows from positioned PDF text. Pure: pdf.ts feeds it what pdfjs
 * extracts, tests feed it synthetic pages.
 *
 * Tables drawn with rules (every official report's tables) are rebuilt cell by cell from the
 * rules, so a blank cell stays an empty cell, a label wrapped over two lines stays one cell and a
 * merged cell appears once, in the first row it spans. Text outside ruled tables is grouped into
 * lines by position, and a wide gap inside a line separates cells.
 */
import { cellText, pipeRow } from './rows';

/** One string as the PDF draws it; x, y = start of its baseline, y grows upwards (PDF space). */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** font size; defaults to 10 */
  height?: number;
}

/** A drawn straight line (a table border); only horizontal and vertical ones are used. */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageLayout {
  items: TextItem[];
  rules?: Rule[];
}

/** A gap wider than this many font sizes between two strings on a line separates two cells. */
const CELL_GAP_EM = 1;
/** A gap wider than this many font sizes between two strings of one cell is a word space. */
const SPACE_GAP_EM = 0.15;
/** How far apart (pt) two rule ends or positions may be and still meet: borders are drawn loosely. */
const RULE_TOLERANCE = 2.5;
/** Longer "cell" text is a framed page or text box, not a table cell (same reasoning as html.ts). */
const FRAME_CELL_CHARS = 300;

/** Page footers and headers that are only a page number: `- 4 -`, `— 5 —`, `4`, `第 4 页`, `4/6`. */
const PAGE_NUMBER = /^[-—–－―~·•\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*(?:[/／]|共)\s*\d{1,4}\s*页?)?[-—–－―~·•\s]*$/;

const CJK = '\\p{Script=Han}\\u3000-\\u303F\\uFF00-\\uFFEF';
/** Spaces between two Chinese characters in a PDF are justification, never words. */
const SPACE_IN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');

interface Glyphs {
  str: string;
  x: number;
  right: number;
  cy: number;
  h: number;
}

interface Line {
  items: Glyphs[];
  cy: number;
  h: number;
}

interface Block {
  top: number;
  lines: string[];
  table: boolean;
}

/** Every page's lines, top to bottom, page-number headers and footers dropped. */
export function layoutPages(pages: readonly PageLayout[]): string[] {
  return pages.flatMap(layoutPage);
}

export function layoutPage(page: PageLayout): string[] {
  const glyphs = page.items.filter((item) => item.str.trim() !== '').map(toGlyphs);
  const blocks: Block[] = [];
  const claimed = new Set<Glyphs>();
  for (const grid of findGrids(page.rules ?? [])) {
    const table = readTable(grid, glyphs);
    if (!table) continue;
    for (const g of table.items) claimed.add(g);
    blocks.push({ top: grid.ys[0], lines: table.rows, table: true });
  }
  for (const line of groupLines(glyphs.filter((g) => !claimed.has(g)))) {
    blocks.push({ top: line.cy, lines: [rowText(line)], table: false });
  }
  blocks.sort((a, b) => b.top - a.top);
  while (blocks.length && isPageNumberBlock(blocks[0])) blocks.shift();
  while (blocks.length && isPageNumberBlock(blocks[blocks.length - 1])) blocks.pop();
  return blocks.flatMap((b) => b.lines);
}

/** Text without rules: lines by position, cells by wide gaps; a line of ≥ 2 cells is a pipe row. */
export function groupRows(items: readonly TextItem[]): string[] {
  return groupLines(items.filter((item) => item.str.trim() !== '').map(toGlyphs)).map(rowText);
}

export function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.test(line);
}

function isPageNumberBlock(block: Block): boolean {
  return !block.table && isPageNumber(block.lines[0]);
}

function toGlyphs(item: TextItem): Glyphs {
  const h = item.height && item.height > 0 ? item.height : 10;
  return { str: item.str, x: item.x, right: item.x + Math.max(item.width, 0), cy: item.y + h / 2, h };
}

/** Strings whose vertical centres lie within half a font size of a line's first string share it. */
function groupLines(glyphs: readonly Glyphs[]): Line[] {
  const sorted = [...glyphs].sort((a, b) => b.cy - a.cy || a.x - b.x);
  const lines: Line[] = [];
  for (const g of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.cy - g.cy) <= Math.min(last.h, g.h) / 2) {
      last.items.push(g);
    } else {
      lines.push({ items: [g], cy: g.cy, h: g.h });
    }
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines;
}

function rowText(line: Line): string {
  const cells: Glyphs[][] = [];
  let prev: Glyphs | undefined;
  for (const g of line.items) {
    if (!prev || g.x - prev.right > CELL_GAP_EM * Math.max(g.h, prev.h)) cells.push([g]);
    else cells[cells.length - 1].push(g);
    prev = g;
  }
  const texts = cells.map((cell) => tidy(joinGlyphs(cell)));
  return texts.length > 1 ? pipeRow(texts) : texts[0];
}

function joinGlyphs(glyphs: readonly Glyphs[]): string {
  let text = '';
  let prev: Glyphs | undefined;
  for (const g of glyphs) {
    if (prev && g.x - prev.right > SPACE_GAP_EM * Math.max(g.h, prev.h)) text += ' ';
    text += g.str;
    prev = g;
  }
  return text;
}

function tidy(text: string): string {
  return cellText(text).replace(SPACE_IN_CJK, '');
}

// ---- ruled tables ----

interface HRule {
  y: number;
  x1: number;
  x2: number;
}
interface VRule {
  x: number;
  y1: number;
  y2: number;
}

interface Grid {
  /** column boundaries, left to right */
  xs: number[];
  /** row boundaries, top to bottom */
  ys: number[];
  h: HRule[];
  v: VRule[];
}

/** Groups of crossing horizontal and vertical rules with at least a 2 × 2 frame. */
function findGrids(rules: readonly Rule[]): Grid[] {
  const h: HRule[] = [];
  const v: VRule[] = [];
  for (const r of rules) {
    const dx = Math.abs(r.x2 - r.x1);
    const dy = Math.abs(r.y2 - r.y1);
    if (dy < 1 && dx >= RULE_TOLERANCE) h.push({ y: (r.y1 + r.y2) / 2, x1: Math.min(r.x1, r.x2), x2: Math.max(r.x1, r.x2) });
    else if (dx < 1 && dy >= RULE_TOLERANCE) v.push({ x: (r.x1 + r.x2) / 2, y1: Math.min(r.y1, r.y2), y2: Math.max(r.y1, r.y2) });
  }
  const hs = mergeCollinear(h.map((r) => ({ at: r.y, from: r.x1, to: r.x2 }))).map((s) => ({ y: s.at, x1: s.from, x2: s.to }));
  const vs = mergeCollinear(v.map((r) => ({ at: r.x, from: r.y1, to: r.y2 }))).map((s) => ({ x: s.at, y1: s.from, y2: s.to }));

  const parent = [...hs, ...vs].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  hs.forEach((hr, i) => {
    vs.forEach((vr, j) => {
      if (crosses(hr, vr)) parent[find(i)] = find(hs.length + j);
    });
  });
  const groups = new Map<number, Grid>();
  hs.forEach((hr, i) => group(find(i)).h.push(hr));
  vs.forEach((vr, j) => group(find(hs.length + j)).v.push(vr));
  function group(root: number): Grid {
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { xs: [], ys: [], h: [], v: [] }));
    return g;
  }
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    g.xs = distinct(g.v.map((r) => r.x)).sort((a, b) => a - b);
    g.ys = distinct(g.h.map((r) => r.y)).sort((a, b) => b - a);
    if (g.xs.length >= 2 && g.ys.length >= 2) grids.push(g);
  }
  return grids;
}

function crosses(h: HRule, v: VRule): boolean {
  const t = RULE_TOLERANCE;
  return v.x >= h.x1 - t && v.x <= h.x2 + t && h.y >= v.y1 - t && h.y <= v.y2 + t;
}

interface Span {
  at: number;
  from: number;
  to: number;
}

/** Joins pieces of one border: Word draws a row's border cell by cell, often with hairline gaps. */
function mergeCollinear(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of sorted) {
    const piece = out.find((o) => Math.abs(o.at - s.at) <= 1 && s.from <= o.to + RULE_TOLERANCE && s.to >= o.from - RULE_TOLERANCE);
    if (piece) piece.to = Math.max(piece.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    if (!out.length || v - out[out.length - 1] > RULE_TOLERANCE) out.push(v);
  }
  return out;
}

interface Cell {
  row: number;
  col: number;
  items: Glyphs[];
}

/**
 * Cells are the grid's boxes joined wherever the border between two of them is not drawn (merged
 * cells). Returns null when the rules frame something other than a table: a single column of boxes
 * (framed paragraphs) or a "cell" holding a whole passage.
 */
function readTable(grid: Grid, glyphs: readonly Glyphs[]): { rows: string[]; items: Glyphs[] } | null {
  const { xs, ys } = grid;
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (cols < 2) return null;
  const id = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let r = 0; r < rows; r++) {
    const midY = (ys[r] + ys[r + 1]) / 2;
    for (let c = 0; c < cols; c++) {
      const midX = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < cols && !grid.v.some((v) => Math.abs(v.x - xs[c + 1]) <= RULE_TOLERANCE && v.y1 <= midY && v.y2 >= midY)) {
        parent[find(id(r, c + 1))] = find(id(r, c));
      }
      if (r + 1 < rows && !grid.h.some((h) => Math.abs(h.y - ys[r + 1]) <= RULE_TOLERANCE && h.x1 <= midX && h.x2 >= midX)) {
        parent[find(id(r + 1, c))] = find(id(r, c));
      }
    }
  }
  const cells = new Map<number, Cell>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(id(r, c));
      if (!cells.has(root)) cells.set(root, { row: r, col: c, items: [] });
    }
  }
  if (cells.size < 2) return null;

  const items: Glyphs[] = [];
  for (const g of glyphs) {
    const cx = (g.x + g.right) / 2;
    const c = xs.findIndex((x, i) => i < cols && cx >= x && cx <= xs[i + 1]);
    const r = ys.findIndex((y, i) => i < rows && g.cy <= y && g.cy >= ys[i + 1]);
    if (c < 0 || r < 0) continue;
    cells.get(find(id(r, c)))!.items.push(g);
    items.push(g);
  }
  if (!items.length) return null;

  const texts = new Map<Cell, string>();
  for (const cell of cells.values()) texts.set(cell, cellContent(cell.items));
  if ([...texts.values()].some((t) => t.length > FRAME_CELL_CHARS)) return null;

  const ordered = [...cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row = ordered.filter((cell) => cell.row === r).map((cell) => texts.get(cell)!);
    if (row.some((t) => t !== '')) out.push(pipeRow(row));
  }
  return { rows: out, items };
}

/** A cell's lines joined: a wrapped label or number continues without a space, Latin words with one. */
function cellContent(glyphs: readonly Glyphs[]): string {
  let text = '';
  for (const line of groupLines(glyphs)) {
    const part = joinGlyphs(line.items).trim();
    if (text && /[A-Za-z]$/.test(text) && /^[A-Za-z]/.test(part)) text += ' ';
    text += part;
  }
  return tidy(text);
}
