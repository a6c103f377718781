/**
 * 及时性: reports published after the deadline (31 January of the year after, metrics.ts), reports
 * whose date is unknown, and units missing a year they should have reported.
 */
import { deadlineSql, lateSql } from '../../scripts/ingest/load/late';
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
  const reportColumns = `r.id, coalesce(r.jurisdiction_name, r.organ, '（未识别单位）') AS name, r.organ, r.year,
    strftime(r.published, '%Y-%m-%d') AS published, strftime(${deadlineSql('r')}, '%Y-%m-%d') AS deadline,
    CASE WHEN r.published IS NULL THEN NULL ELSE date_diff('day', ${deadlineSql('r')}, r.published)::INTEGER END AS days, r.synthetic`;
  const [late, unknown, missing, years] = await Promise.all([
    query<TimelyReport>(
      `SELECT ${reportColumns} FROM current_reports r WHERE ${s.sql} AND ${lateSql('r')} ORDER BY days DESC, r.year, name LIMIT ${LIST_LIMIT}`,
      s.params,
    ),
    query<TimelyReport>(
      `SELECT ${reportColumns} FROM current_reports r WHERE ${s.sql} AND r.published IS NULL ORDER BY r.year, name LIMIT ${LIST_LIMIT}`,
      s.params,
    ),
    // a unit is due every year between its first and last report in scope, and every year of an explicit range
    query<MissingReport>(
      `WITH u AS (SELECT r.unit_key AS unit, arg_max(coalesce(r.jurisdiction_name, r.organ), r.id) AS name,
           min(r.year) AS first, max(r.year) AS last, list(DISTINCT r.year) AS have
         FROM current_reports r WHERE ${s.sql} AND NOT starts_with(r.unit_key, 'r:') GROUP BY 1),
       span AS (${state.years ? 'SELECT $from::INTEGER AS lo, $to::INTEGER AS hi' : 'SELECT min(first) AS lo, max(last) AS hi FROM u'})
       SELECT u.unit, u.name, y.year::INTEGER AS year
       FROM u, span, range(span.lo, span.hi + 1) y(year)
       WHERE NOT list_contains(u.have, y.year)
       ORDER BY y.year, u.name LIMIT ${LIST_LIMIT}`,
      s.params,
    ),
    query<Omit<TimelinessYear, 'missing'>>(
      `SELECT r.year, count(*)::INTEGER AS reports,
         count(*) FILTER (WHERE r.published <= ${deadlineSql('r')})::INTEGER AS "onTime",
         count(*) FILTER (WHERE ${lateSql('r')})::INTEGER AS late,
         count(*) FILTER (WHERE r.published IS NULL)::INTEGER AS unknown
       FROM current_reports r WHERE ${s.sql} GROUP BY r.year ORDER BY r.year`,
      s.params,
    ),
  ]);
  return {
    state,
    scopeName: state.within ? divisionTrail(state.within).map((d) => d.name).join(' · ') || divisionName(state.within) : '全国',
    trail: state.within ? divisionTrail(state.within) : [],
    years: years.map((y) => ({ ...y, missing: missing.filter((m) => m.year === y.year).length })),
    late,
    unknown,
    missing,
  };
}
