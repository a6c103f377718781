/** Reports and their figures, as the pages need them. */
import type { Check, Figure } from '../../scripts/ingest/report';
import type { Template } from '../../scripts/ingest/keys';
import { WIDE_COLUMNS } from '../../scripts/ingest/load/schema';
import type { ReportPlace } from '../../scripts/ingest/load/stage';
import { checkOfRow, type CheckRow } from '../../scripts/ingest/load/stored-check';
import type { ListMetaColumn, ListState } from '../lib/view-state';
import { query } from './db.server';
import { inYears, whereOf, withinDivision, type Where } from './sql-where.server';
import { valuesSql } from './values.server';

const WIDE_NAMES = new Set(WIDE_COLUMNS.map((c) => c.name));

export interface ReportListRow extends ReportPlace {
  id: number;
  template: Template;
  published: string | null;
  ingested_at: string;
  synthetic: boolean;
  failed_checks: number;
  /** the chosen figure columns; NULL is a blank or a figure the format lacks */
  values: Record<string, Figure>;
}

export interface ReportListPage {
  total: number;
  page: number;
  pages: number;
  rows: ReportListRow[];
}

/** How each non-figure column sorts, as SQL over `current_reports r`. */
const META_SORT: Readonly<Record<ListMetaColumn, string>> = {
  unit: "coalesce(r.jurisdiction_name, r.organ) COLLATE NOCASE",
  organ: 'r.organ',
  parent: 'coalesce(r.county, r.parent, r.city)',
  year: 'r.year',
  template: 'r.template',
  published: 'r.published',
  checks: 'r.failed_checks',
  ingested: 'r.ingested_at',
};

function listFilter(s: ListState): Where {
  return whereOf([
    s.q && ['(contains(r.jurisdiction_name, $q) OR contains(r.organ, $q) OR contains(r.county, $q) OR contains(r.city, $q))', { q: s.q }],
    inYears(s.years),
    s.template && ['r.template = $template', { template: s.template }],
    withinDivision(s.within),
    s.checks !== 'all' && [`r.failed_checks ${s.checks === 'failed' ? '>' : '='} 0`],
    s.data !== 'all' && [s.data === 'synthetic' ? 'r.synthetic' : 'NOT r.synthetic'],
  ]);
}

/**
 * The list's sort over `current_reports r`: the key expression, its direction, and the join it needs
 * (the sort figure as `sv.c0`).
 */
function orderBy(s: ListState, filtered: string): { key: string; dir: 'ASC' | 'DESC'; joins: string; sql: string } {
  const dir = s.sort.desc ? 'DESC' : 'ASC';
  const sorted = (key: string, joins = '') => ({ key, dir, joins, sql: `${key} ${dir} NULLS LAST, r.id ${dir}` } as const);
  const meta = META_SORT[s.sort.column as ListMetaColumn];
  if (meta) return sorted(meta);
  if (WIDE_NAMES.has(s.sort.column)) return sorted('sv.c0', `LEFT JOIN (${valuesSql([s.sort.column], filtered)}) sv ON sv.report_id = r.id`);
  return { key: 'r.year', dir: 'DESC', joins: '', sql: 'r.year DESC NULLS LAST, r.id DESC' };
}

const ROW_COLUMNS = `r.id, r.organ, r.jurisdiction_name, r.jurisdiction_code, r.parent, r.county, r.city, r.province, r.year, r.template,
  strftime(r.published, '%Y-%m-%d') AS published, strftime(r.ingested_at, '%Y-%m-%d %H:%M') AS ingested_at, r.synthetic,
  r.failed_checks`;

function figureColumns(s: ListState): string[] {
  return s.columns.filter((c) => WIDE_NAMES.has(c));
}

function withValues(row: Record<string, unknown>, figures: string[]): ReportListRow {
  const values: Record<string, Figure> = {};
  figures.forEach((c, i) => {
    values[c] = (row[`c${i}`] as Figure | undefined) ?? null;
    delete row[`c${i}`];
  });
  return { ...(row as Omit<ReportListRow, 'values'>), values };
}

/**
 * One page of the filtered, sorted list. The page's ids are found first (on the report columns alone
 * unless a figure sorts), then only those rows are read in full: fast however many reports match.
 */
