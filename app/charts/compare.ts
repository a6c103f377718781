/**
 * The comparison's charts: (rows, view) → ECharts option, one per panel of the chosen figure group.
 * Three layouts of the same cells, each a set of small plots ("facets"):
 *   bars      — one plot per year, units along the axis, one bar per measure (stacked for a composition);
 *   lines     — one plot per measure, years along the axis, one line per unit;
 *   multiples — one plot per unit, years along the axis, one series per measure.
 * A gap stays a gap (no bar, a break in the line) and the notes under the chart say why. A figure
 * corrected by hand is marked ✎ on its bar or point, in its tooltip and its table cell, and a note
 * under the chart (in every exported image too) says which.
 */
import { MIN_PEERS, quantile } from '../../scripts/ingest/insights/benchmark';
import type { Template } from '../../scripts/ingest/keys';
import { TEMPLATE_LABELS } from '../../scripts/ingest/keys';
import { serializeCompare, yearList, type CompareState, type ViewMode, type YearRange } from '../lib/view-state';
import { CORRECTED_MARK, correctionText, measureCell, percentages, type Cell, type CorrectionMark } from './cells';
import {
  CHART_WIDTH,
  FONT_FAMILY,
  LEGEND_HEIGHT,
  PALETTE,
  footerHeight,
  formatNumber,
  framed,
  headerHeight,
  type ChartMeta,
  type ChartSpec,
  type TableCell,
} from './frame';
import { GAP_LABELS, GROUP_LABELS, panelById, panelsFor, type Panel } from './panels';

export interface CompareUnit {
  key: string;
  name: string;
  county: string | null;
  city: string | null;
  province: string | null;
  synthetic: boolean;
  drill: string | null;
}

/** One unit's current report for one year, with the chosen figures (NULL: blank or not in the format). */
export interface CompareRow {
  unit: string;
  year: number;
  id: number;
  template: Template;
  synthetic: boolean;
  values: Record<string, number | null>;
  /** figure key → its correction by hand, for the figures a person corrected */
  corrected?: Record<string, CorrectionMark>;
}

export interface CompareInput {
  state: CompareState;
  units: CompareUnit[];
  years: YearRange | null;
  rows: CompareRow[];
  withinName: string | null;
  asOf: string | null;
}

export type Layout = Exclude<ViewMode, 'auto'>;

/** Up to 6 units read well as lines; more as small multiples. */
export function resolveLayout(view: ViewMode, units: number, years: number): Layout {
  if (view !== 'auto') return view;
  if (years <= 1) return 'bars';
  return units <= 6 ? 'lines' : 'multiples';
}

/** Names that occur twice get their county (or city) after them. */
export function unitLabels(units: CompareUnit[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const u of units) counts.set(u.name, (counts.get(u.name) ?? 0) + 1);
  return new Map(
    units.map((u) => {
      const where = u.county ?? u.city ?? u.province;
      return [u.key, (counts.get(u.name) ?? 0) > 1 && where && where !== u.name ? `${u.name}（${where}）` : u.name];
    }),
  );
}

interface Grid {
  units: CompareUnit[];
  years: number[];
  labels: Map<string, string>;
  /** cells[unit][year][measure] */
  cell: (unit: string, year: number, measure: number) => Cell;
  /** displayed value (percent of the whole when percent is on) */
  shown: (unit: string, year: number, measure: number) => number | null;
}

function grid(input: CompareInput, panel: Panel, years: number[]): Grid {
  const byKey = new Map(input.rows.map((r) => [`${r.unit}|${r.year}`, r]));
  const cache = new Map<string, Cell[]>();
  const cells = (unit: string, year: number) => {
    const k = `${unit}|${year}`;
    let c = cache.get(k);
    if (!c) {
      c = panel.measures.map((m) => measureCell(m, byKey.get(k)));
      cache.set(k, c);
    }
    return c;
  };
  const percent = panel.composition && input.state.percent;
  return {
    units: input.units,
    years,
    labels: unitLabels(input.units),
    cell: (u, y, m) => cells(u, y)[m],
    shown: (u, y, m) => (percent ? percentages(cells(u, y))[m] : cells(u, y)[m].value),
  };
}

