/** 总览's headline trends: reports per year and the year's totals over the units in scope. */
import { serializeList, LIST_DEFAULTS, type OverviewState } from '../lib/view-state';
import { CORRECTED_MARK } from './cells';
import { CORRECTED_NOTE } from './compare';
import type { ChartSpec } from './frame';
import { simpleChart } from './simple';

export interface TrendInput {
  year: number;
  reports: number;
  failed: number;
  synthetic: number;
  received: number | null;
  granted: number | null;
  review: number | null;
  litigation: number | null;
  receivedReports: number;
  corrected: number;
}

export interface OverviewInput {
  state: OverviewState;
  scopeName: string;
  trends: TrendInput[];
  asOf: string | null;
}

function yearsLine(t: TrendInput[]): string {
  return t.length === 0 ? '年度：—' : `年度：${t[0].year}–${t[t.length - 1].year}`;
}

export function overviewCharts(input: OverviewInput): ChartSpec[] {
  const t = input.trends;
  const categories = t.map((r) => String(r.year));
  const synthetic = t.some((r) => r.synthetic > 0);
  const listLink = (year: number, checks: 'all' | 'failed') =>
    `/reports${serializeList({ ...LIST_DEFAULTS, within: input.state.within, years: { from: year, to: year }, checks })}`;
  const base = { asOf: input.asOf, synthetic, decal: input.state.decal };
  const lines = [`范围：${input.scopeName}；${yearsLine(t)}`];
  const corrected = t.filter((r) => r.corrected > 0).map((r) => `${r.year} 年 ${r.corrected} 个`);
  const partial = t.filter((r) => r.receivedReports < r.reports).map((r) => `${r.year} 年 ${r.reports - r.receivedReports} 份`);
  return [
    simpleChart({
      name: 'overview-reports',
      title: '已导入的年度报告',
      categories,
      categoryName: '年度',
      unit: '份',
      series: [
        { name: '报告', type: 'bar', data: t.map((r) => r.reports), links: t.map((r) => listLink(r.year, 'all')) },
        { name: '其中校验未通过', type: 'bar', data: t.map((r) => r.failed), links: t.map((r) => listLink(r.year, 'failed')) },
      ],
      meta: { ...base, lines, notes: ['每个单位每年以最新导入的报告为准。'] },
    }),
    simpleChart({
      name: 'overview-totals',
      title: '申请、复议和诉讼合计',
      categories,
      categoryName: '年度',
      unit: '件',
      series: [
        { name: '本年新收申请', type: 'line', data: t.map((r) => r.received) },
        { name: '予以公开', type: 'line', data: t.map((r) => r.granted) },
        { name: '行政复议', type: 'line', data: t.map((r) => r.review) },
        { name: '行政诉讼', type: 'line', data: t.map((r) => r.litigation) },
      ],
      meta: {
        ...base,
        lines,
        notes: [
          '合计只含已导入的报告；空白格不计入合计（不是 0），全为空白的年度不画。',
          ...(partial.length ? [`未填写本年新收申请数的报告：${partial.join('，')}。`] : []),
          ...(corrected.length ? [`${CORRECTED_NOTE.replace(`（${CORRECTED_MARK}）`, '')}：${corrected.join('，')}；原始解析值见各报告页的更正记录。`] : []),
        ],
      },
    }),
  ];
}
