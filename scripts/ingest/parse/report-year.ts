/**
 * The statistical year a report covers, not the day it was signed (a report for 2019 is published
 * 2020-01-31). Sources, most trusted first: the title, the statistical period, “XXXX年度”, and
 * last the year the text names most often.
 */

export interface YearFinding {
  year: number | null;
  warnings: string[];
}

/** 自2022年1月1日起至2022年12月31日止; 2024 年 1 月 1 日至 12 月 31 日; garbled 20191月1日起到2019年12月31日 */
const PERIOD = /(\d{4})\s*年?\s*1\s*月\s*1\s*日[^。]{0,16}?(?:至|到|—|-|~|－)\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日/g;
/** 截止至2022年12月31日 */
const CUTOFF = /截[止至]\s*(?:至|到)?\s*(\d{4})\s*年\s*12\s*月\s*31\s*日/g;
const YEAR_OF = /(\d{4})\s*年度/g;
const ANY_YEAR = /(\d{4})\s*年/g;

export function findYear(text: string, titleYear: number | null): YearFinding {
  const warnings: string[] = [];
  const period = new Set<number>();
  for (const m of text.matchAll(PERIOD)) addYear(period, Number(m[2] ?? m[1]));
  for (const m of text.matchAll(CUTOFF)) addYear(period, Number(m[1]));
  const periodYears = [...period];
  if (periodYears.length > 1) warnings.push(`year: the text gives several statistical periods (${periodYears.join(', ')})`);

  if (titleYear !== null) {
    const other = periodYears.filter((y) => y !== titleYear);
    if (other.length > 0) warnings.push(`year: the title says ${titleYear}, the statistical period ${other.join(', ')}; the title is taken`);
    return { year: titleYear, warnings };
  }
  if (periodYears.length > 0) return { year: periodYears[0], warnings };

  const ofYear = mostFrequent(text, YEAR_OF);
  if (ofYear.year !== null) {
    if (ofYear.tied) warnings.push(`year: “年度” names ${ofYear.tied} as often as ${ofYear.year}; the later is taken`);
    return { year: ofYear.year, warnings };
  }
  const any = mostFrequent(text, ANY_YEAR);
  if (any.year !== null) warnings.push(`year: no title, statistical period or “年度”; ${any.year} is the year the text names most`);
  return { year: any.year, warnings };
}

function addYear(set: Set<number>, year: number): void {
  if (year >= 2000 && year <= 2099) set.add(year);
}

/** The most frequent plausible year; on a tie the later one (reports look back at earlier years). */
function mostFrequent(text: string, pattern: RegExp): { year: number | null; tied: number | null } {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(pattern)) {
    const y = Number(m[1]);
    if (y >= 2000 && y <= 2099) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  if (ranked.length === 0) return { year: null, tied: null };
  const tied = ranked.length > 1 && ranked[1][1] === ranked[0][1] ? ranked[1][0] : null;
  return { year: ranked[0][0], tied };
}
