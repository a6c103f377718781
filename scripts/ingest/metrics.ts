/**
 * Derived indicators a supervisor reads beside the printed figures, each a formula over the
 * vocabulary of keys.ts (wide column names, schema.ts) with the format versions it is defined for.
 * Where the 2019 and 2021 formats print different things, an indicator is either defined for one
 * of them only, or says it is not comparable across them: a year-over-year figure across that
 * change is then withheld, never computed from two definitions.
 *
 * Imported by the server (benchmarks, report page) and the UI (the dictionary, figures' captions).
 */
import { APPLICATION_ROWS, type ApplicationGroup, type FormatVersion, type Template } from './keys';

/** Reports for year N are due by 31 January of N+1 (《政府信息公开条例》第五十条). */
export const DEADLINE_MONTH_DAY = '01-31';

/** The last day a report for `year` may be published, as YYYY-MM-DD. */
export function publicationDeadline(year: number): string {
  return `${year + 1}-${DEADLINE_MONTH_DAY}`;
}

export type Timeliness = 'on_time' | 'late' | 'unknown';

/** A report without a published date is `unknown`, not late. */
export function timeliness(year: number | null, published: string | null | undefined): Timeliness {
  if (year === null || !published) return 'unknown';
  return published.slice(0, 10) <= publicationDeadline(year) ? 'on_time' : 'late';
}

/** Days after the deadline (0 or less: on time). */
export function daysLate(year: number, published: string): number {
  const day = 86_400_000;
  return Math.round((Date.parse(published.slice(0, 10)) - Date.parse(publicationDeadline(year))) / day);
}

/** Wide column names of part 三's rows in a group, for the 总计 column. */
function groupTotals(group: ApplicationGroup): string[] {
  return APPLICATION_ROWS.filter((r) => r.group === group && r.key !== `${group}.all`).map((r) => `applications.${r.key}.total`);
}

const app = (row: string, col = 'total') => `applications.${row}.${col}`;

export interface Formula {
  /** summed; every term must be printed (a blank makes the indicator blank) */
  numerator: readonly string[];
  /** summed likewise; absent for a plain sum */
  denominator?: readonly string[];
}

export interface MetricDef {
  id: string;
  label: string;
  /** how the value reads: a share (shown as %), a count, or per hundred applications */
  unit: 'share' | 'count' | 'per100';
  /** ratio of this year's formula; yoy: this year's numerator over last year's, minus one */
  kind: 'ratio' | 'yoy';
  formulas: Partial<Record<FormatVersion, Formula>>;
  /** true when the formulas of both formats measure the same thing */
  comparableAcrossFormats: boolean;
  /** the formula as a reader says it */
  formulaText: string;
  caveats: readonly string[];
}

const bothFormats = (f: Formula) => ({ '2021': f, '2019': f });

