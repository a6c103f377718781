/**
 * 雷同检测: how much of one report's prose is repeated from another. The prose is reduced to its
 * Chinese characters and letters (digits, punctuation and spacing differ between copies without
 * making them less copied), with the unit's own names and the phrases every report of the format
 * prints removed; what is left is cut into overlapping character shingles. Resemblance is estimated
 * with MinHash (Broder 1997): each report keeps a signature of SIGNATURE_SIZE minimum hashes, so a
 * county's reports are compared without reading their text again; the exact shared passages are
 * computed from the two texts only when a pair is shown.
 */

/** The prose parts compared (一 总体情况, 五 存在的主要问题及改进情况): 六 is mostly 无. */
export const COMPARED_PARTS = ['overview', 'problems'] as const;
export type ComparedPart = (typeof COMPARED_PARTS)[number];

/** Pairs below this estimated share are not stored; the pages' threshold (default 50%) reads above it. */
export const SIMILARITY_FLOOR = 0.3;
export const DEFAULT_THRESHOLD = 0.5;

/** Characters per shingle: five Han characters are rarely shared by chance, often by a copied clause. */
export const SHINGLE = 5;
export const SIGNATURE_SIZE = 128;

/**
 * Phrases of the national format and of the regulation that any report may print; removing them keeps
 * a report that only follows the format from looking copied.
 */
export const BOILERPLATE = [
  '本报告由',
  '根据中华人民共和国政府信息公开条例',
  '中华人民共和国政府信息公开条例',
  '政府信息公开条例',
  '政府信息公开工作年度报告',
  '政府信息公开工作',
  '要求编制',
  '本报告中所列数据的统计期限自',
  '统计期限自',
  '年月日起至年月日止',
  '本报告所列数据的统计期限',
  '如对本报告有任何疑问',
  '请与联系',
  '本报告的电子版可以在',
  '网站下载',
  '总体情况',
  '主动公开情况',
  '依申请公开情况',
  '政府信息管理',
  '平台建设',
  '监督保障',
  '存在的主要问题及改进情况',
  '其他需要报告的事项',
  '主动公开政府信息',
  '政府信息公开申请',
  '人民政府',
];

/** A text reduced for comparison, with each kept character's offset in the original. */
export interface Reduced {
  chars: string;
  at: Int32Array;
}

const KEPT = /[\p{Script=Han}A-Za-z]/u;

/** KEPT.test(text[i]), answered without the regex for the common characters (the test was most of a signature's cost). */
function kept(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c < 0x2e80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return KEPT.test(text[i]);
}

/** Keeps Han characters and letters; drops the given names and every BOILERPLATE phrase. */
export function reduce(text: string, names: readonly string[] = []): Reduced {
  let joined = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (kept(text, i)) {
      joined += text[i];
      at.push(i);
    }
  }
  const drop = new Uint8Array(joined.length);
  const phrases = [...names.map((n) => [...n].filter((c) => KEPT.test(c)).join('')), ...BOILERPLATE]
    .filter((p) => p.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const p of phrases) {
    for (let from = joined.indexOf(p); from !== -1; from = joined.indexOf(p, from + p.length)) drop.fill(1, from, from + p.length);
  }
  const keptChars: string[] = [];
  const keptAt: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (drop[i]) continue;
    keptChars.push(joined[i]);
    keptAt.push(at[i]);
  }
  return { chars: keptChars.join(''), at: Int32Array.from(keptAt) };
}

/** FNV-1a of a shingle's code units. */
function hashShingle(s: string, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + SHINGLE; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The distinct shingle hashes of a reduced text. */
export function shingles(chars: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= chars.length; i++) out.add(hashShingle(chars, i));
  return out;
}

/** murmur3's finaliser: a fast 32-bit mixer that makes each seed an independent hash function. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9 + i * 0x7f4a7c15));

export interface Signature {
  /** distinct shingles in the text */
  size: number;
  mins: Uint32Array;
}

/** The MinHash signature of a shingle set; null for a text too short to have a shingle. */
export function signature(set: ReadonlySet<number>): Signature | null {
  if (set.size === 0) return null;
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const h of set) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix(h ^ SEEDS[i]);
      if (v < mins[i]) mins[i] = v;
    }
  }
  return { size: set.size, mins };
}

export function signatureOf(text: string | null, names: readonly string[] = []): Signature | null {
  return text ? signature(shingles(reduce(text, names).chars)) : null;
}

/** Estimated Jaccard resemblance: the share of hash functions whose minimum the two sets share. */
export function resemblance(a: Signature, b: Signature): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a.mins[i] === b.mins[i]) same++;
  return same / SIGNATURE_SIZE;
}

/**
 * Estimated share of a's shingles that b also has (containment): from the resemblance J and the set
 * sizes, |a ∩ b| = J (|a| + |b|) / (1 + J). Containment, not resemblance, is what "repeated text"
 * means: a short report copied whole into a long one is wholly repeated.
 */
export function containment(a: Signature, b: Signature): number {
  const j = resemblance(a, b);
  return Math.min(1, (j * (a.size + b.size)) / ((1 + j) * a.size));
}

/** Signature ↔ bytes, for a BLOB column: size (uint32) then the minima, little-endian. */
export function encodeSignature(s: Signature): Uint8Array {
  const out = new Uint32Array(SIGNATURE_SIZE + 1);
  out[0] = s.size;
  out.set(s.mins, 1);
  return new Uint8Array(out.buffer);
}

export function decodeSignature(bytes: Uint8Array): Signature {
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { size: words[0], mins: words.slice(1) };
}

/** Ranges [start, end) of the original text. */
export type Passage = [number, number];

export interface SharedText {
  /** exact share of a's reduced characters covered by a shingle that b also has */
  share: number;
  /** the repeated passages in a's original text */
  passages: Passage[];
}

/**
 * What of text a is repeated in text b, exactly: every shingle of a that b has marks its characters;
 * marked characters next to each other (in the reduced text) form one passage of the original.
 */
export function sharedText(a: string, b: string, namesA: readonly string[] = [], namesB: readonly string[] = []): SharedText {
  const ra = reduce(a, namesA);
  const inB = shingles(reduce(b, namesB).chars);
  const marked = new Uint8Array(ra.chars.length);
  for (let i = 0; i + SHINGLE <= ra.chars.length; i++) if (inB.has(hashShingle(ra.chars, i))) marked.fill(1, i, i + SHINGLE);
  const passages: Passage[] = [];
  let count = 0;
  for (let i = 0; i < marked.length; i++) {
    if (!marked[i]) continue;
    count++;
    const last = passages[passages.length - 1];
    if (last && i > 0 && marked[i - 1]) last[1] = ra.at[i] + 1;
    else passages.push([ra.at[i], ra.at[i] + 1]);
  }
  return { share: ra.chars.length ? count / ra.chars.length : 0, passages };
}
