/**
 * 及时性: reports published after the deadline (31 January of the year after, metrics.ts), reports
 * whose date is unknown, and units missing a year they should have reported.
 */
import { deadlineSql } from '../../scripts/ingest/load/late';
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
  const units = (alias: string) => whereOf([withinDivision(state.within, alias)]);
  const inRange = state.years ? ' & $mask::UBIGINT' : '';
  // untimely_reports holds the country's late and undated reports, a few percent of all; dates are
  // formatted after the limit, for the rows shown rather than every one sorted
  const listed = (kind: 'late' | 'unknown', order: string) => `SELECT '${kind}' AS kind, f.id, f.name, f.organ, f.year, strftime(f.published, '%Y-%m-%d') AS published,
      strftime(${deadlineSql('f')}, '%Y-%m-%d') AS deadline, f.days, f.synthetic
    FROM (SELECT r.id, coalesce(r.jurisdiction_name, r.organ, '（未识别单位）') AS name, r.organ, r.year, r.published, r.synthetic,
        date_diff('day', ${deadlineSql('r')}, r.published)::INTEGER AS days
      FROM untimely_reports r WHERE ${s.sql} AND r.published IS ${kind === 'late' ? 'NOT ' : ''}NULL ORDER BY ${order} LIMIT ${LIST_LIMIT}) f
    ORDER BY ${order}`;
  const [flagged, missing, totals] = await Promise.all([
    query<TimelyReport & { kind: 'late' | 'unknown' }>(`(${listed('late', 'days DESC, year, name, id')}) UNION ALL (${listed('unknown', 'year, name, id')})`, s.params),
    // a unit is due every year of the span from the first to the last report in scope, or of an explicit range;
    // one with as many years as the span misses none. Its rows' masks OR together, so only a unit with a row
    // missing a year of the span can miss one: those few are grouped, not every unit of the country.
    query<MissingReport>(
      `WITH span AS MATERIALIZED (${state.years ? 'SELECT $from::INTEGER AS lo, $to::INTEGER AS hi' : `SELECT min(u.first) AS lo, max(u.last) AS hi FROM unit_years u WHERE ${units('u').sql}`}),
       u AS (SELECT u.unit, arg_max(u.name, u.last_id) AS name, bit_or(u.mask)${inRange} AS have
         FROM unit_years u WHERE ${units('u').sql}
           AND u.unit IN (SELECT c.unit FROM unit_years c, span WHERE ${units('c').sql} AND bit_count(c.mask${inRange}) <= span.hi - span.lo)
         GROUP BY u.unit),
       -- the span's years as rows of their own: range() in FROM would be a lateral join, which costs more than the rest
       y AS (SELECT unnest(range(span.lo, span.hi + 1))::INTEGER AS year FROM span)
       SELECT u.unit, u.name, y.year
       FROM u, span, y
       WHERE u.have <> 0 AND bit_count(u.have) <= span.hi - span.lo AND NOT ${hasYearSql('u.have', 'y.year')}
       ORDER BY y.year, u.name, u.unit LIMIT ${LIST_LIMIT}`,
      { ...units('u').params, ...(state.years && { from: state.years.from, to: state.years.to, mask: yearsMask(state.years.from, state.years.to) }) },
    ),
    query<{ year: number; reports: number; late: number; unknown: number }>(
      `WITH t AS (SELECT r.year, count(*)::INTEGER AS reports FROM current_reports r WHERE ${s.sql} GROUP BY r.year),
         f AS (SELECT r.year, count(*) FILTER (WHERE r.published IS NOT NULL)::INTEGER AS late, count(*) FILTER (WHERE r.published IS NULL)::INTEGER AS unknown
           FROM untimely_reports r WHERE ${s.sql} GROUP BY r.year)
       SELECT t.year, t.reports, coalesce(f.late, 0)::INTEGER AS late, coalesce(f.unknown, 0)::INTEGER AS unknown FROM t LEFT JOIN f ON f.year = t.year ORDER BY t.year`,
      s.params,
    ),
  ]);
  const report = ({ kind: _kind, ...r }: (typeof flagged)[number]): TimelyReport => r;
  const years = totals.map(({ year, reports, late, unknown }): TimelinessYear => ({
    year,
    reports,
    onTime: reports - late - unknown,
    late,
    unknown,
    missing: missing.filter((m) => m.year === year).length,
  }));
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
