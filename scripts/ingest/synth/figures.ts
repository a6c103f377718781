/**
 * Realistic figures for one township-level unit over a run of years. Most units report zeros; a
 * heavy tail (lognormal activity) is busy. Every unit-year is internally consistent and chained to
 * the year before (结转 carried forward → 上年结转; 现行有效 + 制发 − 废止). About 2% of unit-years
 * get one planted error, recorded with the identities it breaks.
 */
import {
  activeKeysFor,
  APPLICANT_COLUMNS,
  inForceChains,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEW_KEYS,
  type ActiveKey,
  type CheckRule,
  type FormatVersion,
} from '../keys';
import type { Figure } from '../report';
import { applicationRoles, crossYearIdentities, failing, inYearIdentities, type Figures, type IdentityRef } from './identities';
import { binomial, int, multinomial, normal, pick, poisson, rngFor, weighted, type Rng } from './prng';

export const PLANT_RATE = 0.02;

export interface Planted {
  rule: CheckRule;
  /** what was changed, cell by cell */
  detail: string;
  /** every identity the change breaks (cross-year ones: between this year and the one before) */
  failing: IdentityRef[];
}

export interface UnitYear extends Figures {
  year: number;
  planted: Planted | null;
}

export interface UnitSpec {
  code: string;
  /** 街道 and other urban units get more applications */
  urban: boolean;
}

/** The format a report of this year follows: 2021 for 2021 and later. */
export function templateFor(year: number): FormatVersion {
  return year >= 2021 ? '2021' : '2019';
}

const TOTAL = APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1].key;
const ZERO_ROW: Readonly<Record<string, number>> = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.key, 0]));
const APPLICANTS = APPLICANT_COLUMNS.slice(0, -1).map((c) => c.key);
/** 自然人 dominate; companies next; the rest are rare */
const APPLICANT_WEIGHTS = [0.82, 0.1, 0.005, 0.01, 0.02, 0.045];
/** outcome weights in printed order (2021 rows); the 2019 single 其他处理 row takes the last three */
const OUTCOME_WEIGHTS_2021 = [
  0.45, 0.08, 0.005, 0.01, 0.005, 0.02, 0.02, 0.03, 0.01, 0.01, 0.2, 0.03, 0.02, 0.03, 0.02, 0.005, 0.01, 0.01, 0.02, 0.002, 0.02,
];
const OUTCOME_WEIGHTS_2019 = [...OUTCOME_WEIGHTS_2021.slice(0, -3), OUTCOME_WEIGHTS_2021.slice(-3).reduce((a, b) => a + b, 0)];

type BlankStyle = 'none' | 'one_blank' | 'zero_rows' | 'all_zero';

interface UnitState {
  rng: Rng;
  applications: number;
  /** yearly rates of decisions per part-二 row label */
  decisionRates: Map<string, number>;
  /** 2019 format: items in each catalogue (上一年项目数量), per row label */
  items: Map<string, number>;
  /** 2021 format: 现行有效 per block-一 row label */
  inForce: Map<string, number>;
  /** cumulative 对外公开总数量 per block-一 row label */
  published: Map<string, number>;
  normativeRate: number;
  feeChance: number;
  procurementChance: number;
  blankStyle: BlankStyle;
  carriedForward: Record<string, number> | null;
}

function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * normal(rng));
}

const ROWS = new Map<FormatVersion, ActiveKey[][]>();

/** Part-二 keys grouped by printed row, in order. */
function rowsOf(format: FormatVersion): ActiveKey[][] {
  const cached = ROWS.get(format);
  if (cached) return cached;
  const keys = activeKeysFor(format);
  const rows: ActiveKey[][] = [];
  for (const k of keys) {
    const last = rows[rows.length - 1];
    if (last && last[0].row === k.row && last[0].block === k.block) last.push(k);
    else rows.push([k]);
  }
  ROWS.set(format, rows);
  return rows;
}

function newState(unit: UnitSpec, seed: string): UnitState {
  const rng = rngFor(seed, 'unit', unit.code);
  const busy = lognormal(rng, unit.urban ? -0.3 : -1.6, 1.5);
  return {
    rng,
    applications: busy,
    decisionRates: new Map(),
    items: new Map(),
    inForce: new Map(),
    published: new Map(),
    normativeRate: rng() < 0.3 ? lognormal(rng, -0.5, 0.8) : 0,
    feeChance: rng() < 0.15 ? 0.8 : 0.02,
    procurementChance: rng() < 0.25 ? 0.7 : 0.05,
    blankStyle: weighted(rng, { none: 85, one_blank: 7, zero_rows: 5, all_zero: 3 }),
    carriedForward: null,
  };
}

function decisionRate(s: UnitState, label: string, block: ActiveKey['block'], index: number): number {
  let rate = s.decisionRates.get(label);
  if (rate === undefined) {
    // per block and row: licensing is common, punishment less, coercion rare
    const mu = block === '五' ? (index === 0 ? 1.5 : 0.5) : index === 0 ? 0 : -2.5;
    rate = s.rng() < 0.25 ? 0 : lognormal(s.rng, mu, 1.8);
    s.decisionRates.set(label, rate);
  }
  return rate;
}

