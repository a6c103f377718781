/**
 * One measure of one report: a number, or a gap that says why (the format lacks the figure, the
 * cell is blank, there is no report, the table could not be read). Never a zero for a gap.
 */
import type { Template } from '../../scripts/ingest/keys';
import { gapNote, keyFormats, type Gap, type Measure } from './panels';

/** A figure a person corrected by hand (scripts/ingest/load/corrections.ts): the standing change. */
export interface CorrectionMark {
  who: string;
  /** local time, `YYYY-MM-DD HH:MM:SS` */
  at: string;
  reason: string;
}

export interface ValuesRow {
  id: number;
  template: Template;
  synthetic: boolean;
  values: Record<string, number | null>;
  /** figure key → its correction by hand, for the keys of `values` a person corrected */
  corrected?: Record<string, CorrectionMark>;
}

export type Cell =
  | { value: number; report: number; synthetic: boolean; corrected?: CorrectionMark[] }
  | { value: null; gap: Gap; note: string; report: number | null; synthetic: boolean };

function printed(keys: string[], template: Template): boolean | null {
  if (template !== '2021' && template !== '2019') return null;
  return keys.every((k) => keyFormats(k).includes(template));
}

export function measureCell(m: Measure, row: ValuesRow | undefined): Cell {
  if (!row) return { value: null, gap: 'no_report', note: gapNote('no_report', null), report: null, synthetic: false };
  let applicable = false;
  for (const keys of m.sources) {
    const inFormat = printed(keys, row.template);
    if (inFormat === false) continue;
    applicable ||= inFormat === true;
    const present = keys.map((k) => row.values[k]).filter((v): v is number => v !== null && v !== undefined);
    if (present.length > 0) {
      const value = present.reduce((a, b) => a + b, 0);
      const corrected = keys.map((k) => row.corrected?.[k]).filter((c): c is CorrectionMark => c !== undefined);
      return { value, report: row.id, synthetic: row.synthetic, ...(corrected.length ? { corrected } : {}) };
    }
  }
  const gap: Gap = applicable ? 'blank' : printed(m.sources[0], row.template) === false ? 'absent' : row.template === 'hybrid' ? 'blank' : 'unreadable';
  return { value: null, gap, note: gapNote(gap, row.template), report: row.id, synthetic: row.synthetic };
}

/** Each measure's share of the whole (percent); the whole is the sum of the numbers present. */
export function percentages(cells: Cell[]): (number | null)[] {
  const total = cells.reduce((sum, c) => sum + (c.value ?? 0), 0);
  const any = cells.some((c) => c.value !== null);
  return cells.map((c) => (c.value === null || !any ? null : total === 0 ? 0 : Math.round((c.value / total) * 1000) / 10));
}

/** The mark of a corrected figure, where tables and charts show it. */
export const CORRECTED_MARK = '✎';

/** `人工更正：王审核 2024-05-01 10:00:00（原件扫描不清）`, one line per change. */
export function correctionText(marks: readonly CorrectionMark[]): string {
  return marks.map((m) => `人工更正：${m.who} ${m.at}（${m.reason}）`).join('\n');
}