export async function listReports(s: ListState): Promise<ReportListPage> {
  const f = listFilter(s);
  const order = orderBy(s, `SELECT r.id FROM current_reports r WHERE ${f.sql}`);
  const [{ n }] = await query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM current_reports r WHERE ${f.sql}`, f.params);
  const pages = Math.max(1, Math.ceil(n / s.size));
  const page = Math.min(s.page, pages);
  const figures = figureColumns(s);
  const picked = figures.map((_, i) => `, v.c${i}`).join('');
  const rows = await query<Record<string, unknown>>(
    `WITH ids AS (
       SELECT r.id, ${order.key} AS k
       FROM current_reports r ${order.joins} WHERE ${f.sql} ORDER BY ${order.sql} LIMIT $size OFFSET $offset
     )
     SELECT ${ROW_COLUMNS}${picked}
     FROM ids JOIN current_reports r ON r.id = ids.id
       LEFT JOIN (${valuesSql(figures, 'SELECT id FROM ids')}) v ON v.report_id = r.id
     ORDER BY ids.k ${order.dir} NULLS LAST, ids.id ${order.dir}`,
    { ...f.params, size: s.size, offset: (page - 1) * s.size },
  );
  return { total: n, page, pages, rows: rows.map((r) => withValues(r, figures)) };
}

/** The ids of every report the filters match, in the list's order: what the template export writes. */
export async function listedReportIds(s: ListState): Promise<number[]> {
  const f = listFilter(s);
  const order = orderBy(s, `SELECT r.id FROM current_reports r WHERE ${f.sql}`);
  const rows = await query<{ id: number }>(`SELECT r.id FROM current_reports r ${order.joins} WHERE ${f.sql} ORDER BY ${order.sql}`, f.params);
  return rows.map((r) => r.id);
}

export interface ReportDetail extends ReportPlace {
  id: number;
  jurisdiction_level: string | null;
  template: Template;
  published: string | null;
  synthetic: boolean;
  source_path: string;
  input_format: string;
  ingested_at: string;
  warnings: string[];
  section_overview: string | null;
  section_problems: string | null;
  section_other: string | null;
  source_text: string | null;
  superseded_by: number | null;
  supersedes: number | null;
  /** why the report is incomplete (a table missing); empty when whole */
  incomplete: string[];
}

export interface FigureCell {
  tbl: 'active' | 'applications' | 'review';
  row_key: string;
  col_key: string | null;
  value: Figure;
  raw: string | null;
  /** where the cell is in `source_text` */
  start_pos: number | null;
  end_pos: number | null;
}

export interface SiblingReport {
  id: number;
  year: number | null;
  template: Template;
  synthetic: boolean;
  failed_checks: number;
}

export interface ReportPage {
  report: ReportDetail;
  figures: FigureCell[];
  checks: Check[];
  /** the same unit's current reports, every year, this one included */
  years: SiblingReport[];
}

export async function getReport(id: number): Promise<ReportPage | null> {
  const [report] = await query<ReportDetail>(
    `SELECT id, organ, jurisdiction_name, jurisdiction_code, jurisdiction_level, parent, county, city, province, year, template,
       strftime(published, '%Y-%m-%d') AS published, synthetic, source_path, input_format,
       strftime(ingested_at, '%Y-%m-%d %H:%M') AS ingested_at, warnings,
       section_overview, section_problems, section_other, source_text, superseded_by, supersedes,
       coalesce((SELECT reasons FROM incomplete_reports WHERE report_id = $id), []) AS incomplete
     FROM reports WHERE id = $id`,
    { id },
  );
  if (!report) return null;
  const [figures, checks, years] = await Promise.all([
    query<FigureCell>('SELECT tbl, row_key, col_key, value, raw, start_pos, end_pos FROM figures WHERE report_id = $id', { id }),
    query<CheckRow>(
      'SELECT rule, row_key, col_key, grp, ok, expected, actual, assumed_blank_zero FROM checks WHERE report_id = $id',
      { id },
    ),
    query<SiblingReport>(
      `SELECT r.id, r.year, r.template, r.synthetic, r.failed_checks
       FROM current_reports r
       WHERE r.unit_key = (SELECT x.unit_key FROM reports x WHERE x.id = $id)
       ORDER BY r.year NULLS LAST, r.id`,
      { id },
    ),
  ]);
  return {
    report,
    figures,
    years,
    checks: checks.map(checkOfRow),
  };
}