function money(rng: Rng, mu: number): number {
  return Math.round(lognormal(rng, mu, 1.5) * 100) / 100;
}

function activeFigures(s: UnitState, format: FormatVersion): Record<string, Figure> {
  const { rng } = s;
  const out: Record<string, Figure> = {};
  const noise = () => Math.exp(0.4 * normal(rng));
  let index = 0;
  rowsOf(format).forEach((row, i, rows) => {
    const { block, row: label } = row[0];
    index = i > 0 && rows[i - 1][0].block === block ? index + 1 : 0;
    if (block === '一') {
      // townships make no 规章 (the first row); some issue normative documents
      const made = index === 0 ? 0 : poisson(rng, s.normativeRate * noise());
      const start = () => (index === 0 || s.normativeRate === 0 ? 0 : int(rng, 0, 6));
      if (format === '2021') {
        const before = s.inForce.get(label) ?? start();
        const repealed = before > 0 && rng() < 0.15 ? int(rng, 1, Math.min(2, before)) : 0;
        const after = before + made - repealed;
        [out[row[0].key], out[row[1].key], out[row[2].key]] = [made, repealed, after];
        s.inForce.set(label, after);
      } else {
        const published = made - binomial(rng, made, 0.1);
        const total = (s.published.get(label) ?? start()) + published;
        [out[row[0].key], out[row[1].key], out[row[2].key]] = [made, published, total];
        s.published.set(label, total);
      }
      return;
    }
    if (block === '九') {
      const buys = rng() < s.procurementChance;
      out[row[0].key] = buys ? int(rng, 1, 6) : 0;
      out[row[1].key] = buys ? money(rng, 3) : 0;
      return;
    }
    if (format === '2021') {
      out[row[0].key] = block === '八' ? (rng() < s.feeChance ? money(rng, 0.5) : 0) : poisson(rng, decisionRate(s, label, block, index) * noise());
      return;
    }
    // 2019: 上一年项目数量, 本年增/减 and (except fees) 处理决定数量
    const prev = s.items.get(label) ?? (block === '八' ? int(rng, 0, 2) : int(rng, 0, 40));
    const change = rng() < 0.75 ? 0 : Math.max(-prev, int(rng, -3, 5));
    s.items.set(label, prev + change);
    out[row[0].key] = prev;
    out[row[1].key] = change;
    if (row[2]) out[row[2].key] = poisson(rng, decisionRate(s, label, block, index) * noise());
  });
  return out;
}

function applicationFigures(s: UnitState, format: FormatVersion, year: number): Record<string, Record<string, Figure>> {
  const { rng } = s;
  const roles = applicationRoles(format);
  const rows: Record<string, Record<string, number>> = {};
  for (const r of roles.all) rows[r] = { ...ZERO_ROW };
  const trend = 1 + 0.05 * (year - 2019);
  const fresh = multinomial(rng, poisson(rng, s.applications * trend * Math.exp(0.4 * normal(rng))), APPLICANT_WEIGHTS);
  const carried =
    s.carriedForward ?? Object.fromEntries(APPLICANTS.map((c, i) => [c, i === 0 ? poisson(rng, s.applications * 0.05) : 0]));
  const weights = format === '2021' ? OUTCOME_WEIGHTS_2021 : OUTCOME_WEIGHTS_2019;
  APPLICANTS.forEach((c, i) => {
    const available = fresh[i] + carried[c];
    const forward = binomial(rng, available, 0.06);
    const outcomes = multinomial(rng, available - forward, weights);
    rows[roles.receivedNew][c] = fresh[i];
    rows[roles.carriedOver][c] = carried[c];
    roles.outcomes.forEach((r, j) => (rows[r][c] = outcomes[j]));
    rows[roles.total][c] = available - forward;
    rows[roles.carriedForward][c] = forward;
  });
  for (const r of roles.all) rows[r][TOTAL] = APPLICANTS.reduce((t, c) => t + rows[r][c], 0);
  s.carriedForward = Object.fromEntries(APPLICANTS.map((c) => [c, rows[roles.carriedForward][c]]));
  return rows;
}

function reviewFigures(s: UnitState): Record<string, Figure> {
  const { rng } = s;
  const out: Record<string, Figure> = Object.fromEntries(REVIEW_KEYS.map((k) => [k, 0]));
  const parts = REVIEW_COLUMNS.slice(0, -1);
  const total = REVIEW_COLUMNS[REVIEW_COLUMNS.length - 1];
  REVIEW_GROUPS.forEach((g, i) => {
    const chance = Math.min(0.5, s.applications * (i === 0 ? 0.03 : 0.01));
    if (rng() >= chance) return;
    const counts = multinomial(rng, 1 + poisson(rng, s.applications * 0.05), [0.6, 0.1, 0.15, 0.15]);
    parts.forEach((p, j) => (out[`${g.key}.${p.key}`] = counts[j]));
    out[`${g.key}.${total.key}`] = counts.reduce((a, b) => a + b, 0);
  });
  return out;
}

