/**
 * The summaries the national pages read instead of scanning every report (check_counts, area_units
 * per area, unit_years per unit, untimely_reports per late or undated report), recounted together
 * after a write: every write that can change one can change the others.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshAreaUnits } from './area-units';
import { refreshCheckCounts } from './check-counts';
import { refreshUnitYears } from './unit-years';
import { refreshUntimelyReports } from './untimely-reports';

/** Recounts the areas and units of the reports `reportsSql` chooses, or all when null; in the caller's transaction. */
export async function refreshAreaSummaries(db: DuckDBConnection, reportsSql: string | null, params: Record<string, unknown> = {}): Promise<void> {
  await refreshCheckCounts(db, reportsSql, params);
  await refreshAreaUnits(db, reportsSql, params);
  await refreshUnitYears(db, reportsSql, params);
  await refreshUntimelyReports(db, reportsSql, params);
}
