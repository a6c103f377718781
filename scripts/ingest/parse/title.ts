/**
 * The title: 红土崖镇人民政府2022年政府信息公开工作年度报告, also split over two lines (洪泽区人民政府 /
 * 2023 年政府信息公开工作年度报告), year first (2025 年上海市人民政府办公厅政府信息公开 / 工作年度报告),
 * without a year, or behind a chrome label (标题:, #).
 */
import { looksLikeOrgan } from './organ-name';

export interface Title {
  organ: string | null;
  year: number | null;
}

/** A line that ends the way a report's title does; the organ and year come before the phrase. */
const TITLE = /^(.*?)(?:本级)?(?:(?<!人民)政府)?(?:信息|政务)公开(?:工作)?(\d{4}年度?)?(?:年度)?(?:报告|年报)$/;
const YEAR = /(\d{4})年度?/;
const LABEL = /^(?:#+|标题[:：]|关于)|关于$|的$/g;
/** Titles are short; a longer line is a sentence that quotes a title. */
const MAX_TITLE = 60;
/** Lines searched: the title sits under at most a screenful of page chrome. */
export const HEAD_LINES = 80;

export function findTitle(headLines: readonly string[]): Title {
  const lines: string[] = [];
  for (const line of headLines) {
    if (line.trim()) lines.push(line);
    if (lines.length >= HEAD_LINES) break;
  }
  let organ: string | null = null;
  let year: number | null = null;
  for (let i = 0; i < lines.length && (organ === null || year === null); i++) {
    const next = lines[i + 1];
    const ends = mayEndTitle(lines[i]);
    if (!ends && !(next && mayEndTitle(next))) continue;
    let line = squeeze(lines[i]);
    if (!ends) {
      const rest = squeeze(next);
      if (rest.length > 12) continue;
      line += rest;
    }
    if (line.length > MAX_TITLE) continue;
    const m = TITLE.exec(line);
    if (!m) continue;
    let head = m[1];
    const y = YEAR.exec(head) ?? YEAR.exec(m[2] ?? '');
    if (y) {
      const n = Number(y[1]);
      if (year === null && n >= 2000 && n <= 2099) year = n;
      head = head.replace(y[0], '');
    }
    head = head.replace(LABEL, '').replace(/^[《“"]+|[》”"]+$/g, '');
    const candidate = head || (i > 0 ? squeeze(lines[i - 1]) : '');
    if (organ === null && looksLikeOrgan(candidate)) organ = candidate;
  }
  return { organ, year };
}

/** Only lines ending in 报告 or 年报 (before spaces) can end a title: a cheap test before any regex. */
function mayEndTitle(line: string): boolean {
  const s = line.trimEnd();
  return s.endsWith('报告') || s.endsWith('年报');
}

/** PDF and OCR text space titles out: 2023 年政府信息公开. */
function squeeze(line: string): string {
  return line.length > 4 * MAX_TITLE ? line : line.replace(/\s+/g, '');
}
