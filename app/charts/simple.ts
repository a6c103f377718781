/** One plot with categories along the axis and a few series: the overview's and the quality page's charts. */
import { CHART_WIDTH, FONT_FAMILY, LEGEND_HEIGHT, PALETTE, footerHeight, formatNumber, framed, headerHeight, type ChartMeta, type ChartSpec, type DataTable } from './frame';

export interface SimpleSeries {
  name: string;
  type: 'bar' | 'line';
  /** null is a gap (drawn as nothing), never 0 */
  data: (number | null)[];
  /** where a click on each point goes */
  links?: (string | null)[];
  stack?: string;
}

export interface SimpleChartInput {
  name: string;
  title: string;
  categories: string[];
  categoryName: string;
  unit: string;
  series: SimpleSeries[];
  meta: Omit<ChartMeta, 'description' | 'title'>;
  rotate?: number;
  /** wrap category labels at this width (px) */
  labelWidth?: number;
}

function describe(input: SimpleChartInput): string {
  const parts = input.series.map((s) => {
    const shown = s.data
      .map((v, i) => (v === null ? `${input.categories[i]} 无数据` : `${input.categories[i]} ${formatNumber(v, input.unit)}`))
      .join('，');
    return `${s.name}：${shown}`;
  });
  return `${input.title}。${input.meta.lines.join('；')}。横轴为${input.categoryName}，纵轴单位为${input.unit}。${parts.join('。')}。${input.meta.notes.join('')}`;
}

export function simpleChart(input: SimpleChartInput): ChartSpec {
  const meta: ChartMeta = { ...input.meta, title: input.title, description: describe(input) };
  const plotHeight = 300;
  const top = headerHeight(meta) + LEGEND_HEIGHT + 16;
  const height = top + plotHeight + 20 + footerHeight(meta);
  const option = framed(meta, {
    legend: { top: headerHeight(meta), left: 16, right: meta.synthetic ? 130 : 16, data: input.series.map((s) => s.name), textStyle: { fontSize: 12 } },
    grid: [{ left: '3%', right: '3%', top, height: plotHeight, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' }],
    xAxis: [
      {
        type: 'category',
        data: input.categories,
        axisLabel: {
          interval: 0,
          rotate: input.rotate ?? 0,
          fontSize: 11,
          color: '#3e4c59',
          fontFamily: FONT_FAMILY,
          ...(input.labelWidth ? { width: input.labelWidth, overflow: 'break', lineHeight: 15 } : {}),
        },
        axisTick: { alignWithLabel: true },
      },
    ],
    yAxis: [{ type: 'value', min: 0, minInterval: input.unit === '万元' || input.unit === '%' ? undefined : 1, name: input.unit, nameTextStyle: { color: '#52606d', fontSize: 11, align: 'right' }, splitLine: { lineStyle: { color: '#e4e7eb' } } }],
    series: input.series.map((s, i) => ({
      type: s.type,
      name: s.name,
      stack: s.stack,
      data: s.data.map((v, j) => ({ value: v ?? '-', href: s.links?.[j] ?? null })),
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      lineStyle: s.type === 'line' ? { width: 2, color: PALETTE[i % PALETTE.length] } : undefined,
      symbolSize: s.type === 'line' ? 7 : undefined,
      barMaxWidth: 40,
      connectNulls: false,
    })),
  });
  const table: DataTable = {
    caption: `${input.title}：数据表（单位：${input.unit}）`,
    head: [input.categoryName, ...input.series.map((s) => s.name)],
    rows: input.categories.map((c, i) => [
      { text: c },
      ...input.series.map((s) => {
        const v = s.data[i];
        const href = s.links?.[i] ?? undefined;
        return v === null ? { text: '无数据', gap: true } : { text: formatNumber(v, ''), ...(href ? { href } : {}) };
      }),
    ]),
  };
  return { name: input.name, title: input.title, width: CHART_WIDTH, height, option, table, drill: {} };
}
