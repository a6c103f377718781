/**
 * From a place name printed in a report to its statistical division code. Names repeat (50 towns
 * are called 太平镇), so every county, city and province the text names elsewhere counts as
 * evidence; when the evidence does not single one unit out, the answer is every candidate and no
 * code.
 */
import { cityName, divisions, type Division, type DivisionKind } from './divisions';

export interface Candidate {
  code: string;
  name: string;
  county: string | null;
  city: string | null;
  province: string | null;
}

export interface Resolution {
  code: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  /** when the name fits several units: all of them, best supported first */
  candidates?: Candidate[];
  /** the name is not in the list; the code is the unit it stands for (a zone's county, a misread name) */
  approximate?: boolean;
  /** why the answer is less plain than an exact, unique name */
  warning?: string;
}

const UNRESOLVED: Resolution = { code: null, county: null, city: null, province: null };

/**
 * Zones that govern the territory of one listed county under a name the list does not carry.
 * 平潭综合实验区 administers all of 平潭县 (350128, 福州市); the list knows only the county.
 */
const ZONE_ALIASES = new Map([['平潭综合实验区', '350128']]);

/** Last characters of county, city and province names, where a mention can end. */
const MENTION_END = /[县区市旗州盟省]/g;
const ENDS_LIKE_MENTION = /[县区市旗州盟省]$/;
/** Two-character names (城区, 郊区, 和县, 新县 …) are ordinary words too often to count as mentions. */
const MIN_MENTION_LENGTH = 3;
/** CJK unified ideographs and extension A: the characters division names are written in */
const isHan = (c: number) => c >= 0x3400 && c <= 0x9fff;

let memoText: string | null = null;
let memoMentions = new Set<string>();

/**
 * Names of counties, cities and provinces printed anywhere in the text (longest name ending at each
 * 县/区/市/旗/州/盟/省), found with Map lookups only.
 */
export function placeMentions(text: string): Set<string> {
  if (text === memoText) return memoMentions;
  const { byName, maxPlaceNameLength } = divisions();
  const found = new Set<string>();
  MENTION_END.lastIndex = 0;
  for (let m = MENTION_END.exec(text); m; m = MENTION_END.exec(text)) {
    const end = m.index + 1;
    let start = m.index;
    while (start > 0 && end - start < maxPlaceNameLength && isHan(text.charCodeAt(start - 1))) start--;
    for (let from = start; end - from >= MIN_MENTION_LENGTH; from++) {
      const name = text.slice(from, end);
      const units = byName.get(name);
      if (units && units.some((u) => u.kind !== 'township')) {
        found.add(name);
        break;
      }
    }
  }
  memoText = text;
  memoMentions = found;
  return found;
}

/**
 * placeMentions(text).has(name), looking only where the text prints `name`: a report names its
 * superior a few times, while placeMentions weighs every 县, 区 and 市 of the text.
 */
export function mentionsPlace(text: string, name: string): boolean {
  if (text === memoText) return memoMentions.has(name);
  if (name.length < MIN_MENTION_LENGTH || !ENDS_LIKE_MENTION.test(name) || !isDivisionAboveTownship(name)) return false;
  const { byName, maxPlaceNameLength } = divisions();
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    // As placeMentions does at the mention ending here: the longest listed name ending here counts.
    const end = at + name.length;
    let start = end - 1;
    while (start > 0 && end - start < maxPlaceNameLength && isHan(text.charCodeAt(start - 1))) start--;
    for (let from = start; end - from >= MIN_MENTION_LENGTH; from++) {
      const units = byName.get(text.slice(from, end));
      if (units && units.some((u) => u.kind !== 'township')) {
        if (from === at) return true;
        break;
      }
    }
  }
  return false;
}

/** Whether a name is a county, city or province of the list (a parent can only be one of these). */
export function isDivisionAboveTownship(name: string): boolean {
  return divisions().byName.get(name)?.some((u) => u.kind !== 'township') ?? false;
}

/** Whether a name is in the list at all, at any level, or is a zone standing for a listed county. */
export function isDivisionName(name: string): boolean {
  return ZONE_ALIASES.has(name) || lookupNames(name).some((n) => divisions().byName.has(n));
}

/** The unit directly above a division, as a name (a township's county, a county's city …). */
export function superiorName(code: string): string | null {
  const d = divisions().byCode.get(code);
  if (!d) return null;
  if (d.kind === 'township') return d.county!.name;
  if (d.kind === 'county') return cityName(d) ?? d.province.name;
  if (d.kind === 'city') return d.province.name;
  return null;
}

