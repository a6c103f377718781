/**
 * Reports and units per area and year over the current reports: per province (and one area for the
 * reports that name no division) and per county, each year and over every year. The country's
 * coverage grid and the hierarchy picker read these few thousand rows instead of counting distinct
 * units over every report of the country, which no index makes cheap. Kept current by
 * `refreshAreaUnits` after every write that adds or supersedes reports or changes their checks.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { lateSql } from './late';
import { refreshTouched } from './touched';

/** The area of the reports whose unit could not be placed in a division. */
export const UNPLACED = 'unplaced';

export const AREA_UNITS_SQL = `
CREATE TABLE IF NOT EXISTS area_units (
  area VARCHAR NOT NULL,
  year INTEGER,
  all_years BOOLEAN NOT NULL,
  reports INTEGER NOT NULL,
  units INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  late INTEGER NOT NULL,
  synthetic BOOLEAN NOT NULL
);`;

/**
 * Units among reports `r`, with those whose reports failed a check and those published late; a unit
 * counts once however many current reports it has.
 */
export const unitCountsSql = (r: string) => `count(DISTINCT ${r}.unit_key)::INTEGER AS units,
  count(DISTINCT ${r}.unit_key) FILTER (WHERE ${r}.failed_checks > 0)::INTEGER AS failed,
  count(DISTINCT ${r}.unit_key) FILTER (WHERE ${lateSql(r)})::INTEGER AS late,
  bool_and(${r}.synthetic) AS synthetic`;

/** The province area of a report (alias r), or UNPLACED; an area's province is the same expression. */
const provinceOf = (r: string) => `coalesce(left(${r}.jurisdiction_code, 2), '${UNPLACED}')`;
const PROVINCE_OF_AREA = `CASE WHEN area = '${UNPLACED}' THEN area ELSE left(area, 2) END`;

/**
 * Recounts the provinces (with their counties) of the reports chosen by `reportsSql` (a `SELECT id
 * FROM reports …`; the reports they supersede and those superseding them count too), or everything
 * when null. Runs in the caller's transaction when there is one.
 */
export async function refreshAreaUnits(db: DuckDBConnection, reportsSql: string | null, params: Record<string, unknown> = {}): Promise<void> {
  await refreshTouched(
    db,
    'area_units',
    { ofReport: provinceOf, stored: PROVINCE_OF_AREA },
    reportsSql,
    params,
    (touchedOnly) => `WITH current AS (
       SELECT * FROM reports r WHERE r.superseded_by IS NULL ${touchedOnly('r')}
     ), placed AS (
       SELECT ${provinceOf('r')} AS area, r.* FROM current r
       UNION ALL
       SELECT left(r.jurisdiction_code, 6) AS area, r.* FROM current r WHERE length(r.jurisdiction_code) >= 6
     )
     SELECT p.area, p.year, grouping(p.year) = 1 AS all_years, count(*)::INTEGER AS reports, ${unitCountsSql('p')}
     FROM placed p GROUP BY GROUPING SETS ((p.area, p.year), (p.area))`,
  );
}
