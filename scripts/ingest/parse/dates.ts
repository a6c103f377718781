/** Dates as reports print them: 2022年12月31日, 2020-01-31, 二〇二三年一月十八日. */

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, O: 0, o: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 一 … 三十一 */
function chineseNumber(s: string): number | null {
  if (s.length === 1 && s !== '十') return CN_DIGITS[s] || null;
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  if (!m) return null;
  return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[2] ? CN_DIGITS[m[2]] : 0);
}

/** YYYY-MM-DD, or null when the parts are not a calendar date of a plausible report. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ARABIC_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const CHINESE_DATE = /^([〇零○Oo一二三四五六七八九]{4})\s*年\s*([一二三十]{1,3})\s*月\s*([一二三十四五六七八九]{1,3})\s*日$/;

/** A line holding nothing but a date, possibly in brackets: a signature or the date under a title. */
export function dateLine(line: string): string | null {
  const s = line.trim().replace(/^[(（]\s*|\s*[)）]$/g, '');
  const a = ARABIC_DATE.exec(s);
  if (a) return isoDate(Number(a[1]), Number(a[2]), Number(a[3]));
  const c = CHINESE_DATE.exec(s);
  if (!c) return null;
  const year = Number([...c[1]].map((d) => CN_DIGITS[d]).join(''));
  const month = chineseNumber(c[2]);
  const day = chineseNumber(c[3]);
  return month && day ? isoDate(year, month, day) : null;
}
