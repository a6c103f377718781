/**
 * Is a parsed document an annual report at all, and is it whole? Supervisors upload whatever their
 * units sent: a notice, a news item, a report cut off in the middle. A document with no figure and
 * no report title is refused; a report missing one of its three tables is kept, marked incomplete.
 */
import type { Report } from '../report';

export const NOT_A_REPORT = '未识别为政府信息公开工作年度报告';

const TITLE = /政府信息公开.{0,12}年度?报告|政府信息公开.{0,6}年报/s;

function printed(values: Record<string, unknown>): number {
  return Object.values(values).filter((v) => v !== null && v !== undefined).length;
}

function applicationFigures(report: Report): number {
  return Object.values(report.applications).reduce((n, cols) => n + printed(cols), 0);
}

export function isAnnualReport(report: Report, text: string): boolean {
  if (report.template === 'legacy') return true;
  const figures = printed(report.active) + applicationFigures(report) + printed(report.review);
  return figures > 0 || TITLE.test(text.slice(0, 20_000));
}

const TABLES = [
  { part: '二', name: '主动公开政府信息情况', count: (r: Report) => printed(r.active) },
  { part: '三', name: '收到和处理政府信息公开申请情况', count: applicationFigures },
  { part: '四', name: '政府信息公开行政复议、行政诉讼情况', count: (r: Report) => printed(r.review) },
] as const;

/** Why a report is incomplete (its tables that hold no figure, in Chinese); empty when it is whole. */
export function incompleteParts(report: Report): string[] {
  if (report.template === 'legacy') return [];
  return TABLES.filter((t) => t.count(report) === 0).map((t) => `缺少第${t.part}部分（${t.name}）的数字`);
}
