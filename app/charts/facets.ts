/**
 * Small multiples, one plot per ECharts instance. One `setOption` of 50 plots holds the browser's
 * main thread for 200–340 ms; 50 instances, each drawn when it nears the window, take a few ms each.
 * The composed option stays what images are made of (the server's and the page's exports); this
 * splits it, without changing a datum, into a head (title, selection lines, legend, badge), one
 * option per plot and a foot (notes and source line).
 */
import { formatNumber, type ChartSpec } from './frame';

type Obj = Record<string, unknown>;

export interface Surface {
  option: Obj;
  /** px; the width is the page's */
  height: number;
  /** what it shows, in Chinese, for a screen reader */
  description: string;
}

export interface FacetPanel extends Surface {
  /** the plot's own title: the unit (or year, or measure) it shows */
  title: string;
}

export interface SplitChart {
  cols: number;
  /** % of the width left and right of the columns, as in the composed image */
  margin: number;
  head: Surface;
  panels: FacetPanel[];
  foot: Surface;
}

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v : v == null ? [] : [v]) as Obj[];
const pct = (v: unknown): number => parseFloat(String(v));

interface Datum {
  value: number | '-';
  gap?: string;
  corrected?: string;
}

function describePanel(chartTitle: string, title: string, index: number, count: number, unit: string, categories: string[], series: Obj[]): string {
  const kind = series.some((s) => s.type === 'bar') ? '柱状图' : '折线图';
  const values = series.map((s) => {
    const items = (s.data as Datum[]).map((d, ci) => {
      const text = typeof d.value === 'number' ? formatNumber(d.value, unit) : (d.gap ?? '无数值');
      const at = /^\d{4}$/.test(categories[ci]) ? `${categories[ci]} 年` : categories[ci];
      return `${at} ${text}${d.corrected ? '（人工更正）' : ''}`;
    });
    return `${String(s.name)}：${items.join('，')}。`;
  });
  return `${title}：${chartTitle}，第 ${index + 1} 个小图（共 ${count} 个），${kind}，纵轴单位为${unit}。${values.join('')}`;
}

/** The chart's plots as separate options, or null when it is one plot. */
export function splitFacets(spec: ChartSpec): SplitChart | null {
  const layout = spec.facets;
  if (!layout) return null;
  const { title, legend, grid, xAxis, yAxis, series, graphic, aria, ...base } = spec.option;
  const titles = list(title);
  const grids = list(grid);
  const xAxes = list(xAxis);
  const yAxes = list(yAxis);
  const allSeries = list(series);
  const graphics = list(graphic);
  const ariaOption = (aria ?? {}) as Obj;
  const withAria = (description: string): Obj => ({ ...ariaOption, label: { ...((ariaOption.label ?? {}) as Obj), description } });
  const colWidth = (100 - 2 * layout.margin) / layout.cols;
  /** a % of the composed image's width as a % of the plot's column */
  const inColumn = (v: unknown, col: number) => `${((pct(v) - layout.margin - col * colWidth) / colWidth) * 100}%`;

  const panels = grids.map((g, i): FacetPanel => {
    const col = i % layout.cols;
    const y0 = layout.top + Math.floor(i / layout.cols) * layout.rowHeight;
    const plotTitle = titles[i + 1] ?? { text: '' };
    const own = allSeries.filter((s) => (s.xAxisIndex ?? 0) === i).map((s) => ({ ...s, xAxisIndex: 0, yAxisIndex: 0 }));
    const categories = ((xAxes[i].data ?? []) as unknown[]).map(String);
    const description = describePanel(spec.title, String(plotTitle.text), i, grids.length, layout.unit, categories, own);
    return {
      title: String(plotTitle.text),
      height: layout.rowHeight,
      description,
      option: {
        ...base,
        aria: withAria(description),
        title: [{ ...plotTitle, left: inColumn(plotTitle.left, col), top: pct(plotTitle.top) - y0 }],
        // not shown: it carries the head legend's choice of series into every plot
        legend: { show: false, data: (legend as Obj | undefined)?.data ?? [] },
        grid: [{ ...g, left: inColumn(g.left, col), width: `${(pct(g.width) / colWidth) * 100}%`, top: pct(g.top) - y0 }],
        xAxis: [{ ...xAxes[i], gridIndex: 0 }],
        yAxis: [{ ...yAxes[i], gridIndex: 0 }],
        series: own,
      },
    };
  });

  const seriesOf = (p: FacetPanel | undefined) => (p ? list(p.option.series) : []);
  // what is placed from the image's bottom belongs to the foot, the rest to the head
  const atFoot = (g: Obj) => g.bottom !== undefined;
  const footGraphics = graphics.filter(atFoot);
  // in reading order: from the top of the foot down
  const footText = [...footGraphics]
    .sort((a, b) => pct(b.bottom) - pct(a.bottom))
    .map((g) => String((g.style as Obj | undefined)?.text ?? ''))
    .filter(Boolean)
    .join(' ');
  return {
    cols: layout.cols,
    margin: layout.margin,
    head: {
      height: layout.top,
      description: String(((ariaOption.label ?? {}) as Obj).description ?? spec.title),
      option: {
        ...base,
        aria: ariaOption,
        title: [titles[0]],
        legend,
        graphic: graphics.filter((g) => !atFoot(g)),
        // a legend lists only series its chart has: the first plot's, empty, on axes not shown
        grid: [{ show: false, left: 0, top: 0, width: 1, height: 1 }],
        xAxis: [{ type: 'category', show: false }],
        yAxis: [{ type: 'value', show: false }],
        series: seriesOf(panels[0]).map(({ markLine, markArea, ...s }) => ({ ...s, data: [], silent: true })),
      },
    },
    panels,
    foot: { height: layout.bottom, description: footText, option: { ...base, aria: withAria(footText), graphic: footGraphics } },
  };
}
