/** How figures read in the UI: grouped digits, and a blank that never looks like a zero. */
import type { Figure } from '../../scripts/ingest/report';

export const BLANK_MARK = '—';
export const BLANK_TITLE = '空白：报告中此格未填写（不是 0）';

const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });

export function formatFigure(v: Figure | undefined): string {
  if (v === null || v === undefined) return BLANK_MARK;
  return grouped.format(v);
}
