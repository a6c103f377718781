/**
 * HTML → text: prose as one line per block element, data tables as pipe rows (rows.ts). Report
 * pages come from CMS templates and Word's "save as web page", so the walker drops page chrome,
 * unwraps layout tables and keeps every cell of a data table, blank ones included.
 */
import { load } from 'cheerio';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { cellText, pipeRow } from './rows';

/** Never part of a report's text: code, media, forms' widgets and site navigation. */
const DROPPED = new Set(
  'script style noscript template head iframe object embed svg canvas audio video map nav select button input textarea'.split(' '),
);

const BLOCKS = new Set(
  (
    'address article aside blockquote body caption center dd details dialog dir div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu ol p pre ' +
    'section summary table tbody td tfoot th thead title tr ul'
  ).split(' '),
);

/**
 * A cell this long holds an article, not a figure or a label: its table lays out the page (old
 * government sites put the whole report in one), so its content is read as prose.
 */
const LAYOUT_CELL_CHARS = 300;
const NESTED_DATA_ROWS = 3;

export function htmlToText(html: string): string {
  const $ = load(html);
  const out = new Lines();
  const title = $('title').first().text();
  if (title) out.add(title);
  out.flush();
  for (const node of $.root().toArray()) walk(node, out);
  return out.text();
}

class Lines {
  private readonly lines: string[] = [];
  private current = '';

  add(text: string): void {
    this.current += text;
  }

  /** A finished line kept exactly, so the empty cells of a pipe row keep their two spaces. */
  line(text: string): void {
    this.flush();
    this.lines.push(text);
  }

  flush(): void {
    const line = this.current.replace(/[\s\u00A0\u3000]+/g, ' ').trim();
    if (line) this.lines.push(line);
    this.current = '';
  }

  text(): string {
    this.flush();
    return this.lines.join('\n');
  }
}

function walk(node: AnyNode, out: Lines): void {
  if (isText(node)) return out.add(node.data);
  if ('children' in node && !isTag(node)) {
    for (const child of node.children) walk(child, out);
    return;
  }
  if (!isTag(node) || skipped(node)) return;
  if (node.name === 'br') return out.flush();
  if (node.name === 'table') return table(node, out);
  const block = BLOCKS.has(node.name);
  if (block) out.flush();
  for (const child of node.children) walk(child, out);
  if (block) out.flush();
}

function skipped(el: Element): boolean {
  if (DROPPED.has(el.name) || 'hidden' in el.attribs) return true;
  const style = el.attribs.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function table(el: Element, out: Lines): void {
  const rows = ownRows(el).map((tr) => ownCells(tr));
  const cells = rows.flat();
  const texts = new Map(cells.map((cell) => [cell, cellText(cellContent(cell))]));
  const layout = cells.some((cell) => holdsDataTable(cell) || texts.get(cell)!.length > LAYOUT_CELL_CHARS);
  out.flush();
  for (const child of el.children) {
    if (isTag(child) && child.name === 'caption') walk(child, out);
  }
  for (const row of rows) {
    if (layout) {
      for (const cell of row) walk(cell, out);
    } else if (row.some((cell) => texts.get(cell) !== '')) {
      out.line(pipeRow(row.map((cell) => texts.get(cell)!)));
    }
  }
  out.flush();
}

function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isTag(child) || skipped(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const tr of child.children) if (isTag(tr) && tr.name === 'tr' && !skipped(tr)) rows.push(tr);
    }
  }
  return rows;
}

function ownCells(tr: Element): Element[] {
  return tr.children.filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th') && !skipped(c));
}

/**
 * A table of a few rows inside a cell is that cell's content (a figure with its unit); a longer one
 * is a data table the page layout wraps, so the outer table is layout.
 */
function holdsDataTable(el: Element): boolean {
  return el.children.some((c) => isTag(c) && (c.name === 'table' ? ownRows(c).length >= NESTED_DATA_ROWS : holdsDataTable(c)));
}

/** All text under a cell; line breaks and block boundaries become spaces, as cellText collapses them. */
function cellContent(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node)) return '';
  if (skipped(node)) return '';
  if (node.name === 'br') return ' ';
  const inner = node.children.map(cellContent).join('');
  return BLOCKS.has(node.name) ? ` ${inner} ` : inner;
}