function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const f of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (f * p >= v) return f * p;
  return 10 * p;
}

function listNames(names: string[], max = 6, counter = '个'): string {
  return names.length <= max ? names.join('、') : `${names.slice(0, max).join('、')} 等 ${names.length} ${counter}`;
}

function yearsText(years: number[]): string {
  return years.length === 0 ? '—' : years.length === 1 ? `${years[0]} 年` : `${years[0]}–${years[years.length - 1]} 年`;
}

/** Why values are missing, grouped so that a note stays one line. */
function gapNotes(g: Grid, panel: Panel): string[] {
  const absent = new Map<string, { years: Set<number>; measures: Set<string> }>();
  let blanks = 0;
  const unreadable = new Set<string>();
  const missing: string[] = [];
  for (const u of g.units) {
    for (const y of g.years) {
      panel.measures.forEach((m, i) => {
        const c = g.cell(u.key, y, i);
        if (c.value !== null) return;
        if (c.gap === 'absent') {
          const a = absent.get(c.note) ?? { years: new Set(), measures: new Set() };
          a.years.add(y);
          a.measures.add(m.label);
          absent.set(c.note, a);
        } else if (c.gap === 'blank') blanks++;
        else if (c.gap === 'unreadable') unreadable.add(`${g.labels.get(u.key)} ${y}`);
        else if (i === 0) missing.push(`${g.labels.get(u.key)} ${y}`);
      });
    }
  }
  const notes: string[] = [];
  for (const [note, a] of absent) {
    const ys = [...a.years].sort();
    notes.push(`${ys.join('、')} 年的报告为${note.replace(/没有这一项$/, '')}，没有「${listNames([...a.measures], 3, '项')}」：图中留空，不是 0。`);
  }
  if (blanks > 0) notes.push(`${blanks} 处报告未填写（空白）：图中不画，不是 0。`);
  if (missing.length > 0) notes.push(`没有报告：${listNames(missing, 4)}。`);
  if (unreadable.size > 0) notes.push(`表格未能读取：${listNames([...unreadable], 4)}。`);
  const corrected = correctedCells(g, panel);
  if (corrected.length > 0) notes.push(`${CORRECTED_NOTE}：${listNames(corrected, 4, '处')}；原始解析值见报告页的更正记录。`);
  return notes;
}

/** The note's words; tests and the page look for them. */
export const CORRECTED_NOTE = `含人工更正的数字（${CORRECTED_MARK}）`;

/** `蒋坝镇 2022 年 · 予以公开` for each corrected cell shown. */
function correctedCells(g: Grid, panel: Panel): string[] {
  const out: string[] = [];
  for (const u of g.units) {
    for (const y of g.years) {
      panel.measures.forEach((m, i) => {
        const c = g.cell(u.key, y, i);
        if (c.value !== null && c.corrected) out.push(`${g.labels.get(u.key)} ${y} 年 · ${m.label}`);
      });
    }
  }
  return out;
}

interface Facet {
  title: string;
  categories: string[];
  series: { name: string; color: string; data: Datum[] }[];
  type: 'bar' | 'line';
  stack: boolean;
}

/** One bar or point: its value and report, why it is missing, or who corrected it by hand. */
interface Datum {
  value: number | '-';
  report: number | null;
  gap?: string;
  corrected?: string;
  label?: Record<string, unknown>;
  itemStyle?: Record<string, unknown>;
  symbol?: string;
  symbolSize?: number;
}

/** A corrected bar or point: ✎ above it, a dark dashed outline (a bar) or a larger diamond (a point). */
const CORRECTED_STYLE = {
  label: { show: true, position: 'top', formatter: CORRECTED_MARK, fontSize: 13, color: '#1f2933' },
  itemStyle: { borderColor: '#1f2933', borderWidth: 2, borderType: 'dashed' },
  symbol: 'diamond',
  symbolSize: 11,
} as const;

function item(g: Grid, unit: string, year: number, m: number): Datum {
  const c = g.cell(unit, year, m);
  const v = g.shown(unit, year, m);
  if (c.value === null) return { value: '-', report: c.report, gap: `${GAP_LABELS[c.gap]}：${c.note}` };
  if (c.corrected) return { value: v ?? '-', report: c.report, corrected: correctionText(c.corrected), ...CORRECTED_STYLE };
  return { value: v ?? '-', report: c.report };
}

