/**
 * The 雷同 page's pairs, one row each, kept beside `similarity` (one row per direction and part, as
 * the comparison finds them). A county whose townships copy one template gives hundreds of pairs a
 * year, millions nationally, and folding them into pairs for every page view took seconds. A pair
 * carries its first report's (the later one's, for the previous year) divisions, year and name and
 * the other's code and name, so the page filters, counts and pages one table.
 */
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';

export const SIMILAR_PAIRS_SQL = `
CREATE TABLE IF NOT EXISTS similar_pairs (
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  kind VARCHAR NOT NULL,
  overview DOUBLE,
  problems DOUBLE,
  year INTEGER,
  other_year INTEGER,
  name VARCHAR NOT NULL,
  other_name VARCHAR NOT NULL,
  synthetic BOOLEAN NOT NULL,
  province_code VARCHAR,
  city_code VARCHAR,
  county_code VARCHAR,
  jurisdiction_code VARCHAR,
  other_code VARCHAR
);`;

/**
 * A same-year pair under its lower id first, a previous-year one as stored (the later report first);
 * each part's share is the higher of the two directions.
 */
const pairsOf = (reportIds: string) => `
  SELECT s.a, s.b, s.kind,
    max(s.share) FILTER (WHERE s.part = 'overview') AS overview,
    max(s.share) FILTER (WHERE s.part = 'problems') AS problems,
    any_value(ra.year), any_value(rb.year),
    any_value(coalesce(ra.jurisdiction_name, ra.organ, '（未识别单位）')), any_value(coalesce(rb.jurisdiction_name, rb.organ, '（未识别单位）')),
    any_value(ra.synthetic OR rb.synthetic),
    any_value(ra.province_code), any_value(ra.city_code), any_value(ra.county_code), any_value(ra.jurisdiction_code), any_value(rb.jurisdiction_code)
  FROM (
    SELECT CASE WHEN kind = 'same_year' THEN least(report_id, other_id) ELSE report_id END AS a,
      CASE WHEN kind = 'same_year' THEN greatest(report_id, other_id) ELSE other_id END AS b,
      kind, part, share
    FROM similarity ${reportIds === '' ? '' : `WHERE report_id IN (${reportIds})`}
  ) s JOIN reports ra ON ra.id = s.a JOIN reports rb ON rb.id = s.b
  GROUP BY s.a, s.b, s.kind`;

/**
 * Refolds the pairs of the reports `reportIds` selects (a `SELECT id FROM reports …` with its bound
 * values), or all when null. A pair's two reports are recompared together (a county's year, and the
 * year after for previous-year pairs), so its `a` is among them whenever its `b` is.
 */
export async function refreshSimilarPairs(
  db: DuckDBConnection,
  reportIds: { sql: string; values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } | null,
): Promise<void> {
  if (reportIds === null) {
    await db.run('DELETE FROM similar_pairs');
    await db.run(`INSERT INTO similar_pairs ${pairsOf('')}`);
    return;
  }
  await db.run(`DELETE FROM similar_pairs WHERE a IN (${reportIds.sql})`, reportIds.values, reportIds.types);
  await db.run(`INSERT INTO similar_pairs ${pairsOf(reportIds.sql)}`, reportIds.values, reportIds.types);
}
