/**
 * The signature: an organ's name alone on a line with the date on the next (at the end of the
 * report, or under the title as in 沐阳县人民政府 / (2026年1月23日)).
 */
import { dateLine } from './dates';
import { looksLikeOrgan } from './organ-name';

export interface Signature {
  organ: string | null;
  date: string;
}

/** How many non-blank lines from the end (or start) a signature may sit. */
const REACH = 12;

/** The last signature in the tail of the text, or null. */
export function signatureAtEnd(tail: string): Signature | null {
  const lines = lastLines(tail).reverse();
  for (let i = lines.length - 1; i >= 1; i--) {
    const found = signatureAt(lines, i);
    if (found) return found;
  }
  return null;
}

/** A signature among the first lines, under the title. */
export function signatureAtStart(headLines: readonly string[]): Signature | null {
  const lines = compact(headLines);
  for (let i = 1; i < lines.length; i++) {
    const found = signatureAt(lines, i);
    if (found?.organ) return found;
  }
  return null;
}

function signatureAt(lines: string[], i: number): Signature | null {
  const line = lines[i];
  if (line.length > 40 || !line.endsWith('日') && !/日[)）]$/.test(line)) return null;
  const date = dateLine(line);
  if (date) return { organ: looksLikeOrgan(lines[i - 1]) ? lines[i - 1] : null, date };
  const joined = /^(\p{Script=Han}{3,30}?)((?:\d{4}|[〇零○一二三四五六七八九]{4})年.+日)$/u.exec(line);
  if (joined && looksLikeOrgan(joined[1])) {
    const joinedDate = dateLine(joined[2]);
    if (joinedDate) return { organ: joined[1], date: joinedDate };
  }
  return null;
}

/**
 * The first (or, backwards, the last) REACH lines that hold something, without spaces (PDF text
 * spaces out 2023 年) and pipes; page numbers (- 5 -, — 7 —) do not count.
 */
function compact(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < lines.length && out.length < REACH; k++) {
    const s = compactLine(lines[k]);
    if (s) out.push(s);
  }
  return out;
}

/** compact() of the text's lines taken from the end, last first, without splitting the whole text. */
function lastLines(text: string): string[] {
  const out: string[] = [];
  for (let end = text.length; out.length < REACH; ) {
    const nl = end === 0 ? -1 : text.lastIndexOf('\n', end - 1);
    const s = compactLine(text.slice(nl + 1, end));
    if (s) out.push(s);
    if (nl === -1) break;
    end = nl;
  }
  return out;
}

function compactLine(line: string): string | null {
  const s = line.length > 80 ? line : line.replace(/[\s|]+/g, '');
  return s && !isPageNumber(s) ? s : null;
}

function isPageNumber(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c === 45 || c === 0x2014 || (c >= 48 && c <= 57)) && /^[-—]*\d*[-—]*$/.test(s);
}
