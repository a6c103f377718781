/**
 * 雷同检测: how much of one report's prose is repeated from another. The prose is reduced to its
 * Chinese characters and letters (digits, punctuation and spacing differ between copies without
 * making them less copied), with the unit's own names and the phrases every report of the format
 * prints removed; what is left is cut into overlapping character shingles. Resemblance is estimated
 * with a bottom-k MinHash sketch (Broder 1997): each report keeps the SIGNATURE_SIZE smallest of its
 * shingles' hashes, one hash per shingle (128 independent hashes per shingle cost most of a report's
 * staging), so a county's reports are compared without reading their text again; the exact shared
 * passages are computed from the two texts only when a pair is shown.
 */

/** The prose parts compared (一 总体情况, 五 存在的主要问题及改进情况): 六 is mostly 无. */
export const COMPARED_PARTS = ['overview', 'problems'] as const;
export type ComparedPart = (typeof COMPARED_PARTS)[number];

/** Pairs below this estimated share are not stored; the pages' threshold (default 50%) reads above it. */
export const SIMILARITY_FLOOR = 0.3;
export const DEFAULT_THRESHOLD = 0.5;

/** Characters per shingle: five Han characters are rarely shared by chance, often by a copied clause. */
export const SHINGLE = 5;
/** The smallest hashes a signature keeps: prose of up to this many shingles is compared exactly. */
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

/**
 * KEPT's answer for each UTF-16 code unit past the common ranges: 0 not asked yet, 1 kept, 2 dropped
 * (the regex on every punctuation mark was most of reduce's cost).
 */
const KEPT_OTHER = new Uint8Array(0x10000);

/** KEPT.test(String.fromCharCode(c)) */
function keptCode(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c < 0x2e80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (KEPT_OTHER[c] === 0) KEPT_OTHER[c] = KEPT.test(String.fromCharCode(c)) ? 1 : 2;
  return KEPT_OTHER[c] === 1;
}

/** A name as the reduced text would show it: its kept characters. */
function reducedName(name: string): string {
  let out = '';
  for (const c of name) if (c.length === 1 ? keptCode(c.charCodeAt(0)) : KEPT.test(c)) out += c;
  return out;
}

/** String.fromCharCode over a typed array, in slices an argument list can hold. */
function fromCodes(codes: Uint16Array): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]);
  return out;
}

/** Keeps Han characters and letters; drops the given names and every BOILERPLATE phrase. */
export function reduce(text: string, names: readonly string[] = []): Reduced {
  const codes = new Uint16Array(text.length);
  const at = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!keptCode(c)) continue;
    codes[n] = c;
    at[n++] = i;
  }
  const joined = fromCodes(codes.subarray(0, n));
  // Each phrase marks its occurrences whatever the others marked, so their order does not matter.
  let drop: Uint8Array | null = null;
  const mark = (p: string) => {
    if (p.length < 2) return;
    for (let from = joined.indexOf(p); from !== -1; from = joined.indexOf(p, from + p.length)) (drop ??= new Uint8Array(n)).fill(1, from, from + p.length);
  };
  for (const name of names) mark(reducedName(name));
  for (const p of BOILERPLATE) mark(p);
  if (!drop) return { chars: joined, at: at.slice(0, n) };
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (drop[i]) continue;
    codes[m] = codes[i];
    at[m++] = at[i];
  }
  return { chars: fromCodes(codes.subarray(0, m)), at: at.slice(0, m) };
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

/** hashShingle over character codes. */
function hashCodes(codes: Uint16Array, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + SHINGLE; i++) {
    h ^= codes[i];
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

/** murmur3's finaliser: a bijective 32-bit mixer, so that the smallest hashes are a uniform sample of the shingles. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Signature {
  /** distinct shingles in the text */
  size: number;
  /** the SIGNATURE_SIZE smallest mixed shingle hashes, ascending (all of them for a shorter text) */
  mins: Uint32Array;
}

let sortScratch = new Uint32Array(4096);
let bucketEnds = new Int32Array(4097);

/**
 * Sorts in place, ascending: the values spread into as many buckets as there are values by their top
 * bits, then each bucket sorted (hashes are uniform, so buckets hold one or two). Uint32Array's own
 * sort took ≈ 8 µs for a part's 200 hashes, a third of signing.
 */
