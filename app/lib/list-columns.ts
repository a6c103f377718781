/** The report list's columns: labels and cell values, shared by the page and its CSV/XLSX export. */
import { APPLICANT_COLUMNS, APPLICATION_GROUPS, APPLICATION_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, TEMPLATE_LABELS, ACTIVE_KEYS } from '../../scripts/ingest/keys';
import { WIDE_COLUMNS } from '../../scripts/ingest/load/schema';
import type { Figure } from '../../scripts/ingest/report';
import type { ListMetaColumn } from './view-state';

export const META_LABELS: Readonly<Record<ListMetaColumn, string>> = {
  unit: '单位',
  organ: '机关',
  parent: '所属',
  year: '年度',
  template: '格式',
  published: '发布日期',
  checks: '校验',
  ingested: '导入时间',
};

/** Figure columns offered in the column chooser (any figure key is accepted in the URL). */
export const FIGURE_CHOICES: readonly string[] = [
  'applications.received_new.total',
  'applications.carried_over.total',
  'applications.granted.total',
  'applications.partially_granted.total',
  'applications.total.total',
  'applications.carried_forward.total',
  'review.review.total',
  'review.litigation_direct.total',
  'review.litigation_after_review.total',
  'active.licensing.decisions',
  'active.punishment.decisions',
  'active.coercion.decisions',
  'active.fees.amount',
  'active.rules.in_force',
  'active.normative.in_force',
];

/** A short header for a figure key: row, then column where it matters. */
export function figureHeader(name: string): string {
  const c = WIDE_COLUMNS.find((w) => w.name === name);
  if (!c) return name;
  if (c.tbl === 'active') {
    const k = ACTIVE_KEYS.find((a) => a.key === c.row)!;
    return `${k.row}·${k.column.replace(/（单位：万元）/, '（万元）')}`;
  }
  if (c.tbl === 'applications') {
    const r = APPLICATION_ROWS.find((a) => a.key === c.row)!;
    const group = r.group && r.number !== APPLICATION_GROUPS[r.group].number ? `${APPLICATION_GROUPS[r.group].label}·` : '';
    const label = r.label.replace(/政府信息公开申请数量$/, '申请').replace(/^结转下年度继续办理$/, '结转下年度');
    const col = c.col === 'total' ? '' : `·${APPLICANT_COLUMNS.find((a) => a.key === c.col)!.label}`;
    return `${group}${label}${col}`;
  }
  const [g, col] = c.row.split('.');
  return `${REVIEW_GROUPS.find((x) => x.key === g)!.label}·${REVIEW_COLUMNS.find((x) => x.key === col)!.label}`;
}

export function columnLabel(id: string): string {
  return META_LABELS[id as ListMetaColumn] ?? figureHeader(id);
}

export interface ListRowLike {
  organ: string | null;
  jurisdiction_name: string | null;
  parent: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  year: number | null;
  template: keyof typeof TEMPLATE_LABELS;
  published: string | null;
  ingested_at: string;
  synthetic: boolean;
  failed_checks: number;
  values: Record<string, Figure>;
}

/** A cell as exported: a number stays a number, a blank stays empty (never 0). */
export function cellValue(row: ListRowLike, id: string): string | number | null {
  switch (id as ListMetaColumn) {
    case 'unit':
      return row.jurisdiction_name ?? row.organ ?? '（未识别单位）';
    case 'organ':
      return row.organ;
    case 'parent':
      return [row.province, row.city, row.county].filter(Boolean).join(' · ') || row.parent;
    case 'year':
      return row.year;
    case 'template':
      return TEMPLATE_LABELS[row.template];
    case 'published':
      return row.published;
    case 'checks':
      return row.failed_checks > 0 ? `${row.failed_checks} 项未通过` : '通过';
    case 'ingested':
      return row.ingested_at;
  }
  return row.values[id] ?? null;
}
