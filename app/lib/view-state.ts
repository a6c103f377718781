/**
 * Every page's view state as it lives in the URL: parse (anything a user may paste, never throwing;
 * what is invalid falls back to the default) and serialise (defaults left out, stable order, so one
 * view has one URL). Pure: the same functions run in loaders, in the browser and in tests.
 */
import { CHECK_RULES, TEMPLATE_LABELS, type CheckRule, type Template } from '../../scripts/ingest/keys';
import { WIDE_COLUMNS } from '../../scripts/ingest/load/schema';

export interface YearRange {
  from: number;
  to: number;
}

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
const MAX_UNITS = 200;

type Params = URLSearchParams | string;

function params(input: Params): URLSearchParams {
  return typeof input === 'string' ? new URLSearchParams(input.startsWith('?') ? input.slice(1) : input) : input;
}

function one(p: URLSearchParams, name: string): string | null {
  const v = p.get(name);
  return v === null ? null : v.trim();
}

export function parseYears(text: string | null): YearRange | null {
  if (!text) return null;
  const m = /^(\d{4})(?:\s*[-–~]\s*(\d{4}))?$/.exec(text.trim());
  if (!m) return null;
  let from = Number(m[1]);
  let to = Number(m[2] ?? m[1]);
  if (from > to) [from, to] = [to, from];
  if (from < FIRST_YEAR || to > LAST_YEAR) return null;
  return { from, to };
}

export function formatYears(y: YearRange): string {
  return y.from === y.to ? String(y.from) : `${y.from}-${y.to}`;
}

export function yearList(y: YearRange): number[] {
  return Array.from({ length: y.to - y.from + 1 }, (_, i) => y.from + i);
}

/** A division code: province (2), city (4), county (6) or township (9 digits). */
export function parseDivision(text: string | null): string | null {
  return text && /^(\d{2}|\d{4}|\d{6}|\d{9})$/.test(text) ? text : null;
}

/**
 * A unit: a division code for a jurisdiction's own government, or `o:` and the organ's name for a
 * department (several departments share their jurisdiction's code); `r:` and a report id for a
 * report whose organ was not recognised.
 */
export function isUnitKey(text: string): boolean {
  if (/^\d{2,12}$/.test(text) || /^r:\d{1,9}$/.test(text)) return true;
  return text.startsWith('o:') && text.length > 2 && text.length <= 100 && !/[\u0000-\u001f]/.test(text);
}

function parseUnits(text: string | null): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const u = part.trim();
    if (isUnitKey(u)) seen.add(u);
    if (seen.size >= MAX_UNITS) break;
  }
  return [...seen];
}

function flag(p: URLSearchParams, name: string): boolean {
  const v = one(p, name);
  return v === '1' || v === 'true';
}

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function positiveInt(value: string | null, fallback: number, max: number): number {
  if (value === null || !/^\d{1,9}$/.test(value)) return fallback;
  const n = Number(value);
  return n >= 1 && n <= max ? n : fallback;
}

function build(entries: [string, string | null | false | undefined][]): string {
  const p = new URLSearchParams();
  for (const [k, v] of entries) if (v) p.set(k, v);
  const s = p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return s ? `?${s}` : '';
}

// ── 对比 /compare ────────────────────────────────────────────────────────────

export const GROUPS = ['active', 'applications', 'review'] as const;
export type Group = (typeof GROUPS)[number];
export const VIEWS = ['auto', 'bars', 'lines', 'multiples'] as const;
export type ViewMode = (typeof VIEWS)[number];

export interface CompareState {
  /** units chosen one by one */
  units: string[];
  /** a division whose units one level down are all chosen ("all townships of this county") */
  within: string | null;
  years: YearRange | null;
  group: Group;
  view: ViewMode;
  percent: boolean;
  decal: boolean;
}

export const COMPARE_DEFAULTS: CompareState = {
  units: [],
  within: null,
  years: null,
  group: 'applications',
  view: 'auto',
  percent: false,
  decal: false,
};

export function parseCompare(input: Params): CompareState {
  const p = params(input);
  return {
    // a plain HTML form sends one `u` per ticked unit; links send them comma-separated
    units: parseUnits(p.getAll('u').join(',')),
    within: parseDivision(one(p, 'in')),
    years: parseYears(one(p, 'y')),
    group: pick(one(p, 'g'), GROUPS, COMPARE_DEFAULTS.group),
    view: pick(one(p, 'view'), VIEWS, COMPARE_DEFAULTS.view),
    percent: flag(p, 'pct'),
    decal: flag(p, 'decal'),
  };
}

