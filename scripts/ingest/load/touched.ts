/**
 * Which areas (or units, or reports) a write touched, for the summaries (check_counts, area_units,
 * unit_years, untimely_reports) to recount only those: those of the chosen reports, of the reports
 * they supersede and of those superseding them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** `SELECT DISTINCT area` of the reports `reportsSql` chooses (a `SELECT id FROM reports …`); `area` is an expression over alias r. */
function touchedAreasSql(area: (alias: string) => string, reportsSql: string): string {
  return `SELECT DISTINCT ${area('r')} FROM reports r WHERE r.id IN (${reportsSql}) OR r.superseded_by IN (${reportsSql})
           OR r.id IN (SELECT superseded_by FROM reports WHERE id IN (${reportsSql}))`;
}

/** A summary table's key: its SQL over a report (alias given), and over the table's own rows. */
export interface SummaryKey {
  ofReport: (alias: string) => string;
  stored: string;
}

/**
 * Recounts the rows of a summary table whose keys the reports `reportsSql` chooses touch (with its
 * `params`), or every row when null; in the caller's transaction. `select` makes the rows again, given
 * the condition (`AND …`, empty for every row) that keeps its reports (alias given) to the touched keys.
 */
export async function refreshTouched(
  db: DuckDBConnection,
  table: string,
  key: SummaryKey,
  reportsSql: string | null,
  params: Record<string, unknown>,
  select: (touchedOnly: (alias: string) => string) => string,
): Promise<void> {
  const touched = reportsSql === null ? null : touchedAreasSql(key.ofReport, reportsSql);
  // DuckDB refuses parameters a statement does not use
  const bound = (touched === null ? undefined : params) as never;
  await db.run(touched === null ? `DELETE FROM ${table}` : `DELETE FROM ${table} WHERE ${key.stored} IN (${touched})`, bound);
  await db.run(`INSERT INTO ${table} ${select((r) => (touched === null ? '' : `AND ${key.ofReport(r)} IN (${touched})`))}`, bound);
}
