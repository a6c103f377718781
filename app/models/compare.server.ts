/** The comparison: which units, which years, and their figures in the wide shape. */
import type { Template } from '../../scripts/ingest/keys';
import type { CompareRow } from '../charts/compare';
import { panelColumns, panelsFor } from '../charts/panels';
import { type CompareState, type YearRange } from '../lib/view-state';
import { query } from './db.server';
import { busiestCounty, divisionName, divisionTrail, ofUnits, unitsByKeys, unitsWithin, type UnitInfo } from './hierarchy.server';
import { correctedFigures } from './corrected.server';
import { dataAsOf } from './coverage.server';
import { known, valueColumns } from './values.server';

/**
 * One report per unit and year (the current one; a real report before a synthetic one), with the
 * given figure columns. A NULL is a blank or a figure the report's format lacks; never a zero.
 * `corrected` names the figures among them a person corrected by hand.
 */
export async function compareRows(units: string[], years: YearRange, columns: string[]): Promise<CompareRow[]> {
  const cols = known(columns);
  if (units.length === 0) return [];
  // one list per row, not a column per figure: the client converts a list of numbers faster
  const picked = `[${valueColumns(cols, 'v').join(', ')}]::DOUBLE[] AS vals`;
  const chosen = ofUnits(units);
  // every current report of the units in the years, the one shown first in its unit and year: DuckDB's
  // window (QUALIFY row_number()) cost a third of the query for a county's 260 reports. `touched`: the
  // report has a correction, so that only those are looked up (most have none).
  const all = await query<{ unit: string; year: number; id: number; template: Template; synthetic: boolean; touched: boolean; vals: (number | null)[] }>(
    `SELECT r.id, r.unit_key AS unit, r.year, r.template, r.synthetic, ${picked},
       r.id IN (SELECT report_id FROM current_corrections) AS touched
     FROM current_reports r LEFT JOIN report_values v ON v.report_id = r.id
     WHERE ${chosen.sql} AND r.year BETWEEN $from AND $to
     ORDER BY unit, r.year, r.synthetic, r.id DESC`,
    { ...chosen.params, from: years.from, to: years.to },
  );
  const rows = all.filter((r, i) => i === 0 || all[i - 1].unit !== r.unit || all[i - 1].year !== r.year);
  const corrected = await correctedFigures(rows.filter((r) => r.touched).map((r) => r.id), cols);
  return rows.map((r) => ({
    unit: r.unit,
    year: r.year,
    id: r.id,
    template: r.template,
    synthetic: r.synthetic,
    values: Object.fromEntries(cols.map((c, i) => [c, r.vals[i] ?? null])),
    ...(corrected.has(r.id) ? { corrected: corrected.get(r.id) } : {}),
  }));
}

/** The years the units have reports for. */
export function yearSpan(units: readonly UnitInfo[]): YearRange | null {
  const first = units.map((u) => u.first).filter((y): y is number => y !== null);
  const last = units.map((u) => u.last).filter((y): y is number => y !== null);
  return first.length > 0 && last.length > 0 ? { from: Math.min(...first), to: Math.max(...last) } : null;
}

export interface CompareView {
  state: CompareState;
  /** true when the URL chose nothing and the busiest county was taken */
  defaulted: boolean;
  units: UnitInfo[];
  years: YearRange | null;
  /** the years the chosen units have reports for, for the year picker */
  available: YearRange | null;
  rows: CompareRow[];
  withinName: string | null;
  trail: { code: string; name: string }[];
  asOf: string | null;
}

const MAX_YEARS_SHOWN = 5;

/** Everything the comparison page and its chart images need for one URL. */
export async function loadCompare(state: CompareState): Promise<CompareView> {
  let within = state.within;
  let defaulted = false;
  if (!within && state.units.length === 0) {
    within = await busiestCounty();
    defaulted = within !== null;
  }
  const [below, picked] = await Promise.all([within ? unitsWithin(within) : [], unitsByKeys(state.units)]);
  const seen = new Set(below.map((u) => u.key));
  const units = [...below, ...picked.filter((u) => !seen.has(u.key))];
  const keys = units.map((u) => u.key);
  const available = yearSpan(units);
  const years =
    state.years ?? (available ? { from: Math.max(available.from, available.to - MAX_YEARS_SHOWN + 1), to: available.to } : null);
  const columns = [...new Set(panelsFor(state.group).flatMap(panelColumns))];
  const [rows, asOf] = await Promise.all([years ? compareRows(keys, years, columns) : [], dataAsOf()]);
  return {
    state: { ...state, within },
    defaulted,
    units,
    years,
    available,
    rows,
    withinName: within ? divisionName(within) : null,
    trail: within ? divisionTrail(within) : [],
    asOf,
  };
}