function sortUint32(a: Uint32Array): void {
  const n = a.length;
  let bits = 1;
  while (1 << bits < n && bits < 20) bits++;
  const buckets = 1 << bits;
  const shift = 32 - bits;
  if (sortScratch.length < n) sortScratch = new Uint32Array(n);
  if (bucketEnds.length < buckets + 1) bucketEnds = new Int32Array(buckets + 1);
  const ends = bucketEnds;
  ends.fill(0, 0, buckets + 1);
  for (let i = 0; i < n; i++) ends[(a[i] >>> shift) + 1]++;
  for (let d = 1; d <= buckets; d++) ends[d] += ends[d - 1];
  const out = sortScratch;
  for (let i = 0; i < n; i++) out[ends[a[i] >>> shift]++] = a[i];
  a.set(out.subarray(0, n));
  // After the scatter, ends[d] is where bucket d ends and ends[d - 1] where it starts.
  for (let d = 0, lo = 0; d < buckets; lo = ends[d++]) {
    const hi = ends[d];
    if (hi - lo > 16) a.subarray(lo, hi).sort();
    else
      for (let i = lo + 1; i < hi; i++) {
        const v = a[i];
        let j = i - 1;
        while (j >= lo && a[j] > v) a[j + 1] = a[j--];
        a[j + 1] = v;
      }
  }
}

/** The bottom-k signature of mixed shingle hashes (in any order, repeats allowed; sorted here in place). */
function bottomK(hashes: Uint32Array): Signature | null {
  if (hashes.length === 0) return null;
  sortUint32(hashes);
  const mins = new Uint32Array(Math.min(hashes.length, SIGNATURE_SIZE));
  let size = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (i > 0 && hashes[i] === hashes[i - 1]) continue;
    if (size < SIGNATURE_SIZE) mins[size] = hashes[i];
    size++;
  }
  return { size, mins: size < mins.length ? mins.slice(0, size) : mins };
}

/** The signature of a shingle set; null for a text too short to have a shingle. */
export function signature(set: ReadonlySet<number>): Signature | null {
  return bottomK(Uint32Array.from(set, mix));
}

/** The indexes in BOILERPLATE of the phrases that start with a character. */
const BOILERPLATE_BY_FIRST = new Map<number, number[]>();
/** 1 for a character that starts a BOILERPLATE phrase: most characters do not, and a Map lookup per character cost more than the rest. */
const STARTS_BOILERPLATE = new Uint8Array(0x10000);
BOILERPLATE.forEach((p, k) => {
  const first = p.charCodeAt(0);
  BOILERPLATE_BY_FIRST.set(first, [...(BOILERPLATE_BY_FIRST.get(first) ?? []), k]);
  STARTS_BOILERPLATE[first] = 1;
});

/**
 * Signing's working arrays, reused and grown as needed: each report signs two short parts, for which
 * allocating them, building the reduced text and searching it once per phrase cost more than hashing.
 */
let kept = new Uint16Array(4096);
let dropped = new Uint8Array(4096);
let hashes = new Uint32Array(4096);

/**
 * Drops a phrase's occurrences as `reduce` does: for each phrase, its leftmost occurrences that do not
 * overlap one another (what searching on from the end of each one found gives), whatever the others drop.
 */
function dropPhrases(codes: Uint16Array, n: number, drop: Uint8Array, names: readonly string[]): boolean {
  const phrases = [...BOILERPLATE, ...names.map(reducedName).filter((p) => p.length >= 2)];
  const nameFirst = phrases.slice(BOILERPLATE.length).map((p) => p.charCodeAt(0));
  /** where each phrase's last occurrence ends: it may not occur again before */
  const ends = new Int32Array(phrases.length);
  let any = false;
  const drops = (k: number, i: number): void => {
    const p = phrases[k];
    if (ends[k] > i || i + p.length > n) return;
    for (let j = 1; j < p.length; j++) if (codes[i + j] !== p.charCodeAt(j)) return;
    drop.fill(1, i, i + p.length);
    ends[k] = i + p.length;
    any = true;
  };
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (STARTS_BOILERPLATE[c]) for (const k of BOILERPLATE_BY_FIRST.get(c)!) drops(k, i);
    for (let k = 0; k < nameFirst.length; k++) if (nameFirst[k] === c) drops(BOILERPLATE.length + k, i);
  }
  return any;
}