export function resolveJurisdiction(name: string, level: string | null, text: string): Resolution {
  const { byName, byCode } = divisions();
  const kinds = kindsFor(level);
  const names = lookupNames(name);
  const listed = names.length === 1 ? (byName.get(names[0]) ?? []) : unique(names.flatMap((n) => byName.get(n) ?? []));
  const units = listed.filter((u) => kinds.has(u.kind));

  if (units.length === 0) {
    const zone = ZONE_ALIASES.get(name);
    if (zone) {
      const unit = byCode.get(zone)!;
      return { ...resolved(unit), approximate: true, warning: `${name} is not in the division list; resolved as ${unit.name} (${unit.code}), the territory it governs` };
    }
    return nearNames(name, placeMentions(text)) ?? { ...UNRESOLVED, warning: `${name} is not in the division list` };
  }
  if (units.length === 1) return resolved(units[0]);

  const mentions = placeMentions(text);
  const scored = units
    .map((unit) => ({ unit, score: support(unit, mentions) }))
    .sort((a, b) => b.score - a.score || (a.unit.code < b.unit.code ? -1 : 1));
  const best = scored[0];
  if (best.score > 0 && scored[1].score < best.score) return resolved(best.unit);
  return {
    ...UNRESOLVED,
    candidates: scored.map((s) => candidate(s.unit)),
    warning: `${units.length} divisions are called ${name}; the text does not say which`,
  };
}

/** Names under which the list may carry a unit an organ calls `name`. */
function lookupNames(name: string): string[] {
  if (name.endsWith('街道办事处')) return [name.slice(0, -3), name];
  if (name.endsWith('街道办')) return [name.slice(0, -1)];
  return [name];
}

const TOWNSHIP: ReadonlySet<DivisionKind> = new Set(['township']);
const COUNTY: ReadonlySet<DivisionKind> = new Set(['county']);
const DISTRICT: ReadonlySet<DivisionKind> = new Set(['county', 'township']);
const CITY: ReadonlySet<DivisionKind> = new Set(['city']);
const PROVINCE: ReadonlySet<DivisionKind> = new Set(['province']);
const ABOVE_TOWNSHIP: ReadonlySet<DivisionKind> = new Set(['county', 'city', 'province']);
const ANY: ReadonlySet<DivisionKind> = new Set(['township', 'county', 'city', 'province']);

/** The kinds of unit a place of this level can be (a 市 is a county-level city, a city or a municipality). */
function kindsFor(level: string | null): ReadonlySet<DivisionKind> {
  switch (level) {
    case '镇':
    case '乡':
    case '街道':
    case '苏木':
      return TOWNSHIP;
    case '县':
    case '旗':
      return COUNTY;
    case '区':
      return DISTRICT;
    case '州':
    case '盟':
    case '地区':
      return CITY;
    case '省':
      return PROVINCE;
    case '市':
    case '部门':
      return ABOVE_TOWNSHIP;
    default:
      return ANY;
  }
}

/** Evidence for a unit: its county named outweighs its city, which outweighs its province. */
function support(unit: Division, mentions: Set<string>): number {
  let score = 0;
  if (unit.kind === 'township' && mentions.has(unit.county!.name)) score += 4;
  const city = cityName(unit);
  if (city && city !== unit.name && mentions.has(city)) score += 2;
  if (unit.kind !== 'province' && mentions.has(unit.province.name)) score += 1;
  return score;
}

/**
 * A county-level name missing from the list may be a misreading (OCR gives 沐阳县 for 沭阳县). Only
 * inside a city or province the text names, and only names of the same length and ending that
 * differ in one character, are offered; a single one is taken, with a warning.
 */
function nearNames(name: string, mentions: Set<string>): Resolution | null {
  if (name.length < 3 || !/[县区市旗]$/.test(name)) return null;
  const { byName, countiesUnder } = divisions();
  const near: Division[] = [];
  for (const mentioned of mentions) {
    for (const region of byName.get(mentioned) ?? []) {
      if (region.kind !== 'city' && region.kind !== 'province') continue;
      for (const county of countiesUnder.get(region.code) ?? []) {
        if (county.name.length === name.length && differsInOne(county.name, name)) near.push(county);
      }
    }
  }
  const options = unique(near);
  if (options.length === 0) return null;
  const names = options.map((o) => `${o.name} (${o.code})`).join(', ');
  if (options.length === 1) {
    return { ...resolved(options[0]), approximate: true, warning: `${name} is not in the division list; taken as ${names}, the one near name in the places the text names` };
  }
  return {
    ...UNRESOLVED,
    candidates: options.map(candidate),
    warning: `${name} is not in the division list; near names in the places the text names: ${names}`,
  };
}

function differsInOne(a: string, b: string): boolean {
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return diff === 1;
}

function unique(units: Division[]): Division[] {
  return [...new Map(units.map((u) => [u.code, u])).values()];
}

function candidate(unit: Division): Candidate {
  const r = resolved(unit);
  return { code: unit.code, name: unit.name, county: r.county, city: r.city, province: r.province };
}

function resolved(unit: Division): Resolution {
  return {
    code: unit.code,
    county: unit.kind === 'township' ? unit.county!.name : unit.kind === 'county' ? unit.name : null,
    city: cityName(unit),
    province: unit.province.name,
  };
}
