/**
 * What every chart carries so that an image pasted into a document explains itself: title, the units,
 * years and filters, notes on gaps, the source line with the data's date, the synthetic badge, a
 * Chinese aria description and optional decal patterns. Plain data only (no functions), so the same
 * option renders in the browser and on the server.
 */
import { SYNTHETIC_BADGE } from '../../scripts/ingest/keys';

export const CHART_WIDTH = 960;
export const FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans S Chinese', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
export const PALETTE = ['#2f6fb3', '#e07b39', '#3a9e6f', '#c2415b', '#7b61b8', '#8c6d46', '#d4a72c', '#4f9fb8', '#9a9a9a', '#5a6b2f'];
const INK = '#1f2933';
const MUTED = '#52606d';

export interface ChartMeta {
  title: string;
  /** what was chosen: units, years, filters, display — one line each */
  lines: string[];
  /** why some values are missing (never zeros) */
  notes: string[];
  asOf: string | null;
  synthetic: boolean;
  decal: boolean;
  /** the Chinese aria description: what the chart shows, in words */
  description: string;
}

export interface TableCell {
  text: string;
  title?: string;
  href?: string;
  gap?: boolean;
  /** a figure corrected by hand (its title says who, when and why) */
  corrected?: boolean;
}

export interface DataTable {
  caption: string;
  head: string[];
  rows: TableCell[][];
}

export interface ChartSpec {
  /** the name in /charts/<name>.svg */
  name: string;
  title: string;
  width: number;
  height: number;
  option: Record<string, unknown>;
  table: DataTable;
  /** axis category → where a click on it goes (a county → its townships) */
  drill: Record<string, string>;
  /** small multiples: where the option's plots sit, so that a page can draw each in its own instance */
  facets?: FacetLayout;
}

/**
 * The grid of small plots in a composed option: plot i is grid i, axes i and the series on them,
 * with title i + 1, in row ⌊i / cols⌋ and column i mod cols.
 */
export interface FacetLayout {
  cols: number;
  /** % of the width left and right of the columns (each column is (100 − 2 · margin) / cols %) */
  margin: number;
  /** px above the first row: title, selection lines and legend */
  top: number;
  /** px per row of plots, the plot's own title included */
  rowHeight: number;
  /** px of a plot's own title above its grid */
  titleSpace: number;
  /** px below the last row: notes and source line */
  bottom: number;
  /** the value axis's unit, said in each plot's description */
  unit: string;
}

export function sourceLine(meta: Pick<ChartMeta, 'asOf' | 'synthetic'>): string {
  return `来源：Nianbao 年报（政府信息公开工作年度报告）· 数据截至 ${meta.asOf ?? '—'}${meta.synthetic ? ` · 含${SYNTHETIC_BADGE}` : ''}`;
}

/** Heights of the parts around the plot, in px. */
export function headerHeight(meta: ChartMeta): number {
  return 16 + 26 + meta.lines.length * 18 + 8;
}

export const LEGEND_HEIGHT = 30;

export function footerHeight(meta: ChartMeta): number {
  return 14 + meta.notes.length * 17 + 22;
}

/** The option's frame around the plot's own grids, axes and series. */
export function framed(meta: ChartMeta, body: Record<string, unknown>, extraTitles: unknown[] = []): Record<string, unknown> {
  const graphics: unknown[] = [
    {
      type: 'text',
      left: 16,
      bottom: 12,
      style: { text: sourceLine(meta), fill: MUTED, font: `12px ${FONT_FAMILY}` },
    },
  ];
  meta.notes.forEach((note, i) => {
    graphics.push({
      type: 'text',
      left: 16,
      bottom: 12 + 20 + (meta.notes.length - 1 - i) * 17,
      style: { text: `注：${note}`, fill: MUTED, font: `12px ${FONT_FAMILY}` },
    });
  });
  if (meta.synthetic) {
    graphics.push({
      type: 'group',
      right: 16,
      top: 16,
      children: [
        { type: 'rect', shape: { x: 0, y: 0, width: 104, height: 24, r: 3 }, style: { fill: '#fff4e5', stroke: '#f5c27a' } },
        { type: 'text', x: 52, y: 12, style: { text: SYNTHETIC_BADGE, fill: '#8a4b00', font: `bold 13px ${FONT_FAMILY}`, align: 'center', verticalAlign: 'middle' } },
      ],
    });
  }
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: { fontFamily: FONT_FAMILY, color: INK },
    aria: { enabled: true, label: { enabled: true, description: meta.description }, decal: { show: meta.decal } },
    title: [
      {
        text: meta.title,
        left: 16,
        top: 14,
        textStyle: { fontSize: 18, fontWeight: 'bold', color: INK, fontFamily: FONT_FAMILY },
        subtext: meta.lines.join('\n'),
        subtextStyle: { fontSize: 12, color: MUTED, lineHeight: 18, fontFamily: FONT_FAMILY },
        itemGap: 8,
      },
      ...extraTitles,
    ],
    graphic: graphics,
    ...body,
  };
}

/** One formatter for all: making one costs more than formatting thousands of numbers with it. */
const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** Numbers as the UI prints them, for tables and descriptions. */
export function formatNumber(v: number, unit: string): string {
  const text = NUMBER.format(v);
  return unit === '%' ? `${text}%` : text;
}
