/**
 * The current reports the 及时性 page lists: published after the deadline (late.ts), or undated (a
 * few percent of all). Its lists and counts read these rows instead of every report of the country:
 * the test compares two columns of a report (its date and its year's deadline), which DuckDB cannot
 * push into a scan, so over `reports` it reads the names of all of them. Kept current with the
 * per-area summaries after every write (area-summaries.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { lateSql } from './late';
import { refreshTouched } from './touched';

export const UNTIMELY_REPORTS_SQL = `
CREATE TABLE IF NOT EXISTS untimely_reports (
  id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  published DATE,
  organ VARCHAR,
  jurisdiction_name VARCHAR,
  synthetic BOOLEAN NOT NULL,
  jurisdiction_code VARCHAR,
  county_code VARCHAR,
  city_code VARCHAR,
  province_code VARCHAR
);`;

/** SQL over a reports alias: a report with a year that is late or undated (a report without a year has no deadline). */
const untimelySql = (r: string) => `${r}.year IS NOT NULL AND (${r}.published IS NULL OR ${lateSql(r)})`;

/**
 * Recomputes the rows of the reports `reportsSql` chooses (with those they supersede and those
 * superseding them), or every row when null; in the caller's transaction.
 */
export async function refreshUntimelyReports(db: DuckDBConnection, reportsSql: string | null, params: Record<string, unknown> = {}): Promise<void> {
  await refreshTouched(
    db,
    'untimely_reports',
    { ofReport: (r) => `${r}.id`, stored: 'id' },
    reportsSql,
    params,
    (touchedOnly) => `SELECT r.id, r.year, r.published, r.organ, r.jurisdiction_name, r.synthetic, r.jurisdiction_code, r.county_code, r.city_code, r.province_code
     FROM reports r
     WHERE r.superseded_by IS NULL AND ${untimelySql('r')} ${touchedOnly('r')}`,
  );
}