function facets(g: Grid, panel: Panel, layout: Layout): Facet[] {
  const stack = panel.composition;
  if (layout === 'bars') {
    return g.years.map((year) => ({
      title: `${year} 年`,
      categories: g.units.map((u) => g.labels.get(u.key)!),
      type: 'bar',
      stack,
      series: panel.measures.map((m, i) => ({
        name: m.label,
        color: PALETTE[i % PALETTE.length],
        data: g.units.map((u) => item(g, u.key, year, i)),
      })),
    }));
  }
  if (layout === 'lines') {
    return panel.measures.map((m, i) => ({
      title: m.label,
      categories: g.years.map(String),
      type: 'line',
      stack: false,
      series: g.units.map((u, ui) => ({
        name: g.labels.get(u.key)!,
        color: PALETTE[ui % PALETTE.length],
        data: g.years.map((y) => item(g, u.key, y, i)),
      })),
    }));
  }
  return g.units.map((u) => ({
    title: g.labels.get(u.key)!,
    categories: g.years.map(String),
    type: stack ? 'bar' : 'line',
    stack,
    series: panel.measures.map((m, i) => ({
      name: m.label,
      color: PALETTE[i % PALETTE.length],
      data: g.years.map((y) => item(g, u.key, y, i)),
    })),
  }));
}

/**
 * The peers' benchmark on a bar chart of one year: the median of the compared units' values as a
 * dashed line, their middle 50% as a band, for the first measure (with at least MIN_PEERS values).
 */
export function peerBand(values: readonly (number | '-')[]): { median: number; p25: number; p75: number } | null {
  const sorted = values.filter((v): v is number => v !== '-').sort((a, b) => a - b);
  if (sorted.length < MIN_PEERS) return null;
  return { median: quantile(sorted, 0.5), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75) };
}

const BAND_NOTE = '虚线为所比较单位的中位数，浅灰带为中间 50%（第 25 至第 75 百分位），均按第一项指标计算。';

function maxShown(fs: Facet[]): number {
  let max = 0;
  for (const f of fs) {
    f.categories.forEach((_, ci) => {
      const values = f.series.map((s) => s.data[ci].value).filter((v): v is number => typeof v === 'number');
      const top = f.stack ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values);
      max = Math.max(max, top);
    });
  }
  return max;
}

function describe(meta: Omit<ChartMeta, 'description'>, fs: Facet[], unit: string, layout: Layout): string {
  const kind = layout === 'bars' ? '柱状图' : layout === 'lines' ? '折线图' : '分面小图';
  const f = fs[0];
  let best: { v: number; who: string } | null = null;
  for (const facet of fs) {
    facet.series.forEach((s) =>
      s.data.forEach((d, ci) => {
        if (typeof d.value === 'number' && (!best || d.value > best.v)) best = { v: d.value, who: `${facet.title} · ${s.name} · ${facet.categories[ci]}` };
      }),
    );
  }
  const top = best as { v: number; who: string } | null;
  return [
    `${meta.title}，${kind}，共 ${fs.length} 个小图。`,
    meta.lines.join('；') + '。',
    f ? `横轴为${layout === 'bars' ? '单位' : '年度'}，纵轴单位为${unit}，系列：${listNames(f.series.map((s) => s.name), 8)}。` : '',
    top ? `最大值为 ${formatNumber(top.v, unit)}（${top.who}）。` : '没有可画的数值。',
    meta.notes.join(''),
  ].join('');
}

function selectionText(input: CompareInput, labels: Map<string, string>): string {
  const names = input.units.map((u) => labels.get(u.key)!);
  if (input.state.within && input.withinName) {
    const extra = input.units.length - input.units.filter((u) => !input.state.units.includes(u.key)).length;
    return `单位：${input.withinName}下属全部单位（${input.units.length - extra} 个）${extra > 0 ? `及另选 ${extra} 个` : ''}`;
  }
  return `单位：${listNames(names)}`;
}