export const METRICS: readonly MetricDef[] = [
  {
    id: 'applications_received',
    label: '本年新收申请',
    unit: 'count',
    kind: 'ratio',
    formulas: bothFormats({ numerator: [app('received_new')] }),
    comparableAcrossFormats: true,
    formulaText: '表三 · 本年新收政府信息公开申请数量 · 总计',
    caveats: ['不含上年结转的申请。'],
  },
  {
    id: 'disclosure_rate',
    label: '实质公开率',
    unit: 'share',
    kind: 'ratio',
    formulas: bothFormats({ numerator: [app('granted'), app('partially_granted')], denominator: [app('total')] }),
    comparableAcrossFormats: true,
    formulaText: '(予以公开 + 部分公开) / 办理结果总计',
    caveats: ['分母是（七）总计，即本年办结的申请，含上年结转、不含结转下年度的申请。'],
  },
  {
    id: 'denial_share',
    label: '不予公开占比',
    unit: 'share',
    kind: 'ratio',
    formulas: bothFormats({ numerator: groupTotals('denied'), denominator: [app('total')] }),
    comparableAcrossFormats: true,
    formulaText: '（三）不予公开 8 项之和 / 办理结果总计',
    caveats: ['8 项中任一项空白时不计算。'],
  },
  {
    id: 'unable_share',
    label: '无法提供占比',
    unit: 'share',
    kind: 'ratio',
    formulas: bothFormats({ numerator: groupTotals('unable'), denominator: [app('total')] }),
    comparableAcrossFormats: true,
    formulaText: '（四）无法提供 3 项之和 / 办理结果总计',
    caveats: ['“本机关不掌握相关政府信息”占多数时，常说明申请指向了其他机关。'],
  },
  {
    id: 'not_processed_share',
    label: '不予处理占比',
    unit: 'share',
    kind: 'ratio',
    formulas: bothFormats({ numerator: groupTotals('not_processed'), denominator: [app('total')] }),
    comparableAcrossFormats: true,
    formulaText: '（五）不予处理 5 项之和 / 办理结果总计',
    caveats: [],
  },
  {
    id: 'natural_person_share',
    label: '自然人申请占比',
    unit: 'share',
    kind: 'ratio',
    formulas: bothFormats({ numerator: [app('received_new', 'natural_person')], denominator: [app('received_new')] }),
    comparableAcrossFormats: true,
    formulaText: '本年新收申请 · 自然人 / 本年新收申请 · 总计',
    caveats: [],
  },
  {
    id: 'carry_forward_rate',
    label: '结转率',
    unit: 'share',
    kind: 'ratio',
    formulas: bothFormats({ numerator: [app('carried_forward')], denominator: [app('received_new'), app('carried_over')] }),
    comparableAcrossFormats: true,
    formulaText: '结转下年度继续办理 / (本年新收 + 上年结转)',
    caveats: ['12 月下旬收到的申请依法可结转，结转率高不等于超期。'],
  },
  {
    id: 'applications_yoy',
    label: '申请量同比',
    unit: 'share',
    kind: 'yoy',
    formulas: bothFormats({ numerator: [app('received_new')] }),
    comparableAcrossFormats: true,
    formulaText: '本年新收申请 / 上年新收申请 − 1',
    caveats: ['上一年须为同一机关的报告；上年为 0 时不计算。'],
  },
  {
    id: 'review_correction_rate',
    label: '复议纠错率',
    unit: 'share',
    kind: 'ratio',
    formulas: bothFormats({ numerator: ['review.review.corrected'], denominator: ['review.review.total'] }),
    comparableAcrossFormats: true,
    formulaText: '行政复议 · 结果纠正 / 行政复议 · 总计',
    caveats: ['总计含尚未审结的案件；按已审结案件计算的纠错率会更高。'],
  },
  {
    id: 'litigation_correction_rate',
    label: '诉讼纠错率',
    unit: 'share',
    kind: 'ratio',
    formulas: bothFormats({
      numerator: ['review.litigation_direct.corrected', 'review.litigation_after_review.corrected'],
      denominator: ['review.litigation_direct.total', 'review.litigation_after_review.total'],
    }),
    comparableAcrossFormats: true,
    formulaText: '(直接起诉 + 复议后起诉) · 结果纠正 / (直接起诉 + 复议后起诉) · 总计',
    caveats: ['总计含尚未审结的案件。'],
  },
  {
    id: 'review_rate',
    label: '每百件申请的复议数',
    unit: 'per100',
    kind: 'ratio',
    formulas: bothFormats({ numerator: ['review.review.total'], denominator: [app('received_new')] }),
    comparableAcrossFormats: true,
    formulaText: '行政复议 · 总计 / 本年新收申请 × 100',
    caveats: ['本年的复议可能针对往年的申请答复。'],
  },
  {
    id: 'normative_issued',
    label: '行政规范性文件本年制发',
    unit: 'count',
    kind: 'ratio',
    formulas: { '2021': { numerator: ['active.normative.issued'] } },
    comparableAcrossFormats: false,
    formulaText: '行政规范性文件 · 本年制发件数（2021 版格式）',
    caveats: ['2019 版格式只印“本年新制作数量”“本年新公开数量”，口径不同，不与之相比。'],
  },
  {
    id: 'normative_made_2019',
    label: '规范性文件本年新制作',
    unit: 'count',
    kind: 'ratio',
    formulas: { '2019': { numerator: ['active.normative.new_made'] } },
    comparableAcrossFormats: false,
    formulaText: '规范性文件 · 本年新制作数量（2019 版格式）',
    caveats: ['2021 版格式改印“本年制发件数”，口径不同，不与之相比。'],
  },
  {
    id: 'licensing_yoy',
    label: '行政许可决定同比',
    unit: 'share',
    kind: 'yoy',
    formulas: bothFormats({ numerator: ['active.licensing.decisions'] }),
    comparableAcrossFormats: false,
    formulaText: '本年行政许可处理决定数量 / 上年 − 1',
    caveats: ['2019 版印“处理决定数量”，2021 版印“本年处理决定数量”；跨两种格式的同比不计算。'],
  },
];

