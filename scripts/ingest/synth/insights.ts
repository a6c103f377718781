/**
 * What the synthetic corpus plants for the supervisor insights, decided per unit and year from the
 * seed (independently of the figures, so the planted check errors stay as they were):
 *
 * - copies: the prose of a report drawn with the same choices as another's — its organ's report of
 *   the year before, or another unit's of the same county and year — so only names and figures differ;
 * - late reports: published after the deadline (31 January of the year after);
 * - undated reports: no published date printed (unknown, not late).
 */
import { daysLate, publicationDeadline } from '../metrics';
import { int, rngFor } from './prng';

export const COPY_RATE = 0.08;
export const LATE_RATE = 0.06;
export const UNDATED_RATE = 0.02;

export type InsightPlant =
  | { kind: 'copy'; of: 'previous_year' | 'same_year'; source_code: string; source_year: number }
  | { kind: 'late'; published: string; days_late: number }
  | { kind: 'undated' };

export interface InsightRecord {
  file: string;
  code: string;
  year: number;
  plant: InsightPlant;
}

type CopyDecision = { of: 'previous_year' } | { of: 'same_year'; from: string } | null;

function copyDecision(seed: string, code: string, year: number, years: readonly number[], siblings: readonly string[]): CopyDecision {
  const rng = rngFor(seed, 'insight-copy', code, year);
  const r = rng();
  if (r < COPY_RATE / 2) return years.includes(year - 1) ? { of: 'previous_year' } : null;
  if (r >= COPY_RATE) return null;
  // a unit that copies nobody itself, so a copy is always one step from its text
  const sources = siblings.filter((s) => s !== code && copyDecisionShallow(seed, s, year) === null);
  return sources.length ? { of: 'same_year', from: sources[int(rng, 0, sources.length - 1)] } : null;
}

/** Whether a unit copies in a year at all (without choosing whom). */
function copyDecisionShallow(seed: string, code: string, year: number): 'copies' | null {
  return rngFor(seed, 'insight-copy', code, year)() < COPY_RATE ? 'copies' : null;
}

/** The unit and year whose prose choices a report uses: its own, or those of the text it copies. */
export function proseSource(
  seed: string,
  code: string,
  year: number,
  years: readonly number[],
  siblings: readonly string[],
): { code: string; year: number; plant: InsightPlant | null } {
  const d = copyDecision(seed, code, year, years, siblings);
  if (!d) return { code, year, plant: null };
  if (d.of === 'previous_year') {
    const src = proseSource(seed, code, year - 1, years, siblings);
    return { code: src.code, year: src.year, plant: { kind: 'copy', of: 'previous_year', source_code: code, source_year: year - 1 } };
  }
  return { code: d.from, year, plant: { kind: 'copy', of: 'same_year', source_code: d.from, source_year: year } };
}

/** The published date of a report: mostly in January of the year after, some late, some not printed. */
export function publishedDate(seed: string, code: string, year: number): { published: string | null; plant: InsightPlant | null } {
  const rng = rngFor(seed, 'published', code, year);
  const r = rng();
  if (r < UNDATED_RATE) return { published: null, plant: { kind: 'undated' } };
  if (r < UNDATED_RATE + LATE_RATE) {
    const month = int(rng, 2, 6);
    const published = `${year + 1}-${String(month).padStart(2, '0')}-${String(int(rng, 1, 28)).padStart(2, '0')}`;
    return { published, plant: { kind: 'late', published, days_late: daysLate(year, published) } };
  }
  const day = int(rng, 5, Number(publicationDeadline(year).slice(-2)));
  return { published: `${year + 1}-01-${String(day).padStart(2, '0')}`, plant: null };
}