/** signature(shingles(reduce(text, names).chars)), without building the set, the reduced text or its offsets. */
export function signatureOf(text: string | null, names: readonly string[] = []): Signature | null {
  if (!text) return null;
  if (kept.length < text.length) {
    kept = new Uint16Array(text.length);
    dropped = new Uint8Array(text.length);
    hashes = new Uint32Array(text.length);
  }
  const codes = kept;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (keptCode(c)) codes[n++] = c;
  }
  const drop = dropped;
  drop.fill(0, 0, n);
  let m = n;
  if (dropPhrases(codes, n, drop, names)) {
    m = 0;
    for (let i = 0; i < n; i++) if (!drop[i]) codes[m++] = codes[i];
  }
  const count = Math.max(0, m - SHINGLE + 1);
  for (let i = 0; i < count; i++) hashes[i] = mix(hashCodes(codes, i));
  return bottomK(hashes.subarray(0, count));
}

/**
 * Estimated Jaccard resemblance (Broder's bottom-k estimator): of the SIGNATURE_SIZE smallest hashes of
 * the union, the share both texts have. Exact when the union has at most SIGNATURE_SIZE shingles.
 */
export function resemblance(a: Signature, b: Signature): number {
  const both = new Int32Array(a.mins.length + b.mins.length);
  for (let i = 0; i < a.mins.length; i++) both[i] = a.mins[i] ^ ORDERED;
  for (let i = 0; i < b.mins.length; i++) both[a.mins.length + i] = b.mins[i] ^ ORDERED;
  return resemblanceIn(both, 0, a.mins.length, a.mins.length, both.length);
}

/**
 * XORed into a hash, makes int32 order its unsigned order: the comparisons of many signatures read
 * them as int32 (which V8 compares fastest) from one Int32Array.
 */
export const ORDERED = 0x80000000;

/**
 * resemblance of two signatures whose minima, each XOR ORDERED, are mins[x, xEnd) and mins[y, yEnd).
 * Once one side is used up, each further hash of the union is the other's: counted without walking it.
 */
export function resemblanceIn(mins: Int32Array, x: number, xEnd: number, y: number, yEnd: number): number {
  let taken = 0;
  let same = 0;
  while (taken < SIGNATURE_SIZE && x < xEnd && y < yEnd) {
    const a = mins[x];
    const b = mins[y];
    if (a === b) {
      same++;
      x++;
      y++;
    } else if (a < b) x++;
    else y++;
    taken++;
  }
  taken = Math.min(SIGNATURE_SIZE, taken + (xEnd - x) + (yEnd - y));
  return taken === 0 ? 0 : same / taken;
}

/**
 * Estimated share of a's shingles that b also has (containment): from the resemblance J and the set
 * sizes, |a ∩ b| = J (|a| + |b|) / (1 + J). Containment, not resemblance, is what "repeated text"
 * means: a short report copied whole into a long one is wholly repeated.
 */
export function containment(a: Signature, b: Signature): number {
  return containmentOf(resemblance(a, b), a.size, b.size);
}

/** containment from the resemblance and the two texts' distinct shingles (a's first). */
export function containmentOf(j: number, sizeA: number, sizeB: number): number {
  return Math.min(1, (j * (sizeA + sizeB)) / ((1 + j) * sizeA));
}

/**
 * Signature ↔ bytes, for a BLOB column: SIGNATURE_FORMAT (one byte), size (uint32), then the minima
 * (uint32 each), little-endian. The retired format (128 minima of independent hashes, stored as 129
 * uint32 with no format byte) is a multiple of 4 bytes long, which this one never is.
 */
export const SIGNATURE_FORMAT = 2;

export function encodeSignature(s: Signature): Uint8Array {
  const out = new Uint8Array(5 + 4 * s.mins.length);
  const view = new DataView(out.buffer);
  out[0] = SIGNATURE_FORMAT;
  view.setUint32(1, s.size, true);
  for (let i = 0; i < s.mins.length; i++) view.setUint32(5 + 4 * i, s.mins[i], true);
  return out;
}

/** Stored bytes that are not a signature of the current format (which must be signed again) throw. */
export function assertCurrentSignature(bytes: Uint8Array): void {
  if (bytes.byteLength % 4 !== 1 || bytes[0] !== SIGNATURE_FORMAT) throw new Error(`a prose signature of another format (${bytes.byteLength} bytes) was not signed again`);
}

export function decodeSignature(bytes: Uint8Array): Signature {
  assertCurrentSignature(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mins = new Uint32Array((bytes.byteLength - 5) / 4);
  for (let i = 0; i < mins.length; i++) mins[i] = view.getUint32(5 + 4 * i, true);
  return { size: view.getUint32(1, true), mins };
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