function table(g: Grid, panel: Panel, input: CompareInput, unit: string): ChartSpec['table'] {
  const rows: TableCell[][] = [];
  const byKey = new Map(input.rows.map((r) => [`${r.unit}|${r.year}`, r]));
  for (const u of g.units) {
    for (const y of g.years) {
      const r = byKey.get(`${u.key}|${y}`);
      const cells: TableCell[] = [
        { text: g.labels.get(u.key)! + (u.synthetic ? '（合成）' : '') },
        r ? { text: String(y), href: `/reports/${r.id}` } : { text: String(y) },
        { text: r ? TEMPLATE_LABELS[r.template] : '—' },
      ];
      panel.measures.forEach((_, i) => {
        const c = g.cell(u.key, y, i);
        const shown = g.shown(u.key, y, i);
        if (c.value === null) {
          cells.push({ text: GAP_LABELS[c.gap], title: c.note, gap: true });
          return;
        }
        const text = unit === '%' ? `${formatNumber(c.value, '')}（${formatNumber(shown ?? 0, '%')}）` : formatNumber(c.value, '');
        cells.push(c.corrected ? { text: `${text} ${CORRECTED_MARK}`, title: correctionText(c.corrected), corrected: true } : { text });
      });
      rows.push(cells);
    }
  }
  return {
    caption: `${panel.title}：数据表（${unit === '%' ? '件数（占比）' : `单位：${unit}`}）`,
    head: ['单位', '年度', '格式', ...panel.measures.map((m) => m.label)],
    rows,
  };
}

/** % of the image's width left and right of the plots. */
const FACET_MARGIN = 2;

