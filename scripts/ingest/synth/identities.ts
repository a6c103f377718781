/**
 * The consistency rules of the format (report-schema.md), evaluated on generated figures so the
 * generator can prove its clean unit-years consistent and name exactly what a planted error
 * breaks. A blank counts as 0 here: the generator only blanks cells that hold 0.
 */
import {
  APPLICANT_COLUMNS,
  applicationRowsFor,
  inForceChains,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type CheckRule,
} from '../keys';
import type { Figure } from '../report';
import type { RenderInput } from './types';

export type Figures = Pick<RenderInput, 'template' | 'active' | 'applications' | 'review'>;

export interface IdentityRef {
  rule: CheckRule;
  row?: string;
  column?: string;
  group?: string;
}

export interface IdentityResult extends IdentityRef {
  ok: boolean;
  expected: number;
  actual: number;
}

const n = (v: Figure | undefined) => v ?? 0;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const TOTAL_COLUMN = APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1].key;
const APPLICANTS = APPLICANT_COLUMNS.slice(0, -1).map((c) => c.key);

function result(ref: IdentityRef, expected: number, actual: number): IdentityResult {
  // one object shape for every result: spreading optional keys made this the generator's hot spot
  const { rule, row, column, group } = ref;
  return { rule, row, column, group, ok: expected === actual, expected, actual };
}

export interface ApplicationRoles {
  receivedNew: string;
  carriedOver: string;
  outcomes: string[];
  total: string;
  carriedForward: string;
  all: string[];
}

const ROLES = new Map<Figures['template'], ApplicationRoles>();

/** The part-三 rows by their role in the balance: first two, outcomes, total row, last. */
export function applicationRoles(template: Figures['template']): ApplicationRoles {
  const cached = ROLES.get(template);
  if (cached) return cached;
  const rows = applicationRowsFor(template);
  const roles = {
    receivedNew: rows[0].key,
    carriedOver: rows[1].key,
    outcomes: rows.filter((r) => r.outcome).map((r) => r.key),
    total: rows[rows.length - 2].key,
    carriedForward: rows[rows.length - 1].key,
    all: rows.map((r) => r.key),
  };
  ROLES.set(template, roles);
  return roles;
}

export function inYearIdentities(f: Figures): IdentityResult[] {
  const roles = applicationRoles(f.template);
  const cell = (row: string, col: string) => n(f.applications[row]?.[col]);
  const out: IdentityResult[] = [];
  for (const c of APPLICANT_COLUMNS) {
    out.push(
      result(
        { rule: 'applications.balance', column: c.key },
        cell(roles.receivedNew, c.key) + cell(roles.carriedOver, c.key),
        cell(roles.total, c.key) + cell(roles.carriedForward, c.key),
      ),
    );
  }
  for (const row of roles.all) {
    out.push(
      result(
        { rule: 'applications.row_total', row },
        sum(APPLICANTS.map((c) => cell(row, c))),
        cell(row, TOTAL_COLUMN),
      ),
    );
  }
  for (const c of APPLICANT_COLUMNS) {
    out.push(
      result(
        { rule: 'applications.outcome_total', column: c.key },
        sum(roles.outcomes.map((r) => cell(r, c.key))),
        cell(roles.total, c.key),
      ),
    );
  }
  const parts = REVIEW_COLUMNS.slice(0, -1).map((c) => c.key);
  const totalKey = REVIEW_COLUMNS[REVIEW_COLUMNS.length - 1].key;
  for (const g of REVIEW_GROUPS) {
    out.push(
      result(
        { rule: 'review.total', group: g.key },
        sum(parts.map((p) => n(f.review[`${g.key}.${p}`]))),
        n(f.review[`${g.key}.${totalKey}`]),
      ),
    );
  }
  return out;
}

export function crossYearIdentities(prev: Figures, next: Figures): IdentityResult[] {
  const before = applicationRoles(prev.template);
  const after = applicationRoles(next.template);
  const out = APPLICANT_COLUMNS.map((c) =>
    result(
      { rule: 'cross_year.carried', column: c.key },
      n(prev.applications[before.carriedForward]?.[c.key]),
      n(next.applications[after.carriedOver]?.[c.key]),
    ),
  );
  if (prev.template === '2021' && next.template === '2021') {
    for (const ch of inForceChains()) {
      out.push(
        result(
          { rule: 'cross_year.in_force', row: ch.inForce },
          n(prev.active[ch.inForce]) + n(next.active[ch.issued]) - n(next.active[ch.repealed]),
          n(next.active[ch.inForce]),
        ),
      );
    }
  }
  return out;
}

export function failing(results: IdentityResult[]): IdentityRef[] {
  return results.filter((r) => !r.ok).map(({ rule, row, column, group }) => ({
    rule,
    ...(row === undefined ? {} : { row }),
    ...(column === undefined ? {} : { column }),
    ...(group === undefined ? {} : { group }),
  }));
}
