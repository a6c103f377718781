/** What one table cell's text means: a figure, an explicit blank, or not a figure at all. */

export type CellValue =
  | { kind: 'number'; value: number; unit: '元' | '万元' | null; note: string | null }
  | { kind: 'blank' }
  | { kind: 'text' };

/** Dashes and words that mean "nothing to report" in a number cell: null, never 0. */
const BLANK = /^(?:[—–\-/\\－]+|无|空|\/)$/;
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const WITH_UNIT = /^(.+?)(万元|元|件|个|项|条|宗|次)$/;
const WITH_NOTE = /^(.+?)[(（](.+)[)）]$/;

function plainNumber(s: string): number | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  const n = Number(`${m[1]}${m[2].replace(/,/g, '')}${m[3] ? `.${m[3]}` : ''}`);
  return Number.isFinite(n) ? n : null;
}

const PLAIN_INTEGER = /^\d{1,15}$/;
const BLANK_CELL: CellValue = { kind: 'blank' };
const TEXT_CELL: CellValue = { kind: 'text' };

export function parseCell(text: string): CellValue {
  // Most cells are plain integers: answer them without the general patterns below.
  if (PLAIN_INTEGER.test(text)) return { kind: 'number', value: Number(text), unit: null, note: null };
  const s = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (s === '') return BLANK_CELL;
  if (!/\d|^[—–\-/\\－无空]/.test(s)) return TEXT_CELL;
  if (BLANK.test(s)) return BLANK_CELL;
  let body = s;
  let note: string | null = null;
  const noted = WITH_NOTE.exec(body);
  if (noted && /\d/.test(noted[1])) {
    body = noted[1];
    note = noted[2];
  }
  let unit: '元' | '万元' | null = null;
  const united = WITH_UNIT.exec(body);
  if (united) {
    body = united[1];
    if (united[2] === '元' || united[2] === '万元') unit = united[2];
  }
  const value = plainNumber(body);
  if (value === null) return TEXT_CELL;
  return { kind: 'number', value, unit, note };
}

/** A cell that a figure could be read from (a number or an explicit blank). */
export function isValueCell(text: string): boolean {
  return parseCell(text).kind !== 'text';
}
