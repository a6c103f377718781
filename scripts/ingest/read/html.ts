/**
 * HTML → text: prose as one line per block element, data tables as pipe rows (rows.ts). Report
 * pages come from CMS templates and Word's "save as web page", so the walker drops page chrome,
 * unwraps layout tables and keeps every cell of a data table, blank ones included.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { cellText, pipeRowOfTexts } from './rows';

/**
 * parse5's own tree: the same HTML5 tree construction cheerio runs, without the conversion to
 * domhandler nodes, which cost three times the parse itself.
 */
type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type Template = DefaultTreeAdapterMap['template'];

const isElement = (node: Node): node is Element => 'tagName' in node;

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
  const document = parse(html);
  const out = new Lines();
  const title = firstTitle(document.childNodes);
  if (title) out.add(textContent(title));
  out.flush();
  walk(document, out);
  return out.text();
}

/**
 * The first `<title>` in document order, a `<template>`'s content included (cheerio's `$('title')`,
 * which this reader used, searched domhandler's tree, where that content is the template's child).
 */
function firstTitle(nodes: Node[]): Element | null {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.tagName === 'title') return node;
    const found = firstTitle(children(node));
    if (found) return found;
  }
  return null;
}

/** All text under a node, a template's content included. */
function textContent(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!('childNodes' in node)) return '';
  let text = '';
  for (const child of children(node)) text += textContent(child);
  return text;
}

function children(node: DefaultTreeAdapterMap['parentNode']): Node[] {
  return node.nodeName === 'template' ? (node as Template).content.childNodes : node.childNodes;
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

function walk(node: Node, out: Lines): void {
  if (node.nodeName === '#text') return out.add((node as DefaultTreeAdapterMap['textNode']).value);
  if (node.nodeName === '#document') {
    for (const child of (node as DefaultTreeAdapterMap['document']).childNodes) walk(child, out);
    return;
  }
  if (!isElement(node) || skipped(node)) return;
  if (node.tagName === 'br') return out.flush();
  if (node.tagName === 'table') return table(node, out);
  const block = BLOCKS.has(node.tagName);
  if (block) out.flush();
  for (const child of node.childNodes) walk(child, out);
  if (block) out.flush();
}

function skipped(el: Element): boolean {
  if (DROPPED.has(el.tagName)) return true;
  for (const attr of el.attrs) {
    if (attr.name === 'hidden') return true;
    if (attr.name === 'style' && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attr.value)) return true;
  }
  return false;
}

function table(el: Element, out: Lines): void {
  const rows = ownRows(el).map((tr) => ownCells(tr));
  const texts = rows.map((row) => row.map((cell) => cellText(cellContent(cell))));
  const layout = rows.some((row, r) => row.some((cell, c) => texts[r][c].length > LAYOUT_CELL_CHARS || holdsDataTable(cell)));
  out.flush();
  for (const child of el.childNodes) {
    if (isElement(child) && child.tagName === 'caption') walk(child, out);
  }
  for (let r = 0; r < rows.length; r++) {
    if (layout) {
      for (const cell of rows[r]) walk(cell, out);
    } else if (texts[r].some((text) => text !== '')) {
      out.line(pipeRowOfTexts(texts[r]));
    }
  }
  out.flush();
}

function ownRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child) || skipped(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const tr of child.childNodes) if (isElement(tr) && tr.tagName === 'tr' && !skipped(tr)) rows.push(tr);
    }
  }
  return rows;
}

function ownCells(tr: Element): Element[] {
  return tr.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th') && !skipped(c));
}

/**
 * A table of a few rows inside a cell is that cell's content (a figure with its unit); a longer one
 * is a data table the page layout wraps, so the outer table is layout.
 */
function holdsDataTable(el: Element): boolean {
  return el.childNodes.some((c) => isElement(c) && (c.tagName === 'table' ? ownRows(c).length >= NESTED_DATA_ROWS : holdsDataTable(c)));
}

/** All text under a cell; line breaks and block boundaries become spaces, as cellText collapses them. */
function cellContent(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(node) || skipped(node)) return '';
  if (node.tagName === 'br') return ' ';
  let inner = '';
  for (const child of node.childNodes) inner += cellContent(child);
  return BLOCKS.has(node.tagName) ? ` ${inner} ` : inner;
}
