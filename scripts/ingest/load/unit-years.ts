/**
 * The years each reporting unit has a current report for, per set of division codes its reports carry
 * (almost always one), as a bit mask. The 及时性 page's 缺报 (a unit missing a year of the span in
 * view) reads these ≈ 41,000 rows instead of grouping every report of the country by unit; bits
 * rather than a list because DuckDB folds 41,000 lists ten times slower than it ORs integers. Kept
 * current with the per-area summaries after every write (area-summaries.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshTouched } from './touched';

/** Bit 0 of a mask is this year; 64 years fit. A report dated outside them has no unit year. */
export const FIRST_MASK_YEAR = 2000;
export const LAST_MASK_YEAR = FIRST_MASK_YEAR + 63;

export const UNIT_YEARS_SQL = `
CREATE TABLE IF NOT EXISTS unit_years (
  unit VARCHAR NOT NULL,
  name VARCHAR,
  last_id INTEGER NOT NULL,
  province_code VARCHAR,
  city_code VARCHAR,
  county_code VARCHAR,
  jurisdiction_code VARCHAR,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL,
  mask UBIGINT NOT NULL
);`;

/** SQL: whether year `year` is set in mask `mask`. */
export const hasYearSql = (mask: string, year: string) =>
  `CASE WHEN ${year} BETWEEN ${FIRST_MASK_YEAR} AND ${LAST_MASK_YEAR} THEN (${mask} >> (${year} - ${FIRST_MASK_YEAR})::INTEGER) & 1 = 1 ELSE false END`;

/** The mask of the years from…to (as a decimal string, for a `$param::UBIGINT`). */
export function yearsMask(from: number, to: number): string {
  let mask = 0n;
  for (let y = Math.max(from, FIRST_MASK_YEAR); y <= Math.min(to, LAST_MASK_YEAR); y++) mask |= 1n << BigInt(y - FIRST_MASK_YEAR);
  return mask.toString();
}

/**
 * Recomputes the units of the reports `reportsSql` chooses (with those they supersede and those
 * superseding them), or every unit when null; in the caller's transaction. A report naming no one
 * (unit `r:…`) is no unit that could miss a year.
 */
export async function refreshUnitYears(db: DuckDBConnection, reportsSql: string | null, params: Record<string, unknown> = {}): Promise<void> {
  await refreshTouched(
    db,
    'unit_years',
    { ofReport: (r) => `${r}.unit_key`, stored: 'unit' },
    reportsSql,
    params,
    (touchedOnly) => `SELECT r.unit_key, arg_max(coalesce(r.jurisdiction_name, r.organ), r.id), max(r.id),
       r.province_code, r.city_code, r.county_code, r.jurisdiction_code,
       min(r.year), max(r.year), bit_or(1::UBIGINT << (r.year - ${FIRST_MASK_YEAR})::INTEGER)
     FROM reports r
     WHERE r.superseded_by IS NULL AND r.year BETWEEN ${FIRST_MASK_YEAR} AND ${LAST_MASK_YEAR} AND NOT starts_with(r.unit_key, 'r:')
       ${touchedOnly('r')}
     GROUP BY r.unit_key, r.province_code, r.city_code, r.county_code, r.jurisdiction_code`,
  );
}
