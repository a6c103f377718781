/** 数据质量: failed checks by rule, by unit and one by one; cross-year breaks are checks too. */
import type { CheckRule } from '../../scripts/ingest/keys';
import { QUALITY_PAGE_SIZE, type QualityState, type YearRange } from '../lib/view-state';
import { dataAsOf } from './coverage.server';
import { cached, query } from './db.server';
import { inYears, whereOf, withinDivision, type Where } from './sql-where.server';
import { divisionName, divisionTrail } from './hierarchy.server';

export interface QualityFilter {
  within: string | null;
  years: YearRange | null;
  rule: CheckRule | null;
}

function where(f: QualityFilter, rules?: 'cross_year' | 'in_report'): Where {
  return whereOf([
    withinDivision(f.within),
    inYears(f.years),
    f.rule ? ['c.rule = $rule', { rule: f.rule }] : null,
    rules === 'cross_year' && [`starts_with(c.rule, 'cross_year.')`],
    rules === 'in_report' && [`NOT starts_with(c.rule, 'cross_year.')`],
  ]);
}

export interface RuleCount {
  rule: CheckRule;
  year: number | null;
  failed: number;
  checked: number;
  /** failed checks where a blank had to be counted as 0 */
  assumed: number;
}

export async function failedByRule(f: QualityFilter): Promise<RuleCount[]> {
  // A county or more: the counts kept per county and year (check-counts.ts), not millions of checks.
  if (f.within === null || f.within.length <= 6) {
    const w = whereOf([f.within ? ['starts_with(k.area, $within)', { within: f.within }] : null, inYears(f.years, 'k')]);
    return query<RuleCount>(
      `SELECT k.rule, k.year, sum(k.failed)::INTEGER AS failed, sum(k.checked)::INTEGER AS checked, sum(k.assumed)::INTEGER AS assumed
       FROM check_counts k WHERE ${w.sql} GROUP BY k.rule, k.year ORDER BY k.rule::check_rule, k.year`,
      w.params,
    );
  }
  const w = where({ ...f, rule: null }, 'in_report');
  return query<RuleCount>(
    `SELECT c.rule, r.year, count(*) FILTER (WHERE NOT c.ok)::INTEGER AS failed, count(*)::INTEGER AS checked,
       count(*) FILTER (WHERE NOT c.ok AND c.assumed_blank_zero)::INTEGER AS assumed
     FROM checks c JOIN current_reports r ON r.id = c.report_id
     WHERE ${w.sql} GROUP BY ALL ORDER BY c.rule, r.year`,
    w.params,
  );
}

export interface UnitFailures {
  unit: string;
  name: string;
  county: string | null;
  failed: number;
  reports: number;
  years: number[];
  /** the newest report with a failed check, to drill into */
  latest: number;
  synthetic: boolean;
}

export async function failedByUnit(f: QualityFilter, limit = 50): Promise<UnitFailures[]> {
  // Without a rule, a report's own failures are counted on the report itself: no need for the checks.
  const [failed, from, w] = f.rule
    ? ['count(*)', 'check_failures c JOIN current_reports r ON r.id = c.report_id', where(f, 'in_report')]
    : ['sum(r.failed_checks)', 'current_reports r', whereOf([withinDivision(f.within), inYears(f.years), ['r.failed_checks > 0']])];
  return query<UnitFailures>(
    `SELECT r.unit_key AS unit, arg_max(coalesce(r.jurisdiction_name, r.organ, '（未识别单位）'), r.id) AS name,
       arg_max(r.county, r.id) AS county, ${failed}::INTEGER AS failed, count(DISTINCT r.id)::INTEGER AS reports,
       list(DISTINCT r.year ORDER BY r.year) FILTER (WHERE r.year IS NOT NULL) AS years, max(r.id) AS latest, bool_and(r.synthetic) AS synthetic
     FROM ${from}
     WHERE ${w.sql}
     GROUP BY 1 ORDER BY failed DESC, unit LIMIT $limit`,
    { ...w.params, limit },
  );
}

export interface FailedCheck {
  report: number;
  name: string;
  organ: string | null;
  year: number | null;
  synthetic: boolean;
  rule: CheckRule;
  row_key: string | null;
  col_key: string | null;
  grp: string | null;
  expected: number | null;
  actual: number | null;
  assumed_blank_zero: boolean;
}

export async function failedChecks(
  f: QualityFilter,
  kind: 'cross_year' | 'in_report',
  page: number,
  size = 50,
): Promise<{ total: number; rows: FailedCheck[] }> {
  const w = where(f, kind);
  const from = `FROM check_failures c JOIN current_reports r ON r.id = c.report_id WHERE NOT c.ok AND ${w.sql}`;
  // the page and the total in one pass; only a page past the end needs the total counted on its own
  const found = await query<FailedCheck & { total: number }>(
    `SELECT r.id AS report, coalesce(r.jurisdiction_name, r.organ, '（未识别单位）') AS name, r.organ, r.year, r.synthetic,
       c.rule, c.row_key, c.col_key, c.grp, c.expected, c.actual, c.assumed_blank_zero, count(*) OVER ()::INTEGER AS total
     ${from} ORDER BY r.year DESC NULLS LAST, r.jurisdiction_code, r.id, c.rule LIMIT $size OFFSET $offset`,
    { ...w.params, size, offset: (page - 1) * size },
  );
  const total = found[0]?.total ?? (page === 1 ? 0 : (await query<{ n: number }>(`SELECT count(*)::INTEGER AS n ${from}`, w.params))[0].n);
  return { total, rows: found.map(({ total: _, ...row }) => row) };
}

export interface QualityView {
  state: QualityState;
  scopeName: string;
  trail: { code: string; name: string }[];
  counts: RuleCount[];
  units: UnitFailures[];
  inReport: { total: number; rows: FailedCheck[] };
  crossYear: { total: number; rows: FailedCheck[] };
  asOf: string | null;
  synthetic: boolean;
}

export async function loadQuality(state: QualityState): Promise<QualityView> {
  const f = { within: state.within, years: state.years, rule: state.rule };
  const [counts, units, inReport, crossYear, asOf] = await Promise.all([
    cached('failedByRule', f, () => failedByRule(f)),
    cached('failedByUnit', f, () => failedByUnit(f)),
    failedChecks(f, 'in_report', state.page, QUALITY_PAGE_SIZE),
    failedChecks(f, 'cross_year', 1, QUALITY_PAGE_SIZE),
    dataAsOf(),
  ]);
  return {
    state,
    scopeName: state.within ? divisionTrail(state.within).map((d) => d.name).join(' · ') || divisionName(state.within) : '全国',
    trail: state.within ? divisionTrail(state.within) : [],
    counts,
    units,
    inReport,
    crossYear,
    asOf,
    synthetic: units.some((u) => u.synthetic),
  };
}