/** Blanks in place of zeros, as some units print them (the identities still hold). */
function applyBlanks(style: BlankStyle, rng: Rng, f: Figures): void {
  if (style === 'none') return;
  const rows = Object.values(f.applications);
  if (style === 'one_blank') {
    const zeros = rows.flatMap((row) => APPLICANTS.filter((c) => row[c] === 0).map((c) => [row, c] as const));
    if (zeros.length) {
      const [row, c] = pick(rng, zeros);
      row[c] = null;
    }
    return;
  }
  for (const row of rows) {
    if (style === 'zero_rows' && APPLICANTS.every((c) => row[c] === 0)) for (const c of APPLICANTS) row[c] = null;
    if (style === 'all_zero') for (const c of APPLICANT_COLUMNS) if (row[c.key] === 0) row[c.key] = null;
  }
  if (style === 'all_zero') for (const k of REVIEW_KEYS) if (f.review[k] === 0) f.review[k] = null;
}

type Edit = { table: 'applications'; row: string; column: string } | { table: 'active' | 'review'; key: string };

function bump(f: Figures, e: Edit, d: number): string {
  const get = () => (e.table === 'applications' ? f.applications[e.row][e.column] : f[e.table][e.key]);
  const before = get();
  const after = (before ?? 0) + d;
  if (e.table === 'applications') f.applications[e.row][e.column] = after;
  else f[e.table][e.key] = after;
  const path = e.table === 'applications' ? `applications.${e.row}.${e.column}` : `${e.table}.${e.key}`;
  return `${path} ${before ?? 'blank'} → ${after}`;
}

/** Plants one error in years[i] (and, for 现行有效, shifts later years so only one link breaks). */
function plant(rng: Rng, years: UnitYear[], i: number): Planted {
  const f = years[i];
  const prev = i > 0 ? years[i - 1] : null;
  const roles = applicationRoles(f.template);
  const d = int(rng, 1, 5);
  const col = pick(rng, APPLICANTS);
  const shiftable = APPLICANTS.filter((c) => (f.applications[roles.receivedNew][c] ?? 0) >= 1);
  const kinds: CheckRule[] = ['applications.balance', 'applications.row_total', 'applications.outcome_total', 'review.total'];
  if (prev && shiftable.length) kinds.push('cross_year.carried');
  if (prev && prev.template === '2021' && f.template === '2021') kinds.push('cross_year.in_force');
  const rule = pick(rng, kinds);
  const edits: string[] = [];
  const at = (row: string, column: string): Edit => ({ table: 'applications', row, column });
  switch (rule) {
    case 'applications.balance':
      edits.push(bump(f, at(roles.receivedNew, col), d), bump(f, at(roles.receivedNew, TOTAL), d));
      break;
    case 'applications.row_total':
      edits.push(bump(f, at(pick(rng, roles.outcomes), TOTAL), d));
      break;
    case 'applications.outcome_total': {
      const row = pick(rng, roles.outcomes);
      edits.push(bump(f, at(row, col), d), bump(f, at(row, TOTAL), d));
      break;
    }
    case 'review.total': {
      const g = pick(rng, REVIEW_GROUPS);
      edits.push(bump(f, { table: 'review', key: `${g.key}.${REVIEW_COLUMNS[REVIEW_COLUMNS.length - 1].key}` }, d));
      break;
    }
    case 'cross_year.carried': {
      const c = pick(rng, shiftable);
      const k = Math.min(d, f.applications[roles.receivedNew][c] ?? 0);
      for (const column of [c, TOTAL]) {
        edits.push(bump(f, at(roles.carriedOver, column), k), bump(f, at(roles.receivedNew, column), -k));
      }
      break;
    }
    case 'cross_year.in_force': {
      const chain = pick(rng, inForceChains());
      edits.push(bump(f, { table: 'active', key: chain.inForce }, d));
      for (const later of years.slice(i + 1)) bump(later, { table: 'active', key: chain.inForce }, d);
      break;
    }
    default:
      throw new Error(`no way to plant ${rule}`);
  }
  const broken = rule.startsWith('cross_year') ? crossYearIdentities(prev!, f) : inYearIdentities(f);
  return { rule, detail: edits.join('; '), failing: failing(broken) };
}

/**
 * Figures for a unit over the given years (ascending, consecutive). Deterministic in (seed, unit
 * code, years): the same unit gets the same chain whatever else is generated.
 */
export function generateUnitYears(unit: UnitSpec, years: readonly number[], seed: string): UnitYear[] {
  const s = newState(unit, seed);
  const out: UnitYear[] = years.map((year) => {
    const template = templateFor(year);
    const f: UnitYear = {
      year,
      template,
      active: activeFigures(s, template),
      applications: applicationFigures(s, template, year),
      review: reviewFigures(s),
      planted: null,
    };
    applyBlanks(s.blankStyle, s.rng, f);
    return f;
  });
  const plantRng = rngFor(seed, 'plant', unit.code);
  out.forEach((_, i) => {
    if (plantRng() < PLANT_RATE) out[i].planted = plant(plantRng, out, i);
  });
  return out;
}
