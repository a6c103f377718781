/** Reports and their figures, as the pages need them. */
import type { Check, Figure } from '../../scripts/ingest/report';
import type { Template } from '../../scripts/ingest/keys';
import { query } from './db.server';

export interface ReportListRow {
  id: number;
  organ: string | null;
  jurisdiction_name: string | null;
  parent: string | null;
  year: number | null;
  template: Template;
  synthetic: boolean;
  received_new: Figure;
  granted: Figure;
  review_total: Figure;
  litigation_total: Figure;
  failed_checks: number;
}

export interface ListFilters {
  year?: number;
  province_code?: string;
  city_code?: string;
  county_code?: string;
  /** only reports with at least one failed check */
  failing?: boolean;
}

/** SQL conditions on current_reports `r` for the filters, with their parameters. */
export function filterSql(f: ListFilters): { where: string; params: Record<string, unknown> } {
  const terms: string[] = ['true'];
  const params: Record<string, unknown> = {};
  if (f.year !== undefined) {
    terms.push('r.year = $year');
    params.year = f.year;
  }
  for (const k of ['province_code', 'city_code', 'county_code'] as const) {
    if (f[k] !== undefined) {
      terms.push(`r.${k} = $${k}`);
      params[k] = f[k];
    }
  }
  if (f.failing) terms.push('r.failed_checks > 0');
  return { where: terms.join(' AND '), params };
}

/**
 * One page of current reports, newest year first, with their headline figures (from the wide
 * table) and how many of their checks failed. A page, because a country is 200,000 reports.
 */
export async function listReports(filters: ListFilters = {}, page: { limit?: number; offset?: number } = {}): Promise<ReportListRow[]> {
  const { where, params } = filterSql(filters);
  return query<ReportListRow>(
    `WITH page AS (
       SELECT r.id, r.organ, r.jurisdiction_name, r.parent, r.year, r.template, r.synthetic, r.failed_checks FROM current_reports r
       WHERE ${where}
       ORDER BY r.year DESC NULLS LAST, r.jurisdiction_name, r.id
       LIMIT $limit OFFSET $offset)
     SELECT p.*,
       v."applications.received_new.total" AS received_new,
       v."applications.granted.total" AS granted,
       v."review.review.total" AS review_total,
       CASE WHEN v."review.litigation_direct.total" IS NULL AND v."review.litigation_after_review.total" IS NULL THEN NULL
         ELSE coalesce(v."review.litigation_direct.total", 0) + coalesce(v."review.litigation_after_review.total", 0) END AS litigation_total
     FROM page p LEFT JOIN report_values v ON v.report_id = p.id
     ORDER BY p.year DESC NULLS LAST, p.jurisdiction_name, p.id`,
    { ...params, limit: page.limit ?? 200, offset: page.offset ?? 0 },
  );
}

export async function countReports(filters: ListFilters = {}): Promise<number> {
  const { where, params } = filterSql(filters);
  const [{ n }] = await query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM current_reports r WHERE ${where}`, params);
  return n;
}

export interface ReportDetail {
  id: number;
  organ: string | null;
  jurisdiction_name: string | null;
  jurisdiction_code: string | null;
  parent: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  year: number | null;
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
}

export interface FigureCell {
  tbl: 'active' | 'applications' | 'review';
  row_key: string;
  col_key: string | null;
  value: Figure;
  raw: string | null;
}

export interface ReportPage {
  report: ReportDetail;
  figures: FigureCell[];
  checks: Check[];
}

export async function getReport(id: number): Promise<ReportPage | null> {
  const [report] = await query<ReportDetail>(
    `SELECT id, organ, jurisdiction_name, jurisdiction_code, parent, county, city, province, year, template,
       strftime(published, '%Y-%m-%d') AS published, synthetic, source_path, input_format,
       strftime(ingested_at, '%Y-%m-%d %H:%M') AS ingested_at, warnings,
       section_overview, section_problems, section_other
     FROM reports WHERE id = $id`,
    { id },
  );
  if (!report) return null;
  const figures = await query<FigureCell>('SELECT tbl, row_key, col_key, value, raw FROM figures WHERE report_id = $id', { id });
  const checks = await query<Check & { row_key: string | null; col_key: string | null; grp: string | null }>(
    'SELECT rule, row_key, col_key, grp, ok, expected, actual, assumed_blank_zero FROM checks WHERE report_id = $id',
    { id },
  );
  return {
    report,
    figures,
    checks: checks.map((c) => ({
      rule: c.rule,
      ...(c.row_key ? { row: c.row_key } : {}),
      ...(c.col_key ? { column: c.col_key } : {}),
      ...(c.grp ? { group: c.grp } : {}),
      ok: c.ok,
      expected: c.expected,
      actual: c.actual,
      assumed_blank_zero: c.assumed_blank_zero,
    })),
  };
}
