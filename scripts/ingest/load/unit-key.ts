/**
 * The unit a report belongs to, stored as `reports.unit_key`. A unit is a reporting body: a
 * jurisdiction's government, keyed by its division code; a department (or a body no division was
 * found for), keyed by `o:` and its organ; a report naming neither is a unit of its own, `r:` and
 * its id. The pages count and group units over every report, so the key is computed once, when a
 * report is written, from this one definition, never per query.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from './transaction';

/** The unit key of a report, as SQL over the unqualified columns of `reports`. */
export const UNIT_KEY_SQL = `CASE WHEN jurisdiction_code IS NOT NULL AND coalesce(jurisdiction_level, '') <> '部门' THEN jurisdiction_code
    WHEN coalesce(organ, jurisdiction_name) IS NOT NULL THEN 'o:' || coalesce(organ, jurisdiction_name)
    ELSE 'r:' || id END`;

/**
 * Sets the unit key of the reports from id `from` on: the writer assigns ids in ascending order, so
 * these are the rows it has just appended. Runs in the caller's transaction.
 */
export async function fillUnitKeys(db: DuckDBConnection, from: number): Promise<void> {
  await db.run(`UPDATE reports SET unit_key = ${UNIT_KEY_SQL} WHERE id >= $from`, { from });
}

/** A file written before the key was stored gains the column, filled for every report, in one transaction. */
export async function addUnitKeys(db: DuckDBConnection): Promise<void> {
  const [have] = (
    await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'reports' AND column_name = 'unit_key'`)
  ).getRowObjectsJson() as { n: number }[];
  if (have.n > 0) return;
  await inTransaction(db, async () => {
    await db.run('ALTER TABLE reports ADD COLUMN unit_key VARCHAR');
    await fillUnitKeys(db, 0);
  });
}