export const METRIC_BY_ID: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((m) => [m.id, m]));

/** Every wide column an indicator reads. */
export function metricColumns(m: MetricDef): string[] {
  return [...new Set(Object.values(m.formulas).flatMap((f) => [...f.numerator, ...(f.denominator ?? [])]))];
}

export const METRIC_COLUMNS: readonly string[] = [...new Set(METRICS.flatMap(metricColumns))];

/** The formula a report's format version uses; a hybrid only when both versions agree. */
export function formulaFor(m: MetricDef, template: Template): Formula | null {
  if (template === '2021' || template === '2019') return m.formulas[template] ?? null;
  if (template === 'hybrid' && m.comparableAcrossFormats && m.formulas['2021'] && m.formulas['2019']) {
    return JSON.stringify(m.formulas['2021']) === JSON.stringify(m.formulas['2019']) ? m.formulas['2021'] : null;
  }
  return null;
}

export type Values = Readonly<Record<string, number | null | undefined>>;

export interface ReportValues {
  template: Template;
  values: Values;
}

export interface MetricValue {
  value: number | null;
  /** why the value is blank */
  reason?: string;
}

/** The figures added up; null when any of them is blank or missing (a blank is no number to add). */
export function sumOrNull(keys: readonly string[], values: Values): number | null {
  let s = 0;
  for (const k of keys) {
    const v = values[k];
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
}

/** One indicator of one report; `previous` is the same organ's report of the year before. */
export function computeMetric(m: MetricDef, report: ReportValues, previous?: ReportValues | null): MetricValue {
  const f = formulaFor(m, report.template);
  if (!f) return { value: null, reason: '该报告的格式不含此指标' };
  const num = sumOrNull(f.numerator, report.values);
  if (num === null) return { value: null, reason: '所需数字有空白' };
  if (m.kind === 'yoy') {
    if (!previous) return { value: null, reason: '缺少上一年的报告' };
    const pf = formulaFor(m, previous.template);
    if (!pf) return { value: null, reason: '上一年报告的格式不含此指标' };
    if (!m.comparableAcrossFormats && previous.template !== report.template) {
      return { value: null, reason: '上下两年格式不同，口径不一致' };
    }
    const before = sumOrNull(pf.numerator, previous.values);
    if (before === null) return { value: null, reason: '上一年所需数字有空白' };
    if (before === 0) return { value: null, reason: '上一年为 0' };
    return { value: num / before - 1 };
  }
  if (!f.denominator) return { value: num };
  const den = sumOrNull(f.denominator, report.values);
  if (den === null) return { value: null, reason: '所需数字有空白' };
  if (den === 0) return { value: null, reason: '分母为 0' };
  return { value: (num / den) * (m.unit === 'per100' ? 100 : 1) };
}

/** An indicator as a reader sees it: 42.9%, +12.5%, 3.2 per hundred, 17 件. */
export function formatMetric(m: MetricDef, value: number | null): string {
  if (value === null) return '—';
  if (m.unit === 'count') return `${value} 件`;
  if (m.unit === 'per100') return value.toFixed(1);
  const pct = (value * 100).toFixed(1);
  return m.kind === 'yoy' && value > 0 ? `+${pct}%` : `${pct}%`;
}
