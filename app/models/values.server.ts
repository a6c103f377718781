/**
 * Figure values in the wide shape: `report_values`, one row per report, one column per key. Column
 * names come only from WIDE_COLUMNS.
 */
import { WIDE_COLUMNS } from '../../scripts/ingest/load/schema';

const NAMES = new Set(WIDE_COLUMNS.map((c) => c.name));

/**
 * SQL selecting `report_id, c0, c1, …` (the given figure keys in order; unknown names are dropped,
 * see `known`) for the reports whose ids the SQL `ids` selects.
 */
export function valuesSql(columns: string[], ids: string): string {
  return `SELECT report_id${valueColumns(columns, 'report_values')
    .map((c, i) => `, ${c} AS c${i}`)
    .join('')} FROM report_values WHERE report_id IN (${ids})`;
}

/** The given figure keys as columns of `report_values` under `alias` (unknown names dropped). */
export function valueColumns(columns: string[], alias: string): string[] {
  return known(columns).map((n) => `${alias}."${n}"`);
}

/** The names that are figure keys, in order. */
export function known(columns: string[]): string[] {
  return columns.filter((c) => NAMES.has(c));
}
