/**
 * Figure values in the wide shape (one row per report, one column per key) for a set of reports.
 * When `report_values` is a table it is read directly; while it is a view, pivoting all of `figures`
 * to read a page of reports would cost seconds at national scale, so only the chosen reports' rows of
 * the chosen keys are pivoted. Column names and key literals come only from WIDE_COLUMNS.
 */
import { WIDE_COLUMNS, type WideColumn } from '../../scripts/ingest/load/schema';
import { query } from './db.server';

const BY_NAME = new Map(WIDE_COLUMNS.map((c) => [c.name, c]));

let materialised: Promise<boolean> | null = null;

async function isTable(): Promise<boolean> {
  const [row] = await query<{ t: string }>(`SELECT table_type AS t FROM information_schema.tables WHERE table_name = 'report_values'`);
  return row?.t === 'BASE TABLE';
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

function match(c: WideColumn): string {
  return `tbl = ${literal(c.tbl)} AND row_key = ${literal(c.row)} AND ${c.col === null ? 'col_key IS NULL' : `col_key = ${literal(c.col)}`}`;
}

/**
 * SQL selecting `report_id, c0, c1, …` (the given figure keys in order; unknown names are dropped,
 * see `known`) for the reports whose ids the SQL `ids` selects.
 */
export async function valuesSql(columns: string[], ids: string): Promise<string> {
  const cols = known(columns).map((n) => BY_NAME.get(n)!);
  materialised ??= isTable();
  if (await materialised) {
    return `SELECT report_id${cols.map((c, i) => `, "${c.name}" AS c${i}`).join('')} FROM report_values WHERE report_id IN (${ids})`;
  }
  if (cols.length === 0) return `SELECT DISTINCT report_id FROM figures WHERE report_id IN (${ids})`;
  return `SELECT report_id${cols.map((c, i) => `, max(value) FILTER (WHERE ${match(c)}) AS c${i}`).join('')}
    FROM figures WHERE report_id IN (${ids}) AND (${cols.map((c) => `(${match(c)})`).join(' OR ')})
    GROUP BY report_id`;
}

/** The names that are figure keys, in order. */
export function known(columns: string[]): string[] {
  return columns.filter((c) => BY_NAME.has(c));
}