export function serializeCompare(s: CompareState): string {
  return build([
    ['in', s.within],
    ['u', s.units.join(',')],
    ['y', s.years && formatYears(s.years)],
    ['g', s.group !== COMPARE_DEFAULTS.group && s.group],
    ['view', s.view !== 'auto' && s.view],
    ['pct', s.percent && '1'],
    ['decal', s.decal && '1'],
  ]);
}

// ── 报告列表 /reports ────────────────────────────────────────────────────────

/** Columns of the list that are not figures. */
export const LIST_META_COLUMNS = ['unit', 'organ', 'parent', 'year', 'template', 'published', 'checks', 'ingested'] as const;
export type ListMetaColumn = (typeof LIST_META_COLUMNS)[number];
export const DEFAULT_LIST_COLUMNS: readonly string[] = [
  'unit',
  'parent',
  'year',
  'template',
  'applications.received_new.total',
  'applications.granted.total',
  'review.review.total',
  'checks',
];
const FIGURE_COLUMNS = new Set(WIDE_COLUMNS.map((c) => c.name));

export function isListColumn(id: string): boolean {
  return (LIST_META_COLUMNS as readonly string[]).includes(id) || FIGURE_COLUMNS.has(id);
}

export const CHECK_FILTERS = ['all', 'failed', 'passed'] as const;
export const DATA_FILTERS = ['all', 'real', 'synthetic'] as const;
export const PAGE_SIZES = [25, 50, 100, 200] as const;
const TEMPLATES = Object.keys(TEMPLATE_LABELS) as Template[];

export interface ListState {
  q: string;
  years: YearRange | null;
  template: Template | null;
  within: string | null;
  checks: (typeof CHECK_FILTERS)[number];
  data: (typeof DATA_FILTERS)[number];
  sort: { column: string; desc: boolean };
  page: number;
  size: number;
  columns: string[];
}

export const LIST_DEFAULTS: ListState = {
  q: '',
  years: null,
  template: null,
  within: null,
  checks: 'all',
  data: 'all',
  sort: { column: 'year', desc: true },
  page: 1,
  size: 50,
  columns: [...DEFAULT_LIST_COLUMNS],
};

function parseSort(text: string | null): ListState['sort'] {
  const m = text ? /^(.+?)\.(asc|desc)$/.exec(text) : null;
  if (!m || !isListColumn(m[1])) return LIST_DEFAULTS.sort;
  return { column: m[1], desc: m[2] === 'desc' };
}

function parseColumns(text: string | null): string[] {
  if (!text) return [...DEFAULT_LIST_COLUMNS];
  const cols = [...new Set(text.split(',').map((c) => c.trim()).filter(isListColumn))];
  if (!cols.includes('unit')) cols.unshift('unit');
  return cols.slice(0, 40);
}

export function parseList(input: Params): ListState {
  const p = params(input);
  const size = Number(one(p, 'size'));
  return {
    q: (one(p, 'q') ?? '').slice(0, 60),
    years: parseYears(one(p, 'y')),
    template: pick<Template | ''>(one(p, 'tpl'), TEMPLATES, '') || null,
    within: parseDivision(one(p, 'in')),
    checks: pick(one(p, 'checks'), CHECK_FILTERS, 'all'),
    data: pick(one(p, 'data'), DATA_FILTERS, 'all'),
    sort: parseSort(one(p, 'sort')),
    page: positiveInt(one(p, 'page'), 1, 1_000_000),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : LIST_DEFAULTS.size,
    columns: parseColumns(one(p, 'cols')),
  };
}

export function serializeList(s: ListState): string {
  const sortText = `${s.sort.column}.${s.sort.desc ? 'desc' : 'asc'}`;
  const defaultSort = `${LIST_DEFAULTS.sort.column}.desc`;
  const cols = s.columns.join(',');
  return build([
    ['q', s.q],
    ['y', s.years && formatYears(s.years)],
    ['tpl', s.template],
    ['in', s.within],
    ['checks', s.checks !== 'all' && s.checks],
    ['data', s.data !== 'all' && s.data],
    ['sort', sortText !== defaultSort && sortText],
    ['page', s.page > 1 && String(s.page)],
    ['size', s.size !== LIST_DEFAULTS.size && String(s.size)],
    ['cols', cols !== DEFAULT_LIST_COLUMNS.join(',') && cols],
  ]);
}

