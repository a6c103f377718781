/**
 * A tiny seeded random source. Every synthetic choice (figures, layout, blank style) draws from
 * a stream seeded by a string such as `seed:unitCode`, so one unit's output never depends on which
 * other units were generated or in what order.
 */

export type Rng = () => number;

/** 32-bit FNV-1a of a string: turns a seed string into a stream seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: uniform in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function rngFor(...parts: (string | number)[]): Rng {
  return mulberry32(hashString(parts.join(':')));
}

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** Picks a key with probability proportional to its weight. */
export function weighted<K extends string>(rng: Rng, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  let x = rng() * sum;
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[entries.length - 1][0];
}

export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Poisson draw; a normal approximation above 60 keeps busy units cheap. */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** Splits n into parts by the given weights (a multinomial draw). */
export function multinomial(rng: Rng, n: number, weights: readonly number[]): number[] {
  const out = new Array<number>(weights.length).fill(0);
  if (n <= 0) return out;
  const total = weights.reduce((s, w) => s + w, 0);
  if (n < weights.length) {
    // few items: one categorical draw each is cheaper than a binomial per part
    for (let i = 0; i < n; i++) {
      let x = rng() * total;
      let j = 0;
      while (j < weights.length - 1 && (x -= weights[j]) >= 0) j++;
      out[j]++;
    }
    return out;
  }
  let rest = n;
  let wRest = total;
  for (let i = 0; i < weights.length - 1 && rest > 0; i++) {
    const p = wRest > 0 ? weights[i] / wRest : 0;
    const k = binomial(rng, rest, p);
    out[i] = k;
    rest -= k;
    wRest -= weights[i];
  }
  out[weights.length - 1] += rest;
  return out;
}

/** Binomial draw: inversion (expected n·p steps) for small means, a normal approximation above. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n * p > 30) {
    const sd = Math.sqrt(n * p * (1 - p));
    return Math.min(n, Math.max(0, Math.round(n * p + sd * normal(rng))));
  }
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.pow(q, n);
  let u = rng();
  let x = 0;
  while (u > r && x < n) {
    u -= r;
    x++;
    r *= a / x - s;
  }
  return x;
}
