/**
 * Is a parsed document an annual report at all, and is it whole? Supervisors upload whatever their
 * units sent: a notice, a news item, a report cut off in the middle. A document with no figure and
 * no report title is refused; a report whose text stops before one of its three tables is kept,
 * marked incomplete.
 */
import type { Report } from '../report';

export const NOT_A_REPORT = '未识别为政府信息公开工作年度报告';

const TITLE = /政府信息公开.{0,12}年度?报告|政府信息公开.{0,6}年报/s;

/** How many values are not blank (counted over Object.values: a filtered copy, or for…in with a lookup per key, cost more). */
function printed(values: Record<string, unknown>): number {
  const all = Object.values(values);
  let n = 0;
  for (let i = 0; i < all.length; i++) if (all[i] !== null && all[i] !== undefined) n++;
  return n;
}

function applicationFigures(report: Report): number {
  let n = 0;
  for (const row in report.applications) n += printed(report.applications[row]);
  return n;
}

export function isAnnualReport(report: Report, text: string): boolean {
  if (report.template === 'legacy') return true;
  const figures = printed(report.active) + applicationFigures(report) + printed(report.review);
  return figures > 0 || TITLE.test(text.slice(0, 20_000));
}

/** Each table, how its figures are counted, and the words that show its part is in the text. */
const TABLES = [
  { part: '二', name: '主动公开政府信息情况', count: (r: Report) => printed(r.active), present: /主动公开政府信息情况|第二十条第/ },
  { part: '三', name: '收到和处理政府信息公开申请情况', count: applicationFigures, present: /收到和处理政府信息公开申请|本年新收政府信息公开申请/ },
  { part: '四', name: '政府信息公开行政复议、行政诉讼情况', count: (r: Report) => printed(r.review), present: /政府信息公开行政复议|未经复议直接起诉|复议后起诉/ },
] as const;

/**
 * Why a report is incomplete (in Chinese): its tables whose part the text does not reach at all, as
 * when a file is cut off. A table that is there but unreadable (cells run together) or all blank is
 * not a missing part: its warnings say so.
 */
export function incompleteParts(report: Report): string[] {
  if (report.template === 'legacy') return [];
  const text = report.text;
  return TABLES.filter((t) => t.count(report) === 0 && (text === undefined || !t.present.test(text))).map(
    (t) => `缺少第${t.part}部分（${t.name}）的数字`,
  );
}
