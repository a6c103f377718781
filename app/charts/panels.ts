/**
 * What the comparison draws: per figure group, panels of measures. A measure is one figure key, or
 * the sum of a group of keys (the six outcome categories of 表三), with alternatives where the two
 * format versions print the same thing in different rows (其他处理: one row in 2019, three in 2021).
 * Keys come only from keys.ts through WIDE_COLUMNS.
 */
import {
  ACTIVE_KEYS,
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  APPLICATION_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  TABLE_TITLES,
  TEMPLATE_LABELS,
  type ApplicationGroup,
  type FormatVersion,
} from '../../scripts/ingest/keys';
import type { Group } from '../lib/view-state';

export interface Measure {
  id: string;
  label: string;
  /** alternatives, each a list of wide column names summed; the first that the report has is used */
  sources: string[][];
}

export interface Panel {
  id: string;
  group: Group;
  title: string;
  unit: '件' | '万元';
  /** parts of one whole: stacked, and the percent toggle applies */
  composition: boolean;
  measures: Measure[];
}

const activeKey = (key: string) => ACTIVE_KEYS.find((k) => k.key === key)!;
const single = (name: string, label: string): Measure => ({ id: name, label, sources: [[name]] });
const active = (key: string, label?: string): Measure => {
  const k = activeKey(key);
  return single(`active.${key}`, label ?? `${k.row}${k.column.replace(/（.*）/, '')}`);
};
const applications = (row: string, col = 'total') => `applications.${row}.${col}`;

function outcomeGroup(group: ApplicationGroup): Measure {
  const rows = APPLICATION_ROWS.filter((r) => r.group === group && r.number !== APPLICATION_GROUPS[group].number);
  const whole = APPLICATION_ROWS.find((r) => r.group === group && r.number === APPLICATION_GROUPS[group].number);
  const sources = [rows.map((r) => applications(r.key))];
  if (whole) sources.unshift([applications(whole.key)]);
  return { id: `outcome.${group}`, label: APPLICATION_GROUPS[group].label, sources };
}

const rowLabel = (key: string) => APPLICATION_ROWS.find((r) => r.key === key)!.label;

export const PANELS: readonly Panel[] = [
  {
    id: 'documents',
    group: 'active',
    title: '规章和行政规范性文件（2021 版格式）',
    unit: '件',
    composition: false,
    measures: ['rules.issued', 'rules.repealed', 'rules.in_force', 'normative.issued', 'normative.repealed', 'normative.in_force'].map((k) =>
      active(k, `${activeKey(k).row === '规章' ? '规章' : '规范性文件'}${activeKey(k).column.replace(/件数$/, '')}`),
    ),
  },
  {
    id: 'documents2019',
    group: 'active',
    title: '规章和规范性文件（2019 版格式）',
    unit: '件',
    composition: false,
    measures: ['rules.new_made', 'rules.new_published', 'rules.total_published', 'normative.new_made', 'normative.new_published', 'normative.total_published'].map((k) =>
      active(k, `${activeKey(k).row}${activeKey(k).column.replace(/(新制作|新公开)数量$/, '$1')}`),
    ),
  },
  {
    id: 'decisions',
    group: 'active',
    title: '行政许可、处罚、强制处理决定',
    unit: '件',
    composition: false,
    measures: ['licensing.decisions', 'punishment.decisions', 'coercion.decisions'].map((k) => active(k, activeKey(k).row)),
  },
  {
    id: 'fees',
    group: 'active',
    title: '行政事业性收费金额',
    unit: '万元',
    composition: false,
    measures: [active('fees.amount', '本年收费金额')],
  },
  {
    id: 'received',
    group: 'applications',
    title: '政府信息公开申请数量',
    unit: '件',
    composition: false,
    measures: [single(applications('received_new'), '本年新收'), single(applications('carried_over'), '上年结转')],
  },
  {
    id: 'outcomes',
    group: 'applications',
    title: '本年度办理结果构成',
    unit: '件',
    composition: true,
    measures: [
      single(applications('granted'), rowLabel('granted')),
      single(applications('partially_granted'), rowLabel('partially_granted')),
      outcomeGroup('denied'),
      outcomeGroup('unable'),
      outcomeGroup('not_processed'),
      outcomeGroup('other'),
    ],
  },
  {
    id: 'applicants',
    group: 'applications',
    title: '本年新收申请（按申请人类型）',
    unit: '件',
    composition: true,
    measures: APPLICANT_COLUMNS.filter((c) => c.key !== 'total').map((c) => single(applications('received_new', c.key), c.label)),
  },
  {
    id: 'review',
    group: 'review',
    title: '行政复议结果',
    unit: '件',
    composition: true,
    measures: REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => single(`review.review.${c.key}`, c.label)),
  },
  {
    id: 'litigation',
    group: 'review',
    title: '行政诉讼',
    unit: '件',
    composition: false,
    measures: REVIEW_GROUPS.filter((g) => g.key !== 'review').map((g) => single(`review.${g.key}.total`, `${g.label}（总计）`)),
  },
];

export function panelsFor(group: Group): Panel[] {
  return PANELS.filter((p) => p.group === group);
}

export function panelById(id: string): Panel | undefined {
  return PANELS.find((p) => p.id === id);
}

/** Every wide column a panel reads. */
export function panelColumns(panel: Panel): string[] {
  return [...new Set(panel.measures.flatMap((m) => m.sources.flat()))];
}

/** The format versions that print a figure key. */
export function keyFormats(name: string): readonly FormatVersion[] {
  const [tbl, ...rest] = name.split('.');
  if (tbl === 'active') return activeKey(rest.join('.'))?.formats ?? [];
  if (tbl === 'applications') return APPLICATION_ROWS.find((r) => r.key === rest.slice(0, -1).join('.'))?.formats ?? [];
  return ['2021', '2019'];
}

export const GROUP_LABELS: Readonly<Record<Group, string>> = {
  active: `表${TABLE_TITLES.active.number} ${TABLE_TITLES.active.label}`,
  applications: `表${TABLE_TITLES.applications.number} ${TABLE_TITLES.applications.label}`,
  review: `表${TABLE_TITLES.review.number} ${TABLE_TITLES.review.label}`,
};

/** Why a measure has no value: said in charts and tables, because a gap is never a zero. */
export type Gap = 'absent' | 'blank' | 'no_report' | 'unreadable';

export const GAP_LABELS: Readonly<Record<Gap, string>> = {
  absent: '格式无此项',
  blank: '未填写',
  no_report: '无报告',
  unreadable: '未能读取',
};

export function gapNote(gap: Gap, template: string | null): string {
  if (gap === 'absent') return `${TEMPLATE_LABELS[template as keyof typeof TEMPLATE_LABELS] ?? '该格式'}没有这一项`;
  if (gap === 'blank') return '报告中此格空白（不是 0）';
  if (gap === 'no_report') return '没有这一年度的报告';
  return `${TEMPLATE_LABELS[template as keyof typeof TEMPLATE_LABELS] ?? '该格式'}的表格未能按此项读取`;
}
