/**
 * Many signatures compared at once: laid end to end in one Int32Array, read straight from their
 * stored bytes, and a group's every two of them compared without walking every pair. Of the 3.4
 * million pairs of the national corpus's reports of one county, year and part, 99 % share too few of
 * their smallest hashes to reach SIMILARITY_FLOOR whatever the rest of the union holds: the hashes the group's
 * signatures have in common are counted for every pair in one pass over the group, and only the
 * pairs whose count can reach the floor are compared in full (resemblanceIn).
 */
import { ORDERED, SIGNATURE_SIZE, SIMILARITY_FLOOR, assertCurrentSignature, containmentOf, resemblanceIn } from './similarity';

export interface PackedSignatures {
  /** signature i's minima, each XOR ORDERED, are mins[start[i], start[i + 1]) */
  start: Int32Array;
  mins: Int32Array;
  /** signature i's distinct shingles */
  size: Float64Array;
}

/** Signatures as encodeSignature stores them, packed. */
export function packSignatures(stored: readonly Uint8Array[]): PackedSignatures {
  const start = new Int32Array(stored.length + 1);
  for (let i = 0; i < stored.length; i++) {
    assertCurrentSignature(stored[i]);
    start[i + 1] = start[i] + (stored[i].byteLength - 5) / 4;
  }
  const mins = new Int32Array(start[stored.length]);
  const size = new Float64Array(stored.length);
  const ordered = ORDERED;
  for (let i = 0; i < stored.length; i++) {
    const bytes = stored[i];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    size[i] = view.getUint32(1, true);
    const end = bytes.byteLength;
    for (let at = start[i], k = 5; k < end; at++, k += 4) mins[at] = view.getInt32(k, true) ^ ordered;
  }
  return { start, mins, size };
}

/** containment of a in b (signatures of p), when it reaches SIMILARITY_FLOOR; else null. */
export function similarShare(p: PackedSignatures, a: number, b: number): number | null {
  const share = containmentOf(resemblanceIn(p.mins, p.start[a], p.start[a + 1], p.start[b], p.start[b + 1]), p.size[a], p.size[b]);
  return share >= SIMILARITY_FLOOR ? share : null;
}

/**
 * Below the floor by more than floating point can err: a pair whose upper bound is under it is
 * certainly under it, whatever the rounding of the exact computation.
 */
const FLOOR_MARGIN = 1e-9;

/** The hash table of a group's minima, reused from group to group (sized for the largest yet). */
let keys = new Int32Array(0);
/** which group's entry a slot holds: slots of earlier groups count as empty, so nothing is cleared */
let stamps = new Int32Array(0);
/** the last entry of the slot's hash: entries chain back through `next` */
let heads = new Int32Array(0);
let owners = new Int32Array(0);
let next = new Int32Array(0);
let common = new Int32Array(0);
let group = 0;

function reserve(values: number, members: number): void {
  if (keys.length < 2 * values) {
    const slots = 1 << Math.ceil(Math.log2(2 * values));
    keys = new Int32Array(slots);
    stamps = new Int32Array(slots);
    heads = new Int32Array(slots);
    group = 0;
  }
  if (owners.length < values) {
    owners = new Int32Array(values);
    next = new Int32Array(values);
  }
  if (common.length < members * members) common = new Int32Array(members * members);
}

/**
 * Every ordered pair (a, b) of signatures from..to-1 of p whose containment of a in b reaches
 * SIMILARITY_FLOOR, given to `found` with its share: the same pairs and shares as similarShare on
 * every pair, comparing in full only those whose common minima allow it.
 */
export function similarWithin(p: PackedSignatures, from: number, to: number, found: (a: number, b: number, share: number) => void): void {
  const n = to - from;
  if (n < 2) return;
  reserve(p.start[to] - p.start[from], n);
  // Module-level and imported bindings read through locals: in the loops, each read of one cost more than the work.
  const { start, mins } = p;
  const [slotKeys, slotStamps, slotHeads, entryOwners, entryNext, counts] = [keys, stamps, heads, owners, next, common];
  const mask = slotKeys.length - 1;
  const stamp = ++group;
  counts.fill(0, 0, n * n);
  // counts[a * n + b] (a < b): how many minima a and b have in common.
  for (let m = 0, entry = 0; m < n; m++) {
    for (let k = start[from + m], end = start[from + m + 1]; k < end; k++) {
      const v = mins[k];
      let slot = v & mask;
      while (slotStamps[slot] === stamp && slotKeys[slot] !== v) slot = (slot + 1) & mask;
      if (slotStamps[slot] !== stamp) {
        slotStamps[slot] = stamp;
        slotKeys[slot] = v;
        slotHeads[slot] = -1;
      }
      for (let e = slotHeads[slot]; e !== -1; e = entryNext[e]) counts[entryOwners[e] * n + m]++;
      entryOwners[entry] = m;
      entryNext[entry] = slotHeads[slot];
      slotHeads[slot] = entry++;
    }
  }
  const { size } = p;
  const [floor, k, containmentIn] = [SIMILARITY_FLOOR, SIGNATURE_SIZE, containmentOf];
  for (let i = 0; i < n; i++) {
    const a = from + i;
    const lengthA = start[a + 1] - start[a];
    for (let j = i + 1; j < n; j++) {
      const shared = counts[i * n + j];
      if (shared === 0) continue;
      const b = from + j;
      // The resemblance counts at most the shared minima, out of min(SIGNATURE_SIZE, the union's minima).
      const most = shared / Math.min(k, lengthA + start[b + 1] - start[b] - shared);
      if (Math.max(containmentIn(most, size[a], size[b]), containmentIn(most, size[b], size[a])) < floor - FLOOR_MARGIN) continue;
      const r = resemblanceIn(mins, start[a], start[a + 1], start[b], start[b + 1]);
      const ab = containmentIn(r, size[a], size[b]);
      if (ab >= floor) found(a, b, ab);
      const ba = containmentIn(r, size[b], size[a]);
      if (ba >= floor) found(b, a, ba);
    }
  }
}
