/**
 * A unit against its peers (the same county or city, the same level, the same year): where its value
 * sits among theirs. Quantiles interpolate linearly between order statistics (DuckDB's quantile_cont,
 * R's type 7), so the figures agree with SQL on the same numbers.
 */

export interface Benchmark {
  /** peers with a value, the unit included */
  n: number;
  median: number;
  p25: number;
  p75: number;
  /** 1 = the highest value; ties share the better rank */
  rank: number;
  /** share of peers below, ties counted half: 0–100 */
  percentile: number;
  /** beyond Tukey's far-out fences (3 × IQR from the middle-50% band), with at least MIN_PEERS values */
  outlier: 'high' | 'low' | null;
}

export const MIN_PEERS = 5;
export const FENCE = 3;

export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Where `value` sits among `values` (which include it); null when there is nothing to compare. */
export function benchmark(value: number, values: readonly number[]): Benchmark | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const p25 = quantile(sorted, 0.25);
  const p75 = quantile(sorted, 0.75);
  const below = sorted.filter((v) => v < value).length;
  const equal = sorted.filter((v) => v === value).length;
  const above = sorted.length - below - equal;
  const iqr = p75 - p25;
  let outlier: Benchmark['outlier'] = null;
  if (sorted.length >= MIN_PEERS) {
    if (value > p75 + FENCE * iqr) outlier = 'high';
    else if (value < p25 - FENCE * iqr) outlier = 'low';
  }
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25,
    p75,
    rank: above + 1,
    percentile: ((below + equal / 2) / sorted.length) * 100,
    outlier,
  };
}
