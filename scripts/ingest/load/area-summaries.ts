/**
 * The summaries the national pages read instead of scanning every report (check_counts, area_units
 * per area, unit_years per unit, untimely_reports per late or undated report), recounted together
 * after a write: every write that can change one can change the others.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshAreaUnits } from './area-units';
import { refreshCheckCounts } from './check-counts';
import { setMeta } from './migrate';
import { refreshUnitYears } from './unit-years';
import { refreshUntimelyReports } from './untimely-reports';

/** Recounts the areas and units of the reports `reportsSql` chooses, or all when null; in the caller's transaction. */
export async function refreshAreaSummaries(db: DuckDBConnection, reportsSql: string | null, params: Record<string, unknown> = {}): Promise<void> {
  await refreshCheckCounts(db, reportsSql, params);
  await refreshAreaUnits(db, reportsSql, params);
  await refreshUnitYears(db, reportsSql, params);
  await refreshUntimelyReports(db, reportsSql, params);
}

/** meta key: the highest report id the summaries have counted. */
const SUMMARISED_THROUGH = 'summarised_through';

/**
 * Brings the summaries up to every report written since they were last counted: an ingest's, and
 * those of an earlier one stopped after writing its batches but before counting them. A file that
 * never recorded how far it was counted is recounted whole (≈ 1 s for the country). In the caller's
 * transaction.
 */
export async function summariseNewReports(db: DuckDBConnection): Promise<void> {
  const [[through, last]] = (
    await db.runAndReadAll(
      `SELECT (SELECT value::INTEGER FROM meta WHERE key = '${SUMMARISED_THROUGH}'), (SELECT coalesce(max(id), 0)::INTEGER FROM reports)`,
    )
  ).getRowsJS() as [number | null, number][];
  if (through !== null && through >= last) return;
  await refreshAreaSummaries(db, through === null ? null : 'SELECT id FROM reports WHERE id > $through', { through });
  await setMeta(db, SUMMARISED_THROUGH, String(last));
}
