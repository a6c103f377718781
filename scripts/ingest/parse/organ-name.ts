/**
 * What an organ's name is made of: the places that prefix it (桃江县 / 松木塘镇) and what kind of
 * organ follows (人民政府, 街道办事处, or a department such as 自然资源局).
 *
 * An organ is named without the divisions printed before its own place: 淮安市洪泽区人民政府 (the
 * 2024 title) and 洪泽区人民政府 (the 2023 title) are one organ, 洪泽区人民政府 with parent 淮安市,
 * so that its reports line up across years.
 */
import { isDivisionAboveTownship, isDivisionName } from '../resolve/resolve';

/** Suffixes that make an organ the government of its place. */
const GOVERNMENT = /(?:人民政府|政府|办事处|街道办|管委会|管理委员会)$/;
/** What follows a listed unit's name in its organ's: the government words, or an office (管理处) */
const UNIT_OFFICE = /(?:人民政府|政府|办事处|街道办|管委会|管理委员会|管理处)$/;
/** Suffixes of departments and offices, which belong to the place their name starts with. */
const DEPARTMENT = /(?:局|委员会|委|办公厅|办公室|厅|中心|院|署|办|处|所|馆|会|部|站|队)$/;
const PLACE = /(?:镇|乡|街道|苏木|县|区|市|省|旗|州|盟)$/;
/** A place inside an organ name, ending where a division name can end */
const PLACE_LEVEL = /(街道|苏木|自治区|地区|镇|乡|县|区|市|省|旗|州|盟)$/;
/** Words that stand where an organ would but name none: 我镇, 本级, 关于 … */
const NOT_AN_ORGAN = /^(?:我|该|各|本级|本机关|本单位|本镇|本县|本区|本街道|全县|全市|全区|全镇|关于|根据|按照)/;
const HAN_ONLY = /^[\p{Script=Han}()（）]+$/u;

export interface OrganParts {
  /** the organ without the places that prefix its own */
  organ: string;
  /** the organ's own place: 松木塘镇, 驼峰路街道, 抚远市 (for 抚远市自然资源局) */
  place: string | null;
  /** 镇 乡 街道 县 区 市 省 … for a government, 部门 for a department */
  level: string | null;
  /** division names printed before the place, outermost first (淮安市 for 淮安市洪泽区人民政府) */
  prefixes: string[];
  /** leading text that looked like a place but is no division (mirror-site spam), dropped */
  dropped: string | null;
}

/** A name an organ could have: Chinese only, 3–30 characters, ending like an organ or a place. */
export function looksLikeOrgan(s: string): boolean {
  return (
    s.length >= 3 &&
    s.length <= 30 &&
    HAN_ONLY.test(s) &&
    !NOT_AN_ORGAN.test(s) &&
    (GOVERNMENT.test(s) || DEPARTMENT.test(s) || PLACE.test(s))
  );
}

export function organParts(organ: string): OrganParts {
  const government = governmentPlace(organ);
  if (government !== null) {
    const { place, prefixes, dropped } = splitPlaces(government);
    const ownStart = prefixes.join('').length + (dropped?.length ?? 0);
    return { organ: organ.slice(ownStart), place, level: levelOf(place), prefixes, dropped };
  }
  // Party organs put 中共 before their place: 中共沛县县委宣传部.
  const party = organ.startsWith('中共') ? '中共' : '';
  const named = organ.slice(party.length);
  const chain = leadingDivisions(named);
  if (chain.length > 0) {
    const place = chain[chain.length - 1];
    const prefixes = chain.slice(0, -1);
    return { organ: party + named.slice(prefixes.join('').length), place, level: '部门', prefixes, dropped: null };
  }
  const unlisted = /^\p{Script=Han}{1,8}?(?:县|区|市|旗|省|州|盟)/u.exec(named);
  const place = unlisted && unlisted[0].length >= 2 && unlisted[0].length < named.length ? unlisted[0] : null;
  return { organ, place, level: '部门', prefixes: [], dropped: null };
}

/** Whether a division of the list appears in the organ's places (not just place-like text). */
export function namesKnownPlace(parts: OrganParts): boolean {
  return parts.prefixes.length > 0 || (parts.place !== null && isDivisionName(parts.place));
}

/** The place a government organ governs (桃江县松木塘镇 for 桃江县松木塘镇人民政府), or null for a department. */
function governmentPlace(organ: string): string | null {
  if (PLACE.test(organ)) return organ;
  // Township-level units whose listed names carry no place word: 塞罕坝机械林场, 庙城地区, 木兰山风景区管理处
  const office = UNIT_OFFICE.exec(organ);
  if (office && isDivisionName(organ.slice(0, office.index))) return organ.slice(0, office.index);
  if (isDivisionName(organ)) return organ;
  const m = GOVERNMENT.exec(organ);
  if (!m) return null;
  let base = organ.slice(0, m.index);
  if (m[0] === '办事处' || m[0] === '街道办') base = base.endsWith('街道') ? base : `${base}街道`;
  // Township-level units with no place word in their names: 塞罕坝机械林场, 五大连池农场 …
  return (PLACE.test(base) && base.length >= 2) || isDivisionName(base) ? base : null;
}

interface PlaceSplit {
  place: string;
  prefixes: string[];
  dropped: string | null;
}

/**
 * 淮安市洪泽区 → 淮安市 / 洪泽区; 桃江县新建镇 → 桃江县 / 新建镇 (listed county, unlisted town);
 * 新葡京博彩官网区红土崖镇 → 红土崖镇 with the spam dropped; 平潭综合实验区 → itself.
 */
function splitPlaces(base: string): PlaceSplit {
  const whole = segment(base);
  if (whole) return { place: whole[whole.length - 1], prefixes: whole.slice(0, -1), dropped: null };
  const chain = leadingDivisions(base);
  const rest = base.slice(chain.join('').length);
  if (chain.length > 0 && PLACE.test(rest) && rest.length >= 2) return { place: rest, prefixes: chain, dropped: null };
  for (let i = 2; i <= base.length - 3; i++) {
    const head = base.slice(0, i);
    if (PLACE.test(head) && isDivisionName(base.slice(i))) return { place: base.slice(i), prefixes: [], dropped: head };
  }
  return { place: base, prefixes: [], dropped: null };
}

/** The base as a run of listed names, the last one of any level, those before it above townships. */
function segment(s: string): string[] | null {
  if (isDivisionName(s)) return [s];
  for (let len = s.length - 2; len >= 2; len--) {
    const head = s.slice(0, len);
    if (!isDivisionAboveTownship(head)) continue;
    const rest = segment(s.slice(len));
    if (rest) return [head, ...rest];
  }
  return null;
}

/** Listed county/city/province names at the start of a name, longest first: 上海市 in 上海市科委. */
function leadingDivisions(s: string): string[] {
  const chain: string[] = [];
  let at = 0;
  for (;;) {
    let found: string | null = null;
    for (let len = Math.min(12, s.length - at - 1); len >= 2; len--) {
      const head = s.slice(at, at + len);
      if (isDivisionAboveTownship(head)) {
        found = head;
        break;
      }
    }
    if (!found) return chain;
    chain.push(found);
    at += found.length;
  }
}

function levelOf(place: string): string | null {
  const m = PLACE_LEVEL.exec(place);
  if (!m) return null;
  // 庙城地区 is a township of 怀柔区, not a prefecture
  if (m[1] === '地区' && isDivisionName(place) && !isDivisionAboveTownship(place)) return null;
  return m[1] === '自治区' ? '省' : m[1];
}
