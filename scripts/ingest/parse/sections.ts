/**
 * Finds the six numbered parts of a report. Table 三 has rows numbered 一、 to 四、 too, so a heading
 * is recognised by its words, not its number alone.
 */
import type { SectionKey } from '../keys';

export type PartNumber = '一' | '二' | '三' | '四' | '五' | '六';

const HEADINGS: Record<PartNumber, RegExp> = {
  一: /^[(（]?一[)）、.．]?\s*(?:总体情况|工作基本情况|基本情况|概述|总体工作情况)/,
  二: /^[(（]?二[)）、.．]?\s*主动公开政府信息/,
  三: /^[(（]?三[)）、.．]?\s*收到和处理政府信息公开申请/,
  四: /^[(（]?四[)）、.．]?\s*政府信息公开(?:行政)?(?:法)?复议/,
  五: /^[(（]?五[)）、.．]?\s*(?:存在的?主要问题|存在问题|主要问题)/,
  六: /^[(（]?六[)）、.．]?\s*其他需要报告/,
};

export interface Part {
  number: PartNumber;
  /** offset of the heading line */
  start: number;
  /** offset just after the heading line */
  bodyStart: number;
}

/** Only lines that begin like a numbered heading are tried against the headings. */
const CANDIDATE = /^[ \t|]*([(（]?[一二三四五六][)）、.．][^\n]*)$/gm;

export function findParts(text: string): Part[] {
  const parts: Part[] = [];
  const seen = new Set<PartNumber>();
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const line = m[1];
    const n = (line[0] === '(' || line[0] === '（' ? line[1] : line[0]) as PartNumber;
    if (!seen.has(n) && HEADINGS[n].test(line)) {
      seen.add(n);
      parts.push({ number: n, start: m.index, bodyStart: m.index + m[0].length });
    }
  }
  return parts.sort((a, b) => a.start - b.start);
}

/** [start, end) of a part's body: up to the next heading, or the end of the text. */
export function partRange(parts: Part[], n: PartNumber, textLength: number): [number, number] | null {
  const i = parts.findIndex((p) => p.number === n);
  if (i === -1) return null;
  return [parts[i].bodyStart, i + 1 < parts.length ? parts[i + 1].start : textLength];
}

const PROSE_PARTS: Record<SectionKey, PartNumber> = { overview: '一', problems: '五', other: '六' };

/** A signature block (organ name, then a date) closes part 六; it is not part of its prose. */
const SIGNATURE = /\n[^\n]{2,40}\n\s*\d{4}年\d{1,2}月\d{1,2}日\s*$/;

export function proseSections(text: string, parts: Part[]): Record<SectionKey, string | null> {
  const out = {} as Record<SectionKey, string | null>;
  for (const [key, n] of Object.entries(PROSE_PARTS) as [SectionKey, PartNumber][]) {
    const range = partRange(parts, n, text.length);
    let body = range ? text.slice(range[0], range[1]) : null;
    if (body !== null && key === 'other') body = body.replace(SIGNATURE, '');
    out[key] = body === null ? null : body.trim() || null;
  }
  return out;
}
