/** Small multiples split into one option per plot (pure): nothing lost, nothing moved, nothing made up. */
import { describe, expect, it } from 'vitest';
import { compareChart, type CompareInput, type CompareUnit } from '../../app/charts/compare';
import { splitFacets } from '../../app/charts/facets';
import { panelById } from '../../app/charts/panels';
import { COMPARE_DEFAULTS } from '../../app/lib/view-state';

const outcomes = panelById('outcomes')!;
const received = panelById('received')!;
const YEARS = { from: 2019, to: 2021 };

/** Seven townships (more than six: small multiples), three years, with a gap, a blank and a correction. */
function input(percent = false): CompareInput {
  const names = ['蒋坝镇', '岔河镇', '西顺河镇', '老子山镇', '三河镇', '共和镇', '黄集街道'];
  const units: CompareUnit[] = names.map((name, i) => ({ key: `32081310${i}`, name, county: '洪泽区', city: '淮安市', province: '江苏省', synthetic: false, drill: null }));
  const rows: CompareInput['rows'] = [];
  units.forEach((u, ui) => {
    for (let year = YEARS.from; year <= YEARS.to; year++) {
      if (ui === 1 && year === 2020) continue; // no report
      const template = year < 2021 ? '2019' : '2021';
      rows.push({
        unit: u.key,
        year,
        id: ui * 10 + year - 2000,
        template,
        synthetic: false,
        values: {
          'applications.received_new.total': ui === 2 && year === 2021 ? null : ui + year - 2015,
          'applications.carried_over.total': ui,
          'applications.granted.total': 3 + ui,
          'applications.partially_granted.total': 1,
          [template === '2019' ? 'applications.other.all.total' : 'applications.other.other.total']: 2,
        },
        corrected: ui === 3 && year === 2021 ? { 'applications.granted.total': { who: '审核员', at: '2024-03-02 10:00:00', reason: '原表错位' } } : undefined,
      });
    }
  });
  return {
    state: { ...COMPARE_DEFAULTS, within: '320813', years: YEARS, percent },
    units,
    years: YEARS,
    rows,
    withinName: '洪泽区',
    asOf: '2024-03-01',
  };
}

type Obj = Record<string, unknown>;
const seriesOf = (option: Obj) => option.series as { name: string; xAxisIndex: number; data: { value: unknown; report: number | null; gap?: string }[] }[];
const texts = (option: Obj) => ((option.graphic ?? []) as { style?: { text?: string } }[]).map((g) => g.style?.text ?? '');

describe('splitting small multiples into one option per plot', () => {
  const spec = compareChart(input(), outcomes)!;
  const split = splitFacets(spec)!;

  it('gives one plot per unit, in the order and with the titles of the composed image', () => {
    expect(split.panels.map((p) => p.title)).toEqual(['蒋坝镇', '岔河镇', '西顺河镇', '老子山镇', '三河镇', '共和镇', '黄集街道']);
    expect(split.cols).toBe(3);
    for (const p of split.panels) {
      expect((p.option.grid as unknown[]).length).toBe(1);
      expect(seriesOf(p.option).every((s) => s.xAxisIndex === 0)).toBe(true);
      expect((p.option.xAxis as { data: string[] }[])[0].data).toEqual(['2019', '2020', '2021']);
    }
  });

  it('keeps every bar, gap and report link of the composed option, each once', () => {
    const composed = seriesOf(spec.option).map((s) => ({ name: s.name, data: s.data }));
    const fromPanels = split.panels.flatMap((p) => seriesOf(p.option).map((s) => ({ name: s.name, data: s.data })));
    expect(fromPanels).toEqual(composed);
    const gap = seriesOf(split.panels[1].option)[0].data[1];
    expect(gap).toMatchObject({ value: '-', report: null });
    expect(gap.gap).toMatch(/无报告/);
  });

  it('puts title, selection lines, legend and badge in the head, notes and source line in the foot', () => {
    const head = split.head.option;
    expect((head.title as { text: string; subtext: string }[])[0]).toMatchObject({ text: outcomes.title });
    expect((head.title as { subtext: string }[])[0].subtext).toContain('单位：洪泽区下属全部单位');
    expect((head.legend as { data: string[] }).data).toEqual(outcomes.measures.map((m) => m.label));
    // the legend's series, with no data: the head draws no plot
    expect(seriesOf(head).map((s) => s.name)).toEqual(outcomes.measures.map((m) => m.label));
    expect(seriesOf(head).every((s) => s.data.length === 0)).toBe(true);
    expect([...texts(head), ...texts(split.foot.option)].sort()).toEqual(texts(spec.option).sort());
    expect(texts(split.foot.option).join('\n')).toContain('数据截至 2024-03-01');
    expect(split.foot.description).toMatch(/含人工更正的数字.*数据截至 2024-03-01/);
  });

  it('stacks head, rows of plots and foot to the composed image’s height', () => {
    const rows = Math.ceil(split.panels.length / split.cols);
    expect(split.head.height + rows * split.panels[0].height + split.foot.height).toBe(spec.height);
  });

  it('places each plot in its column as the composed image does', () => {
    const composedGrids = spec.option.grid as { left: string; width: string; top: number; height: number }[];
    const colWidth = (100 - 2 * split.margin) / split.cols;
    split.panels.forEach((p, i) => {
      const g = (p.option.grid as { left: string; width: string; top: number; height: number }[])[0];
      const col = i % split.cols;
      expect(split.margin + col * colWidth + (parseFloat(g.left) * colWidth) / 100).toBeCloseTo(parseFloat(composedGrids[i].left), 6);
      expect((parseFloat(g.width) * colWidth) / 100).toBeCloseTo(parseFloat(composedGrids[i].width), 6);
      expect(g.height).toBe(composedGrids[i].height);
      expect(g.top).toBeGreaterThan(0);
      expect(g.top + g.height).toBeLessThan(p.height);
    });
  });

  it('describes each plot in Chinese, gaps and corrections included, and keeps the decal choice', () => {
    const withDecal = splitFacets(compareChart({ ...input(), state: { ...input().state, decal: true } }, received)!)!;
    expect(withDecal.panels.every((p) => (p.option.aria as { decal: { show: boolean } }).decal.show)).toBe(true);
    const p = withDecal.panels[2];
    expect(p.description).toMatch(/^西顺河镇：政府信息公开申请数量，第 3 个小图（共 7 个），折线图，纵轴单位为件。/);
    expect(p.description).toContain('本年新收：2019 年 6');
    expect(p.description).toMatch(/2021 年 未填写：报告中此格空白（不是 0）/);
    expect((p.option.aria as { label: { description: string } }).label.description).toBe(p.description);
    expect(split.panels[3].description).toMatch(/予以公开：.*2021 年 6（人工更正）/);
  });

  it('splits the percent view into plots whose stacks reach 100', () => {
    const pct = splitFacets(compareChart(input(true), outcomes)!)!;
    const series = seriesOf(pct.panels[0].option);
    const total = series.reduce((s, x) => s + (typeof x.data[0].value === 'number' ? x.data[0].value : 0), 0);
    expect(total).toBeCloseTo(100, 6);
    expect(seriesOf(split.panels[0].option)[0].data[0].value).toBe(3);
  });

  it('leaves a chart of one plot whole', () => {
    const oneYear = { ...input(), years: { from: 2021, to: 2021 }, state: { ...input().state, years: { from: 2021, to: 2021 } } };
    expect(splitFacets(compareChart(oneYear, outcomes)!)).toBeNull();
  });
});
