/** 总览: how much there is, which units reported which years, and totals over the years. */
import type { OverviewState, YearRange } from '../lib/view-state';
import { cached, query } from './db.server';
import { inYears, whereOf, withinDivision, type Where } from './sql-where.server';
import { divisionName, divisionTrail, levelOf, type DivisionLevel } from './hierarchy.server';
import { divisions } from '../../scripts/ingest/resolve/divisions';
import { valueColumns } from './values.server';
import { UNPLACED, unitCountsSql } from '../../scripts/ingest/load/area-units';

/**
 * When the newest report came in: the "data as of" date on every chart. Over every report, not only
 * the current ones (a third of the cost, no superseded_by to read): a report is superseded only by one
 * written with it or after it, so the newest is current or as new as a current one.
 */
export async function dataAsOf(): Promise<string | null> {
  const [row] = await query<{ d: string | null }>(`SELECT strftime(max(ingested_at), '%Y-%m-%d') AS d FROM reports`);
  return row?.d ?? null;
}

/** Reports at or below a division (all reports when null), as SQL over `current_reports r`. */
const scope = (within: string | null): Where => whereOf([withinDivision(within)]);

export interface Headline {
  reports: number;
  units: number;
  from: number | null;
  to: number | null;
  synthetic: number;
  failedReports: number;
  unresolved: number;
}

export async function headline(within: string | null): Promise<Headline> {
  const s = scope(within);
  const [row] = await query<Headline>(
    `SELECT count(*)::INTEGER AS reports, count(DISTINCT r.unit_key)::INTEGER AS units,
       min(r.year) AS "from", max(r.year) AS "to",
       count(*) FILTER (WHERE r.synthetic)::INTEGER AS synthetic,
       count(*) FILTER (WHERE r.failed_checks > 0)::INTEGER AS "failedReports",
       count(*) FILTER (WHERE r.jurisdiction_code IS NULL)::INTEGER AS unresolved
     FROM current_reports r WHERE ${s.sql}`,
    s.params,
  );
  return row;
}

export interface CoverageCell {
  year: number;
  /** reports present (one per unit at most, counted by unit) */
  present: number;
  /** units that reported this year and failed at least one check */
  failed: number;
  /** units whose report was published after the deadline (an undated report is not late) */
  late: number;
  /** the report, when the row is one unit */
  report: number | null;
  synthetic: boolean;
}

export interface CoverageRow {
  key: string;
  name: string;
  kind: 'division' | 'unit';
  level: DivisionLevel | null;
  /** units known in this row (reporting in any year): the denominator of "present" */
  units: number;
  /** the division code to drill into (its units one level down), or the unit key to compare */
  drill: string | null;
  cells: CoverageCell[];
}

export interface Coverage {
  years: number[];
  rows: CoverageRow[];
}

/** The country-wide row of the reports whose unit could not be placed in a division. */
export { UNPLACED };

/** Row of a report in the grid below `within`: a child division, or the unit itself at the bottom. */
function rowKeySql(within: string): Where {
  const code = 'r.jurisdiction_code';
  if (within.length === 2) {
    const cities = [...divisions().byCode.values()].filter((d) => d.kind === 'city').map((d) => d.code);
    return {
      sql: `CASE WHEN length(${code}) <= 2 OR coalesce(r.jurisdiction_level, '') = '部门' THEN r.unit_key
             WHEN left(${code}, 4) IN (SELECT unnest($cities)) THEN left(${code}, 4) ELSE left(${code}, 6) END`,
      params: { cities },
    };
  }
  if (within.length === 4) {
    return { sql: `CASE WHEN length(${code}) <= 4 OR coalesce(r.jurisdiction_level, '') = '部门' THEN r.unit_key ELSE left(${code}, 6) END`, params: {} };
  }
  return { sql: 'r.unit_key', params: {} };
}

/** A row's cell of one year, or (total) its units over every year. */
interface GroupedRow {
  row: string;
  year: number | null;
  total: boolean;
  units: number;
  failed: number;
  late: number;
  report: number | null;
  synthetic: boolean;
  name: string | null;
}

/**
 * The country's rows: the provinces, and one row of the units that name no division (departments,
 * 林场, 开发区 …) rather than a thousand rows above the provinces; their counts are kept (area-units.ts).
 */
function countryRows(): Promise<GroupedRow[]> {
  return query<GroupedRow>(
    `SELECT area AS row, year, all_years AS total, units, failed, late, NULL AS report, synthetic, NULL AS name
     FROM area_units WHERE length(area) = 2 OR area = '${UNPLACED}'`,
  );
}

/** Each row's cells by year and its total over the years (its known units), in one pass. */
function divisionRows(within: string): Promise<GroupedRow[]> {
  const s = scope(within);
  const rk = rowKeySql(within);
  return query<GroupedRow>(
    `WITH base AS (
       SELECT ${rk.sql} AS row, r.unit_key, r.year, r.id, r.synthetic, r.failed_checks, r.published,
         coalesce(r.jurisdiction_name, r.organ) AS name, r.organ
       FROM current_reports r WHERE ${s.sql}
     )
     SELECT row, year, grouping(year) = 1 AS total, ${unitCountsSql('b')}, max(id) AS report,
       -- only a unit's own row needs its name (a division's comes from the list): aggregate no more
       CASE WHEN row LIKE 'o:%' THEN arg_max(organ, id) FILTER (WHERE row = unit_key) WHEN row LIKE 'r:%' THEN NULL
         ELSE arg_max(name, id) FILTER (WHERE row = unit_key) END AS name
     FROM base b GROUP BY GROUPING SETS ((row, year), (row))`,
    { ...s.params, ...rk.params },
  );
}