// ── 总览 / and 数据质量 /quality ──────────────────────────────────────────────

export interface OverviewState {
  within: string | null;
  years: YearRange | null;
  decal: boolean;
}

export function parseOverview(input: Params): OverviewState {
  const p = params(input);
  return { within: parseDivision(one(p, 'in')), years: parseYears(one(p, 'y')), decal: flag(p, 'decal') };
}

export function serializeOverview(s: OverviewState): string {
  return build([
    ['in', s.within],
    ['y', s.years && formatYears(s.years)],
    ['decal', s.decal && '1'],
  ]);
}

const RULES = Object.keys(CHECK_RULES) as CheckRule[];
export const QUALITY_PAGE_SIZE = 50;

export interface QualityState {
  within: string | null;
  years: YearRange | null;
  rule: CheckRule | null;
  page: number;
  decal: boolean;
}

export function parseQuality(input: Params): QualityState {
  const p = params(input);
  return {
    within: parseDivision(one(p, 'in')),
    years: parseYears(one(p, 'y')),
    rule: pick<CheckRule | ''>(one(p, 'rule'), RULES, '') || null,
    page: positiveInt(one(p, 'page'), 1, 1_000_000),
    decal: flag(p, 'decal'),
  };
}

export function serializeQuality(s: QualityState): string {
  return build([
    ['in', s.within],
    ['y', s.years && formatYears(s.years)],
    ['rule', s.rule],
    ['page', s.page > 1 && String(s.page)],
    ['decal', s.decal && '1'],
  ]);
}

// ── 报告 /reports/:id ────────────────────────────────────────────────────────

/** The cell whose origin the source text highlights: a figure key such as `applications.granted.total`. */
export function parseCell(input: Params): string | null {
  const cell = one(params(input), 'cell');
  return cell && FIGURE_COLUMNS.has(cell) ? cell : null;
}

// ── 雷同 /similarity, 及时性 /timeliness ────────────────────────────────────

export const SIMILARITY_KINDS = ['all', 'previous_year', 'same_year'] as const;
export const SIMILARITY_PARTS = ['any', 'overview', 'problems'] as const;
export const SIMILARITY_PAGE_SIZE = 50;

export interface SimilarityState {
  within: string | null;
  years: YearRange | null;
  /** percent of repeated text at or above which a pair is listed */
  threshold: number;
  kind: (typeof SIMILARITY_KINDS)[number];
  part: (typeof SIMILARITY_PARTS)[number];
  page: number;
}

/** The default threshold: 宿迁's evaluation deducts points above 50% repetition. */
export const SIMILARITY_THRESHOLD = 50;

export function parseSimilarity(input: Params): SimilarityState {
  const p = params(input);
  const t = one(p, 't');
  return {
    within: parseDivision(one(p, 'in')),
    years: parseYears(one(p, 'y')),
    threshold: t !== null && /^\d{1,3}$/.test(t) && Number(t) >= 30 && Number(t) <= 100 ? Number(t) : SIMILARITY_THRESHOLD,
    kind: pick(one(p, 'kind'), SIMILARITY_KINDS, 'all'),
    part: pick(one(p, 'part'), SIMILARITY_PARTS, 'any'),
    page: positiveInt(one(p, 'page'), 1, 1_000_000),
  };
}

export function serializeSimilarity(s: SimilarityState): string {
  return build([
    ['in', s.within],
    ['y', s.years && formatYears(s.years)],
    ['t', s.threshold !== SIMILARITY_THRESHOLD && String(s.threshold)],
    ['kind', s.kind !== 'all' && s.kind],
    ['part', s.part !== 'any' && s.part],
    ['page', s.page > 1 && String(s.page)],
  ]);
}

export interface TimelinessState {
  within: string | null;
  years: YearRange | null;
}

export function parseTimeliness(input: Params): TimelinessState {
  const p = params(input);
  return { within: parseDivision(one(p, 'in')), years: parseYears(one(p, 'y')) };
}

export function serializeTimeliness(s: TimelinessState): string {
  return build([
    ['in', s.within],
    ['y', s.years && formatYears(s.years)],
  ]);
}
