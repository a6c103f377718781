/**
 * Queries across many reports, as the dashboard's overview, coverage, comparison and checks pages
 * need them. All read current reports only (a superseded version is history). Figure keys become
 * column names only after they are found in WIDE_COLUMNS, so no SQL is ever built from user input.
 */
import { WIDE_COLUMNS } from '../../scripts/ingest/load/schema';
import type { Figure } from '../../scripts/ingest/report';
import { query } from './db.server';

const WIDE_NAMES = new Set(WIDE_COLUMNS.map((c) => c.name));

/** A figure key's quoted column in report_values; an unknown key is refused, never spliced in. */
export function wideColumn(key: string): string {
  if (!WIDE_NAMES.has(key)) throw new Error(`unknown figure key ${JSON.stringify(key)}`);
  return `"${key}"`;
}

export interface ProvinceYearCount {
  province_code: string | null;
  province: string | null;
  year: number | null;
  reports: number;
  synthetic: number;
}

/** How many current reports each province has for each year. */
export function countsByProvinceYear(): Promise<ProvinceYearCount[]> {
  return query<ProvinceYearCount>(`
    SELECT province_code, any_value(province) AS province, year, count(*)::INTEGER AS reports,
      count(*) FILTER (WHERE synthetic)::INTEGER AS synthetic
    FROM current_reports GROUP BY province_code, year ORDER BY province_code NULLS LAST, year NULLS LAST`);
}

export interface CoverageCell {
  code: string;
  name: string;
  year: number;
  report_id: number | null;
  failed_checks: number;
}

/** Every township of a county against every year: which have a current report, and how many of its checks fail. */
export function countyCoverage(countyCode: string, years: readonly number[]): Promise<CoverageCell[]> {
  return query<CoverageCell>(
    `WITH units AS (SELECT code, name FROM jurisdictions WHERE county_code = $county AND level = 'township'),
     cur AS (SELECT id, jurisdiction_code, year, failed_checks FROM current_reports WHERE county_code = $county)
     SELECT u.code, u.name, y.year::INTEGER AS year, r.id AS report_id, coalesce(r.failed_checks, 0) AS failed_checks
     FROM units u CROSS JOIN (SELECT unnest($years::INTEGER[]) AS year) y
     LEFT JOIN cur r ON r.jurisdiction_code = u.code AND r.year = y.year
     ORDER BY u.code, y.year`,
    { county: countyCode, years: years.map((y) => String(Math.trunc(y))) },
  );
}

export type TownshipFigures = { code: string | null; name: string | null; year: number; report_id: number } & Record<string, Figure>;

/** The given figures of every township report of a county over a span of years, one row per report. */
export function compareTownships(countyCode: string, keys: readonly string[], years: { from: number; to: number }): Promise<TownshipFigures[]> {
  const columns = keys.map((k) => `v.${wideColumn(k)}`).join(', ');
  return query<TownshipFigures>(
    `SELECT r.jurisdiction_code AS code, r.jurisdiction_name AS name, r.year, r.id AS report_id${columns ? `, ${columns}` : ''}
     FROM current_reports r JOIN report_values v ON v.report_id = r.id
     WHERE r.county_code = $county AND r.year BETWEEN $from AND $to AND length(r.jurisdiction_code) = 9
     ORDER BY r.jurisdiction_code, r.year`,
    { county: countyCode, from: years.from, to: years.to },
  );
}

export interface RuleFailures {
  rule: string;
  failed: number;
  reports: number;
  assumed_blank_zero: number;
}

/** Failed checks of current reports by rule: how many checks, in how many reports, how many counting a blank as 0. */
export function failedChecksByRule(filters: { year?: number; province_code?: string } = {}): Promise<RuleFailures[]> {
  return query<RuleFailures>(
    `SELECT c.rule::VARCHAR AS rule, count(*)::INTEGER AS failed, count(DISTINCT c.report_id)::INTEGER AS reports,
       count(*) FILTER (WHERE c.assumed_blank_zero)::INTEGER AS assumed_blank_zero
     FROM check_failures c JOIN current_reports r ON r.id = c.report_id
     WHERE ($year IS NULL OR r.year = $year) AND ($province IS NULL OR r.province_code = $province)
     GROUP BY c.rule ORDER BY c.rule`,
    { year: filters.year ?? null, province: filters.province_code ?? null },
  );
}

export interface CrossYearBreak {
  report_id: number;
  prev_report_id: number;
  code: string | null;
  name: string | null;
  year: number;
  rule: string;
  row_key: string;
  col_key: string | null;
  expected: number | null;
  actual: number | null;
  assumed_blank_zero: boolean;
}

/** Where a county's reports do not follow on from the year before (cross_year.* checks that failed). */
export function crossYearBreaks(countyCode: string): Promise<CrossYearBreak[]> {
  return query<CrossYearBreak>(
    `SELECT c.report_id, c.prev_report_id, r.jurisdiction_code AS code, r.jurisdiction_name AS name, r.year,
       c.rule::VARCHAR AS rule, c.row_key::VARCHAR AS row_key, c.col_key::VARCHAR AS col_key, c.expected, c.actual, c.assumed_blank_zero
     FROM current_reports r JOIN check_failures c ON c.report_id = r.id
     WHERE r.county_code = $county AND c.rule IN ('cross_year.carried', 'cross_year.in_force')
     ORDER BY r.jurisdiction_code, r.year, c.rule, c.row_key, c.col_key`,
    { county: countyCode },
  );
}

export interface ProvinceTotal {
  province_code: string | null;
  province: string | null;
  reports: number;
  /** reports that print the figure (not blank) */
  printed: number;
  total: number | null;
}

/** One figure summed over each province's current reports of a year (a blank adds nothing and is not counted). */
export function provinceTotals(key: string, year: number): Promise<ProvinceTotal[]> {
  const column = `v.${wideColumn(key)}`;
  return query<ProvinceTotal>(
    `SELECT r.province_code, any_value(r.province) AS province, count(*)::INTEGER AS reports,
       count(${column})::INTEGER AS printed, sum(${column}) AS total
     FROM current_reports r JOIN report_values v ON v.report_id = r.id
     WHERE r.year = $year GROUP BY r.province_code ORDER BY r.province_code NULLS LAST`,
    { year },
  );
}
