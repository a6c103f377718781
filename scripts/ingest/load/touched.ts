/**
 * Which areas (or units, or reports) a write touched, for the summaries (check_counts, area_units,
 * unit_years, untimely_reports) to recount only those: those of the chosen reports, of the reports
 * they supersede and of those superseding them.
 */

/** `SELECT DISTINCT area` of the reports `reportsSql` chooses (a `SELECT id FROM reports …`); `area` is an expression over alias r. */
export function touchedAreasSql(area: (alias: string) => string, reportsSql: string): string {
  return `SELECT DISTINCT ${area('r')} FROM reports r WHERE r.id IN (${reportsSql}) OR r.superseded_by IN (${reportsSql})
           OR r.id IN (SELECT superseded_by FROM reports WHERE id IN (${reportsSql}))`;
}