/** One panel's chart, or null when no chosen report prints any of its figures. */
export function compareChart(input: CompareInput, panel: Panel): ChartSpec | null {
  const years = input.years ? yearList(input.years) : [];
  if (input.units.length === 0 || years.length === 0) return null;
  const g = grid(input, panel, years);
  const printed = g.units.some((u) =>
    years.some((y) => panel.measures.some((_, i) => {
      const c = g.cell(u.key, y, i);
      return c.value !== null || c.gap === 'blank';
    })),
  );
  if (!printed) return null;

  const layout = resolveLayout(input.state.view, g.units.length, years.length);
  const percent = panel.composition && input.state.percent;
  const unit = percent ? '%' : panel.unit;
  const fs = facets(g, panel, layout);
  const layoutText = { bars: '柱状图（按年度分图）', lines: '折线图（按指标分图）', multiples: '分面小图（每个单位一图）' }[layout];
  const metaBase = {
    title: panel.title,
    lines: [
      `${selectionText(input, g.labels)}；年度：${yearsText(years)}`,
      `指标：${GROUP_LABELS[input.state.group]}；显示：${percent ? '占比（%）' : `数量（${panel.unit}）`}；${layoutText}`,
    ],
    notes: gapNotes(g, panel),
    asOf: input.asOf,
    synthetic: input.rows.some((r) => r.synthetic),
    decal: input.state.decal,
  };
  const bands = fs.map((f) => (layout === 'bars' && !f.stack && f.series.length ? peerBand(f.series[0].data.map((d) => d.value)) : null));
  if (bands.some((b) => b !== null)) metaBase.notes = [...metaBase.notes, BAND_NOTE];
  const meta: ChartMeta = { ...metaBase, description: describe(metaBase, fs, unit, layout) };

  const cols = fs.length === 1 ? 1 : fs.length <= 4 ? 2 : 3;
  const plotHeight = fs.length === 1 ? 320 : cols === 2 ? 220 : 190;
  const rotate = layout === 'bars' && g.units.length > 6 ? 35 : 0;
  const titleSpace = fs.length > 1 ? 24 : 4;
  const rowHeight = titleSpace + plotHeight + 12;
  const top = headerHeight(meta) + LEGEND_HEIGHT + (fs.length > 1 ? 0 : 16);
  const rows = Math.ceil(fs.length / cols);
  const height = top + rows * rowHeight + footerHeight(meta);
  const colWidth = (100 - 2 * FACET_MARGIN) / cols;
  const yMax = percent ? 100 : niceCeil(maxShown(fs));

  const gridsOut: unknown[] = [];
  const xAxes: unknown[] = [];
  const yAxes: unknown[] = [];
  const series: unknown[] = [];
  const titles: unknown[] = [];
  fs.forEach((f, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const y0 = top + r * rowHeight;
    if (fs.length > 1) {
      titles.push({
        text: f.title,
        left: `${FACET_MARGIN + c * colWidth + 1}%`,
        top: y0,
        textStyle: { fontSize: 13, fontWeight: 'bold', color: '#323f4b', fontFamily: FONT_FAMILY },
      });
    }
    gridsOut.push({ left: `${FACET_MARGIN + c * colWidth + 1}%`, width: `${colWidth - 3}%`, top: y0 + titleSpace, height: plotHeight, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' });
    xAxes.push({
      type: 'category',
      gridIndex: i,
      data: f.categories,
      triggerEvent: layout === 'bars',
      axisLabel: { rotate, interval: 0, fontSize: 11, color: '#3e4c59', fontFamily: FONT_FAMILY },
      axisTick: { alignWithLabel: true },
    });
    yAxes.push({
      type: 'value',
      gridIndex: i,
      max: yMax,
      min: 0,
      // counts are whole numbers: no 0.2 件 ticks
      minInterval: unit === '件' ? 1 : undefined,
      name: i % cols === 0 ? unit : '',
      nameTextStyle: { color: '#52606d', fontSize: 11, align: 'right' },
      axisLabel: { fontSize: 11, color: '#52606d' },
      splitLine: { lineStyle: { color: '#e4e7eb' } },
    });
    const band = bands[i];
    for (const [si, s] of f.series.entries()) {
      const marks =
        band && si === 0
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                data: [{ yAxis: band.median, name: '中位数' }],
                lineStyle: { type: 'dashed', color: '#52606d', width: 1 },
                label: { formatter: '中位数 {c}', fontSize: 10, color: '#52606d', position: 'insideEndTop' },
              },
              markArea: { silent: true, itemStyle: { color: 'rgba(82, 96, 109, 0.10)' }, data: [[{ yAxis: band.p25, name: '中间 50%' }, { yAxis: band.p75 }]] },
            }
          : {};
      series.push({
        ...marks,
        type: f.type,
        name: s.name,
        xAxisIndex: i,
        yAxisIndex: i,
        data: s.data,
        stack: f.stack ? `stack${i}` : undefined,
        itemStyle: { color: s.color },
        lineStyle: f.type === 'line' ? { color: s.color, width: 2 } : undefined,
        symbolSize: f.type === 'line' ? 6 : undefined,
        connectNulls: false,
        barMaxWidth: 36,
        emphasis: { focus: 'series' },
      });
    }
  });

  const legendNames = fs[0]?.series.map((s) => s.name) ?? [];
  const option = framed(
    meta,
    {
      legend: {
        type: legendNames.length > 8 ? 'scroll' : 'plain',
        top: headerHeight(meta),
        left: 16,
        right: meta.synthetic ? 130 : 16,
        data: legendNames,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontSize: 12, color: '#323f4b' },
      },
      grid: gridsOut,
      xAxis: xAxes,
      yAxis: yAxes,
      series,
    },
    titles,
  );
  const drill: Record<string, string> = {};
  if (layout === 'bars') {
    for (const u of g.units) {
      if (u.drill) drill[g.labels.get(u.key)!] = `/compare${serializeCompare({ ...input.state, units: [], within: u.drill })}`;
    }
  }
  return {
    name: `compare-${panel.id}`,
    title: panel.title,
    width: CHART_WIDTH,
    height,
    option,
    table: table(g, panel, input, unit),
    drill,
    ...(fs.length > 1 ? { facets: { cols, margin: FACET_MARGIN, top, rowHeight, titleSpace, bottom: footerHeight(meta), unit } } : {}),
  };
}

export function compareCharts(input: CompareInput): ChartSpec[] {
  return panelsFor(input.state.group)
    .map((p) => compareChart(input, p))
    .filter((c): c is ChartSpec => c !== null);
}

/** The panel behind /charts/compare-<panel>.svg. */
export function comparePanel(name: string): Panel | undefined {
  return name.startsWith('compare-') ? panelById(name.slice('compare-'.length)) : undefined;
}
