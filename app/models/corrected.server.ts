/**
 * Which of the figures shown were corrected by hand, for charts and tables to mark. Only the shown
 * reports' corrections are read: the corrections table is small, and joined to nothing larger.
 */
import type { CorrectionMark } from '../charts/cells';
import { query } from './db.server';

/** report id → figure key → the cell's standing correction (its latest, when corrected twice). */
export async function correctedFigures(ids: readonly number[], keys: readonly string[]): Promise<Map<number, Record<string, CorrectionMark>>> {
  const out = new Map<number, Record<string, CorrectionMark>>();
  if (ids.length === 0 || keys.length === 0) return out;
  const rows = await query<{ id: number; key: string } & CorrectionMark>(
    `SELECT report_id AS id, key, arg_max(who, id) AS who, arg_max(strftime(made_at, '%Y-%m-%d %H:%M:%S'), id) AS at, arg_max(reason, id) AS reason
     FROM (SELECT *, CASE WHEN col_key IS NULL THEN tbl || '.' || row_key ELSE tbl || '.' || row_key || '.' || col_key END AS key
           FROM current_corrections WHERE report_id IN (SELECT unnest($ids)::INTEGER))
     WHERE key IN (SELECT unnest($keys)) GROUP BY ALL`,
    { ids: ids.map(String), keys: [...keys] },
  );
  for (const r of rows) (out.get(r.id) ?? out.set(r.id, {}).get(r.id)!)[r.key] = { who: r.who, at: r.at, reason: r.reason };
  return out;
}
