/**
 * How many in-report checks each rule ran and failed, per area (the first six digits of the unit's
 * division code: its county; '' for units with no code) and year, over the current reports. The
 * country's data-quality page reads these few thousand rows instead of grouping millions of checks.
 * Kept current by `refreshCheckCounts` after every write that changes checks or supersedes a report.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshTouched } from './touched';

export const AREA_SQL = (alias: string) => `coalesce(left(${alias}.jurisdiction_code, 6), '')`;

export const CHECK_COUNTS_SQL = `
CREATE TABLE IF NOT EXISTS check_counts (
  area VARCHAR NOT NULL,
  year SMALLINT,
  rule VARCHAR NOT NULL,
  checked INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  assumed INTEGER NOT NULL
);`;

/**
 * Recounts the areas of the reports chosen by `reportsSql` (a `SELECT id FROM reports …`; the areas
 * of reports they supersede and of those superseding them count too), or every area when null.
 * Runs in the caller's transaction when there is one.
 */
export async function refreshCheckCounts(db: DuckDBConnection, reportsSql: string | null, params: Record<string, unknown> = {}): Promise<void> {
  await refreshTouched(
    db,
    'check_counts',
    { ofReport: AREA_SQL, stored: 'area' },
    reportsSql,
    params,
    (touchedOnly) => `SELECT ${AREA_SQL('r')} AS area, r.year, c.rule::VARCHAR AS rule, count(*)::INTEGER AS checked,
       count(*) FILTER (WHERE NOT c.ok)::INTEGER AS failed,
       count(*) FILTER (WHERE NOT c.ok AND c.assumed_blank_zero)::INTEGER AS assumed
     FROM checks c JOIN reports r ON r.id = c.report_id
     WHERE r.superseded_by IS NULL AND NOT starts_with(c.rule::VARCHAR, 'cross_year.') ${touchedOnly('r')}
     GROUP BY ALL`,
  );
}
