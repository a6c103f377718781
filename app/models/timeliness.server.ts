/**
 * 及时性: reports published after the deadline (31 January of the year after, metrics.ts), reports
 * whose date is unknown, and units missing a year they should have reported.
 */
import { deadlineSql, lateSql } from '../../scripts/ingest/load/late';
import { hasYearSql, yearsMask } from '../../scripts/ingest/load/unit-years';
import type { TimelinessState } from '../lib/view-state';
import { query } from './db.server';
import { inYears, whereOf, withinDivision, type Where } from './sql-where.server';
import { divisionName, divisionTrail } from './hierarchy.server';

export interface TimelyReport {
  id: number;
  name: string;
  organ: string | null;
  year: number;
  published: string | null;
  deadline: string;
  /** days after the deadline; null when the date is unknown */
  days: number | null;
  synthetic: boolean;
}

export interface MissingReport {
  unit: string;
  name: string;
  year: number;
}

export interface TimelinessYear {
  year: number;
  reports: number;
  onTime: number;
  late: number;
  unknown: number;
  missing: number;
}

export interface TimelinessView {
  state: TimelinessState;
  scopeName: string;
  trail: { code: string; name: string }[];
  years: TimelinessYear[];
  late: TimelyReport[];
  unknown: TimelyReport[];
  missing: MissingReport[];
}

const scope = (state: TimelinessState): Where => whereOf([['r.year IS NOT NULL'], withinDivision(state.within), inYears(state.years)]);

const LIST_LIMIT = 500;

export async function loadTimeliness(state: TimelinessState): Promise<TimelinessView> {
  const s = scope(state);
  const units = whereOf([withinDivision(state.within, 'u')]);
  // one scan finds the late and the undated reports (a few percent), then lists and counts them by year
  const listed = (kind: 'late' | 'unknown', order: string) => `SELECT f.kind, f.id, f.name, f.organ, f.year, strftime(f.published, '%Y-%m-%d') AS published,
      strftime(${deadlineSql('f')}, '%Y-%m-%d') AS deadline, f.days, f.synthetic, NULL::INTEGER AS n
    FROM flagged f WHERE f.kind = '${kind}' ORDER BY ${order} LIMIT ${LIST_LIMIT}`;
  const [flagged, missing, totals] = await Promise.all([
    query<TimelyReport & { kind: 'late' | 'unknown' | 'count'; n: number | null }>(
      `WITH flagged AS MATERIALIZED (
         SELECT CASE WHEN r.published IS NULL THEN 'unknown' ELSE 'late' END AS kind, r.id,
           coalesce(r.jurisdiction_name, r.organ, '（未识别单位）') AS name, r.organ, r.year, r.published, r.synthetic,
           date_diff('day', ${deadlineSql('r')}, r.published)::INTEGER AS days
         FROM current_reports r WHERE ${s.sql} AND (r.published IS NULL OR ${lateSql('r')}))
       (${listed('late', 'f.days DESC, f.year, f.name')}) UNION ALL (${listed('unknown', 'f.year, f.name')}) UNION ALL
       (SELECT 'count' || kind, NULL, NULL, NULL, year, NULL, NULL, NULL, NULL, count(*)::INTEGER FROM flagged GROUP BY ALL)`,
      s.params,
    ),
    // a unit is due every year of the span from the first to the last report in scope, or of an explicit range;
    // one with as many years as the span misses none
    query<MissingReport>(
      `WITH u AS (SELECT u.unit, arg_max(u.name, u.last_id) AS name, bit_or(u.mask)${state.years ? ' & $mask::UBIGINT' : ''} AS have
         FROM unit_years u WHERE ${units.sql} GROUP BY u.unit),
       span AS (${state.years ? 'SELECT $from::INTEGER AS lo, $to::INTEGER AS hi' : `SELECT min(u.first) AS lo, max(u.last) AS hi FROM unit_years u WHERE ${units.sql}`})
       SELECT u.unit, u.name, y.year::INTEGER AS year
       FROM u, span, range(span.lo, span.hi + 1) y(year)
       WHERE u.have <> 0 AND bit_count(u.have) <= span.hi - span.lo AND NOT ${hasYearSql('u.have', 'y.year')}
       ORDER BY y.year, u.name LIMIT ${LIST_LIMIT}`,
      { ...units.params, ...(state.years && { from: state.years.from, to: state.years.to, mask: yearsMask(state.years.from, state.years.to) }) },
    ),
    query<{ year: number; reports: number }>(`SELECT r.year, count(*)::INTEGER AS reports FROM current_reports r WHERE ${s.sql} GROUP BY r.year ORDER BY r.year`, s.params),
  ]);
  const report = ({ kind: _kind, n: _n, ...r }: (typeof flagged)[number]): TimelyReport => r;
  const counted = (kind: string, year: number) => flagged.find((f) => f.kind === `count${kind}` && f.year === year)?.n ?? 0;
  const years = totals.map(({ year, reports }): TimelinessYear => {
    const late = counted('late', year);
    const unknown = counted('unknown', year);
    return { year, reports, onTime: reports - late - unknown, late, unknown, missing: missing.filter((m) => m.year === year).length };
  });
  return {
    state,
    scopeName: state.within ? divisionTrail(state.within).map((d) => d.name).join(' · ') || divisionName(state.within) : '全国',
    trail: state.within ? divisionTrail(state.within) : [],
    years,
    late: flagged.filter((f) => f.kind === 'late').map(report),
    unknown: flagged.filter((f) => f.kind === 'unknown').map(report),
    missing,
  };
}
