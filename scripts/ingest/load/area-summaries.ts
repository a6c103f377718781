/**
 * The per-area summaries the national pages read instead of scanning every report (check_counts,
 * area_units), recounted together after a write: every write that can change one can change both.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshAreaUnits } from './area-units';
import { refreshCheckCounts } from './check-counts';

/** Recounts the areas of the reports `reportsSql` chooses, or every area when null; in the caller's transaction. */
export async function refreshAreaSummaries(db: DuckDBConnection, reportsSql: string | null, params: Record<string, unknown> = {}): Promise<void> {
  await refreshCheckCounts(db, reportsSql, params);
  await refreshAreaUnits(db, reportsSql, params);
}
