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

export async function listReports(): Promise<ReportListRow[]> {
  return query<ReportListRow>(`
    SELECT r.id, r.organ, r.jurisdiction_name, r.parent, r.year, r.template, r.synthetic,
      max(f.value) FILTER (WHERE f.tbl = 'applications' AND f.row_key = 'received_new' AND f.col_key = 'total') AS received_new,
      max(f.value) FILTER (WHERE f.tbl = 'applications' AND f.row_key = 'granted' AND f.col_key = 'total') AS granted,
      max(f.value) FILTER (WHERE f.tbl = 'review' AND f.row_key = 'review.total') AS review_total,
      sum(f.value) FILTER (WHERE f.tbl = 'review' AND f.row_key IN ('litigation_direct.total', 'litigation_after_review.total')) AS litigation_total,
      (SELECT count(*) FROM checks c WHERE c.report_id = r.id AND NOT c.ok)::INTEGER AS failed_checks
    FROM current_reports r LEFT JOIN figures f ON f.report_id = r.id
    GROUP BY ALL
    ORDER BY r.year DESC NULLS LAST, r.jurisdiction_name, r.id`);
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
