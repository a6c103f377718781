/** Part 二: publication counts, in either format, read by position once a row is recognised. */
import { ACTIVE_KEYS, type FormatVersion, type Template } from '../keys';
import type { Figure, Origin } from '../report';
import { labelIndex, labelSet, readRow, type LabelIndex, type ReadCell } from './cells';
import {
  ACTIVE_ROW_LABELS,
  BLOCK_ONE_LAST_HEADER,
  HEADERS_2019_BLOCK_ONE,
  HEADERS_2019_ITEMS,
  HEADERS_2021_BLOCK_ONE,
  HEADERS_2021_ITEMS,
} from './labels';
import { compactOf, type Token } from './tokens';

export interface ActiveRead {
  template: Template;
  parts: { 一: FormatVersion | null; items: FormatVersion | null };
  values: Record<string, Figure>;
  origins: Record<string, Origin>;
  warnings: string[];
}

const LABELS = labelSet(ACTIVE_ROW_LABELS);
const ORIGIN_KEY: Record<string, string> = Object.fromEntries(ACTIVE_KEYS.map((k) => [k.key, `active.${k.key}`]));

function rowOf(key: string): string {
  return key.slice(0, key.indexOf('.'));
}

function findLabel(tokens: Token[], labels: LabelIndex, row: string, from = 0): number {
  for (let i = from; i < tokens.length; i++) if (labels.matches(i, row)) return i;
  return -1;
}

function headerFormat(tokens: Token[], v2019: RegExp, v2021: RegExp, from: number, to: number): FormatVersion | null {
  for (let i = from; i < to; i++) {
    if (tokens[i].kind !== 'text') continue;
    const c = compactOf(tokens[i]);
    if (v2019.test(c)) return '2019';
    if (v2021.test(c)) return '2021';
  }
  return null;
}

/** Which format each half of part 二 follows, from its headers, then from the rows it has. */
function detectFormats(tokens: Token[], labels: LabelIndex): ActiveRead['parts'] {
  const licensing = findLabel(tokens, labels, 'licensing');
  const firstItems = licensing === -1 ? tokens.length : licensing;
  let one = headerFormat(tokens, HEADERS_2019_BLOCK_ONE, HEADERS_2021_BLOCK_ONE, 0, firstItems);
  let items = headerFormat(tokens, HEADERS_2019_ITEMS, HEADERS_2021_ITEMS, Math.max(0, firstItems - 4), tokens.length);
  if (!items && (findLabel(tokens, labels, 'other_services') !== -1 || findLabel(tokens, labels, 'procurement') !== -1)) items = '2019';
  if (!items && licensing !== -1) items = readRow(tokens, licensing, 3, ACTIVE_ROW_LABELS.licensing).found >= 3 ? '2019' : '2021';
  if (!one) {
    const normative = findLabel(tokens, labels, 'normative');
    if (normative !== -1) one = /^行政/.test(compactOf(tokens[normative])) ? '2021' : items;
  }
  return { 一: one ?? items, items: items ?? one };
}

function templateOf(parts: ActiveRead['parts']): Template {
  if (!parts.一 && !parts.items) return 'unknown';
  if (parts.一 && parts.items && parts.一 !== parts.items) return 'hybrid';
  return (parts.一 ?? parts.items)!;
}

/** Money is stored in 万元; a cell or header in 元 is converted and says so. */
function toWanYuan(cell: ReadCell, headerInYuan: boolean, key: string, warnings: string[]): Figure {
  if (cell.value === null) return null;
  if (cell.unit === '元' || (cell.unit === null && headerInYuan)) {
    const wan = Number((cell.value / 10000).toPrecision(12));
    warnings.push(`${key}: “${cell.origin?.raw ?? cell.value}” is in 元; stored as ${wan} 万元`);
    return wan;
  }
  return cell.value;
}

type ActiveKey = (typeof ACTIVE_KEYS)[number];
const ROWS = new Map<string, ActiveKey[][]>();

/** The keys of each row the two halves' formats print, rows in printed order; worked out once per pair. */
function rowsOf(parts: ActiveRead['parts']): ActiveKey[][] {
  const pair = `${parts.一}/${parts.items}`;
  let rows = ROWS.get(pair);
  if (!rows) {
    const keys = ACTIVE_KEYS.filter((k) => k.formats.includes(k.block === '一' ? parts.一! : parts.items!));
    rows = [...new Set(keys.map((k) => rowOf(k.key)))].map((row) => keys.filter((k) => rowOf(k.key) === row));
    ROWS.set(pair, rows);
  }
  return rows;
}

export function readActive(tokens: Token[], exact = false): ActiveRead {
  const warnings: string[] = [];
  const values: Record<string, Figure> = {};
  const origins: Record<string, Origin> = {};
  const labels = labelIndex(tokens, LABELS);
  const parts = detectFormats(tokens, labels);
  const template = templateOf(parts);
  if (template === 'unknown') return { template, parts, values, origins, warnings: ['part 二: no table recognised'] };

  // The header holds 额 (收费金额), whatever spaces split it.
  const feeHeaderInYuan = tokens.some((t) => t.kind === 'text' && t.text.includes('额') && /收费金额.*单位:?元/.test(compactOf(t)) && !/万元/.test(t.text));
  let cursor = 0;
  for (const rowKeys of rowsOf(parts)) {
    const row = rowOf(rowKeys[0].key);
    let at = findLabel(tokens, labels, row, cursor);
    if (at === -1) at = findLabel(tokens, labels, row);
    let read = at === -1 ? null : readRow(tokens, at, rowKeys.length, ACTIVE_ROW_LABELS[row], { exact, isLabel: labels.any });
    if (at === -1 && row === 'rules') {
      const header = tokens.findIndex((t) => t.kind === 'text' && BLOCK_ONE_LAST_HEADER.test(compactOf(t)));
      if (header !== -1) {
        let first = header + 1;
        while (first < tokens.length && tokens[first].kind !== 'text') first++;
        read = readRow([{ ...tokens[header], text: '规章' }, ...tokens.slice(first)], 0, rowKeys.length, ACTIVE_ROW_LABELS.rules);
        if (read.found > 0) warnings.push('part 二: the 规章 row has no label; its figures were read by position');
      }
    }
    if (!read || read.found === 0) {
      warnings.push(read?.runTogether ? `part 二: cells of ${rowKeys[0].row} run together with no separator; left blank rather than guessed` : `part 二: row ${rowKeys[0].row} not found`);
    } else if (read.found < rowKeys.length) {
      warnings.push(`part 二: row ${rowKeys[0].row} has ${read.found} of ${rowKeys.length} cells`);
    }
    if (read && at !== -1) cursor = read.next;
    rowKeys.forEach((k, i) => {
      const cell = read?.cells[i];
      if (!cell) {
        values[k.key] = null;
        return;
      }
      if (cell.note) warnings.push(`${k.key}: note in the cell “${cell.note}” ignored; figure ${cell.value}`);
      values[k.key] = k.unit ? toWanYuan(cell, k.key === 'fees.amount' && feeHeaderInYuan, k.key, warnings) : cell.value;
      if (cell.origin) origins[ORIGIN_KEY[k.key]] = cell.origin;
    });
  }
  return { template, parts, values, origins, warnings };
}
