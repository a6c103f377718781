/** WHERE clauses built from a view's filters: each condition with its own bound parameters. */
import type { YearRange } from '../lib/view-state';
import type { Param } from './db.server';

export type Condition = readonly [sql: string, params?: Record<string, Param>];

export interface Where {
  sql: string;
  params: Record<string, Param>;
}

/** The conditions that apply (a falsy entry is a filter left open), joined with AND. */
export function whereOf(conditions: readonly (Condition | null | false | '' | undefined)[]): Where {
  const parts = ['true'];
  const params: Record<string, Param> = {};
  for (const c of conditions) {
    if (!c) continue;
    parts.push(c[0]);
    Object.assign(params, c[1]);
  }
  return { sql: parts.join(' AND '), params };
}

/** The report's own division code at each level above a township (stage.ts's divisionCodes). */
const LEVEL_CODE: Readonly<Record<number, string>> = { 2: 'province_code', 4: 'city_code', 6: 'county_code' };

/** A province, city or county code, whose reports carry it in a column of their own. */
export const isLevelCode = (code: string): boolean => code.length in LEVEL_CODE;

/**
 * Reports (`alias`) whose jurisdiction lies within a division: by the stored code of the division's
 * level, an equality the scan filters cheaply (a prefix test costs a string operation per report).
 */
export const withinDivision = (code: string | null, alias = 'r', param = 'within'): Condition | null =>
  code
    ? [LEVEL_CODE[code.length] ? `${alias}.${LEVEL_CODE[code.length]} = $${param}` : `starts_with(${alias}.jurisdiction_code, $${param})`, { [param]: code }]
    : null;

export const inYears = (years: YearRange | null, alias = 'r'): Condition | null =>
  years ? [`${alias}.year BETWEEN $from AND $to`, { from: years.from, to: years.to }] : null;