export async function coverage(within: string | null, years: YearRange | null): Promise<Coverage> {
  const grouped = await (within === null ? countryRows() : divisionRows(within));
  const rows = grouped.filter((r) => !r.total);
  const totals = grouped.filter((r) => r.total).map((r) => ({ row: r.row, units: r.units }));
  const present = rows.map((r) => r.year).filter((y): y is number => y !== null);
  const from = years?.from ?? (present.length ? Math.max(Math.min(...present), Math.max(...present) - 7) : null);
  const to = years?.to ?? (present.length ? Math.max(...present) : null);
  const yearList = from !== null && to !== null ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [];

  const unitLevel = within !== null && within.length >= 6;
  const out = new Map<string, CoverageRow>();
  for (const t of totals) {
    const unplaced = t.row === UNPLACED;
    const isDivision = !unitLevel && /^\d+$/.test(t.row) && t.row.length > (within?.length ?? 0);
    const sample = rows.find((r) => r.row === t.row);
    out.set(t.row, {
      key: t.row,
      name: unplaced
        ? '未定位到行政区划的单位'
        : isDivision
          ? divisionName(t.row)
          : (sample?.name ?? `（未识别单位，报告 #${t.row.replace(/^r:/, '')}）`),
      kind: isDivision || unplaced ? 'division' : 'unit',
      level: /^\d+$/.test(t.row) ? levelOf(t.row) : null,
      units: t.units,
      drill: isDivision ? t.row : null,
      cells: yearList.map((year) => ({ year, present: 0, failed: 0, late: 0, report: null, synthetic: false })),
    });
  }
  for (const r of rows) {
    const row = out.get(r.row);
    const cell = row?.cells.find((c) => c.year === r.year);
    if (!row || !cell) continue;
    cell.present = r.units;
    cell.failed = r.failed;
    cell.late = r.late;
    cell.synthetic = r.synthetic;
    cell.report = row.kind === 'unit' ? r.report : null;
  }
  const sorted = [...out.values()].sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === 'unit' ? -1 : 1) || a.key.localeCompare(b.key, 'zh-CN'),
  );
  return { years: yearList, rows: sorted };
}

export interface TrendRow {
  year: number;
  reports: number;
  received: number | null;
  granted: number | null;
  review: number | null;
  litigation: number | null;
  /** reports that print 本年新收 (the others are blanks, not zeros, and are not in the sum) */
  receivedReports: number;
  /** reports with at least one failed check */
  failed: number;
  synthetic: number;
  /** figures in the totals that a person corrected by hand */
  corrected: number;
}

const TREND_COLUMNS = [
  'applications.received_new.total',
  'applications.granted.total',
  'review.review.total',
  'review.litigation_direct.total',
  'review.litigation_after_review.total',
];

/**
 * Totals per year over the reports in scope; a sum of blanks only is a blank. The figures are summed
 * over an inner join of the reports with their values, counted apart from the reports: DuckDB's left
 * join of every report of the country with its values cost twice as much as both together.
 */
export async function trends(within: string | null, years: YearRange | null): Promise<TrendRow[]> {
  const s = whereOf([withinDivision(within), inYears(years), ['r.year IS NOT NULL']]);
  const [received, granted, review, direct, afterReview] = valueColumns(TREND_COLUMNS, 'v');
  return query<TrendRow>(
    `WITH counted AS (
       SELECT r.year, count(*)::INTEGER AS reports,
         count(*) FILTER (WHERE r.failed_checks > 0)::INTEGER AS failed,
         count(*) FILTER (WHERE r.synthetic)::INTEGER AS synthetic,
         coalesce(sum(k.cells), 0)::INTEGER AS corrected
       FROM current_reports r LEFT JOIN (
         SELECT report_id, count(DISTINCT (tbl, row_key, col_key)) AS cells FROM current_corrections
         WHERE concat_ws('.', tbl, row_key, col_key) IN (SELECT unnest($trend_keys)) GROUP BY report_id
       ) k ON k.report_id = r.id
       WHERE ${s.sql} GROUP BY r.year
     ), summed AS (
       SELECT r.year,
         sum(${received}) AS received,
         sum(${granted}) AS granted,
         sum(${review}) AS review,
         CASE WHEN count(${direct}) + count(${afterReview}) = 0 THEN NULL ELSE coalesce(sum(${direct}), 0) + coalesce(sum(${afterReview}), 0) END AS litigation,
         count(${received})::INTEGER AS "receivedReports"
       FROM current_reports r JOIN report_values v ON v.report_id = r.id
       WHERE ${s.sql} GROUP BY r.year
     )
     SELECT c.year, c.reports, m.received, m.granted, m.review, m.litigation, coalesce(m."receivedReports", 0)::INTEGER AS "receivedReports",
       c.failed, c.synthetic, c.corrected
     FROM counted c LEFT JOIN summed m ON m.year = c.year ORDER BY c.year`,
    { ...s.params, trend_keys: TREND_COLUMNS },
  );
}

export interface OverviewView {
  state: OverviewState;
  scopeName: string;
  trail: { code: string; name: string }[];
  headline: Headline;
  coverage: Coverage;
  trends: TrendRow[];
  asOf: string | null;
}

export async function loadOverview(state: OverviewState): Promise<OverviewView> {
  const [h, c, t, asOf] = await Promise.all([
    cached('headline', state.within, () => headline(state.within)),
    cached('coverage', [state.within, state.years], () => coverage(state.within, state.years)),
    cached('trends', [state.within, state.years], () => trends(state.within, state.years)),
    dataAsOf(),
  ]);
  return {
    state,
    scopeName: state.within ? divisionTrail(state.within).map((d) => d.name).join(' · ') || divisionName(state.within) : '全国',
    trail: state.within ? divisionTrail(state.within) : [],
    headline: h,
    coverage: c,
    trends: t,
    asOf,
  };
}
