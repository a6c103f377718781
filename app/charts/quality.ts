/** 数据质量's chart: failed checks per rule, one bar per year. */
import { CHECK_RULES, type CheckRule } from '../../scripts/ingest/keys';
import { serializeQuality, type QualityState } from '../lib/view-state';
import type { ChartSpec } from './frame';
import { simpleChart } from './simple';

export interface RuleCountInput {
  rule: CheckRule;
  year: number | null;
  failed: number;
  checked: number;
}

export interface QualityInput {
  state: QualityState;
  scopeName: string;
  counts: RuleCountInput[];
  asOf: string | null;
  synthetic: boolean;
}

export function qualityCharts(input: QualityInput): ChartSpec[] {
  const rules = (Object.keys(CHECK_RULES) as CheckRule[]).filter((r) => input.counts.some((c) => c.rule === r));
  const years = [...new Set(input.counts.map((c) => c.year))].sort((a, b) => (a ?? 0) - (b ?? 0));
  const count = (rule: CheckRule, year: number | null) => input.counts.find((c) => c.rule === rule && c.year === year);
  const link = (rule: CheckRule, year: number | null) =>
    `/quality${serializeQuality({ ...input.state, rule, years: year === null ? input.state.years : { from: year, to: year }, page: 1 })}`;
  const crossYear = rules.some((r) => r.startsWith('cross_year.'));
  return [
    simpleChart({
      name: 'quality-rules',
      title: '未通过的校验（按规则）',
      categories: rules.map((r) => CHECK_RULES[r]),
      categoryName: '规则',
      unit: '项',
      labelWidth: rules.length > 4 ? 120 : 200,
      series: years.map((y) => ({
        name: y === null ? '年度未识别' : `${y} 年`,
        type: 'bar' as const,
        data: rules.map((r) => (count(r, y) ? count(r, y)!.failed : null)),
        links: rules.map((r) => link(r, y)),
      })),
      meta: {
        asOf: input.asOf,
        synthetic: input.synthetic,
        decal: input.state.decal,
        lines: [`范围：${input.scopeName}；年度：${years.length ? `${years[0] ?? '—'}–${years[years.length - 1] ?? '—'}` : '—'}`],
        notes: [
          '每项校验按报告本身印出的勾稽关系计算；空白按 0 计的校验在明细中注明。',
          ...(crossYear ? [] : ['没有跨年度校验结果（需要同一单位相邻两年的报告）。']),
        ],
      },
    }),
  ];
}
