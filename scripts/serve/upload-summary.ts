/** What an upload shows of each report it wrote: who, which year, a few key figures, its failed checks. */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { CHECK_RULES, TEMPLATE_LABELS, figureLabel, type CheckRule, type Template } from '../ingest/keys';
import { WIDE_COLUMNS } from '../ingest/load/schema';

export interface ReportGlance {
  id: number;
  organ: string | null;
  jurisdiction: string | null;
  year: number | null;
  template: string;
  synthetic: boolean;
  /** why the report is incomplete; empty when whole */
  incomplete: string[];
  warnings: string[];
  figures: { label: string; value: number | null }[];
  failedChecks: { rule: string; label: string; expected: number | null; actual: number | null }[];
}

/** The figures a supervisor looks at first: requests received and handled, granted, reviews, suits. */
const KEY_FIGURES = WIDE_COLUMNS.filter(
  (c) =>
    (c.tbl === 'applications' && c.col === 'total' && ['received_new', 'granted', 'total', 'carried_forward'].includes(c.row)) ||
    (c.tbl === 'review' && ['review.total', 'litigation_direct.total', 'litigation_after_review.total'].includes(c.row)),
);

export async function glanceAtReports(db: DuckDBConnection, ids: number[]): Promise<Map<number, ReportGlance>> {
  const out = new Map<number, ReportGlance>();
  if (ids.length === 0) return out;
  const idList = listValue(ids);
  const reports = (
    await db.runAndReadAll(
      `SELECT r.id, r.organ, coalesce(r.jurisdiction_name, r.organ) AS jurisdiction, r.year, r.template, r.synthetic,
         coalesce(r.warnings, []) AS warnings, coalesce(i.reasons, []) AS incomplete,
         ${KEY_FIGURES.map((c, n) => `v."${c.name}" AS f${n}`).join(', ')}
       FROM reports r JOIN report_values v ON v.report_id = r.id LEFT JOIN incomplete_reports i ON i.report_id = r.id
       WHERE r.id IN (SELECT unnest($ids::INTEGER[]))`,
      { ids: idList },
    )
  ).getRowObjectsJson() as Record<string, unknown>[];
  for (const r of reports) {
    out.set(Number(r.id), {
      id: Number(r.id),
      organ: r.organ as string | null,
      jurisdiction: r.jurisdiction as string | null,
      year: r.year as number | null,
      template: TEMPLATE_LABELS[r.template as Template] ?? String(r.template),
      synthetic: r.synthetic as boolean,
      incomplete: r.incomplete as string[],
      warnings: r.warnings as string[],
      figures: KEY_FIGURES.map((c, n) => ({ label: figureLabel(c.tbl, c.row, c.col ?? undefined), value: r[`f${n}`] as number | null })),
      failedChecks: [],
    });
  }
  const failures = (
    await db.runAndReadAll(
      `SELECT report_id, rule::VARCHAR AS rule, expected, actual FROM check_failures
       WHERE prev_report_id IS NULL AND report_id IN (SELECT unnest($ids::INTEGER[])) ORDER BY report_id, rule`,
      { ids: idList },
    )
  ).getRowObjectsJson() as { report_id: number; rule: CheckRule; expected: number | null; actual: number | null }[];
  for (const f of failures) {
    out.get(Number(f.report_id))?.failedChecks.push({ rule: f.rule, label: CHECK_RULES[f.rule] ?? f.rule, expected: f.expected, actual: f.actual });
  }
  return out;
}
