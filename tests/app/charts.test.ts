/** Chart option builders (pure) and the server's SVG and PNG rendering of them. */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measureCell, percentages } from '../../app/charts/cells';
import { compareChart, compareCharts, resolveLayout, type CompareInput } from '../../app/charts/compare';
import { panelById } from '../../app/charts/panels';
import { chartPng, chartSvg } from '../../app/charts/render.server';
import { COMPARE_DEFAULTS } from '../../app/lib/view-state';
import { SYNTHETIC_BADGE } from '../../scripts/ingest/keys';

const outcomes = panelById('outcomes')!;
const fees = panelById('fees')!;
const other = outcomes.measures.find((m) => m.id === 'outcome.other')!;

function input(patch: Partial<CompareInput> = {}): CompareInput {
  return {
    state: { ...COMPARE_DEFAULTS, within: '320813', years: { from: 2020, to: 2021 } },
    units: [
      { key: '320813101', name: '蒋坝镇', county: '洪泽区', city: '淮安市', province: '江苏省', synthetic: false, drill: null },
      { key: '320813103', name: '岔河镇', county: '洪泽区', city: '淮安市', province: '江苏省', synthetic: false, drill: null },
    ],
    years: { from: 2020, to: 2021 },
    rows: [
      { unit: '320813101', year: 2020, id: 11, template: '2019', synthetic: false, values: { 'applications.granted.total': 4, 'applications.other.all.total': 1 } },
      { unit: '320813101', year: 2021, id: 12, template: '2021', synthetic: false, values: { 'applications.granted.total': 6, 'active.fees.amount': 2.5, 'applications.other.other.total': 2 } },
      { unit: '320813103', year: 2021, id: 22, template: '2021', synthetic: false, values: { 'applications.granted.total': null, 'active.fees.amount': 0 } },
    ],
    withinName: '洪泽区',
    asOf: '2024-03-01',
    ...patch,
  };
}

describe('a measure of a report: a number or an explained gap', () => {
  it('says a 2019-format report lacks the fee amount, and a 2021 one left it blank', () => {
    const m = fees.measures[0];
    expect(measureCell(m, { id: 1, template: '2019', synthetic: false, values: {} })).toMatchObject({ value: null, gap: 'absent' });
    expect(measureCell(m, { id: 2, template: '2021', synthetic: false, values: { 'active.fees.amount': null } })).toMatchObject({ value: null, gap: 'blank' });
    expect(measureCell(m, { id: 3, template: '2021', synthetic: false, values: { 'active.fees.amount': 0 } })).toMatchObject({ value: 0, report: 3 });
    expect(measureCell(m, undefined)).toMatchObject({ value: null, gap: 'no_report', report: null });
  });

  it('reads 其他处理 from one row in 2019 and three rows in 2021', () => {
    expect(measureCell(other, { id: 1, template: '2019', synthetic: false, values: { 'applications.other.all.total': 3 } }).value).toBe(3);
    const v2021 = { 'applications.other.no_correction.total': 1, 'applications.other.unpaid_fee.total': null, 'applications.other.other.total': 4 };
    expect(measureCell(other, { id: 2, template: '2021', synthetic: false, values: v2021 }).value).toBe(5);
  });

  it('turns a composition into percentages of its present parts', () => {
    const shares = percentages([
      { value: 1, report: 1, synthetic: false },
      { value: 3, report: 1, synthetic: false },
      { value: null, gap: 'blank', note: '', report: 1, synthetic: false },
    ]);
    expect(shares).toEqual([25, 75, null]);
  });
});

describe('comparison charts', () => {
  it('chooses bars for one year, lines for a few units over years, small multiples for many', () => {
    expect(resolveLayout('auto', 10, 1)).toBe('bars');
    expect(resolveLayout('auto', 3, 5)).toBe('lines');
    expect(resolveLayout('auto', 10, 5)).toBe('multiples');
    expect(resolveLayout('bars', 10, 5)).toBe('bars');
  });

  it('draws a gap as no value and explains it under the chart, never a zero', () => {
    const spec = compareChart({ ...input(), state: { ...input().state, view: 'lines' } }, fees)!;
    const series = spec.option.series as { name: string; data: { value: number | string; report: number | null }[] }[];
    const jiangba = series.find((s) => s.name === '蒋坝镇')!;
    expect(jiangba.data.map((d) => d.value)).toEqual(['-', 2.5]);
    expect(series.find((s) => s.name === '岔河镇')!.data.map((d) => d.value)).toEqual(['-', 0]);
    const notes = (spec.option.graphic as { style?: { text?: string } }[]).map((g) => g.style?.text ?? '').join('\n');
    expect(notes).toMatch(/2020 年的报告为2019 版格式，没有「本年收费金额」/);
    expect(notes).toMatch(/没有报告：岔河镇 2020/);
    expect(spec.table.rows.find((r) => r[0].text === '蒋坝镇' && r[1].text === '2020')![3]).toMatchObject({ text: '格式无此项', gap: true });
  });

  it('puts title, units, years, display and source line with the date into the option', () => {
    const spec = compareChart({ ...input(), state: { ...input().state, percent: true } }, outcomes)!;
    const title = (spec.option.title as { text: string; subtext?: string }[])[0];
    expect(title.text).toBe('本年度办理结果构成');
    expect(title.subtext).toContain('洪泽区下属全部单位（2 个）');
    expect(title.subtext).toContain('2020–2021 年');
    expect(title.subtext).toContain('占比（%）');
    const texts = (spec.option.graphic as { style?: { text?: string } }[]).map((g) => g.style?.text);
    expect(texts).toContain('来源：Nianbao 年报（政府信息公开工作年度报告）· 数据截至 2024-03-01');
    expect(JSON.stringify(spec.option)).not.toContain(SYNTHETIC_BADGE);
    expect((spec.option.aria as { label: { description: string } }).label.description).toMatch(/^本年度办理结果构成，/);
  });

  it('stacks a composition to 100 in percent and links every bar to its report', () => {
    const spec = compareChart({ ...input(), state: { ...input().state, percent: true, view: 'bars' }, years: { from: 2021, to: 2021 } }, outcomes)!;
    const series = spec.option.series as { data: { value: number | string; report: number | null }[] }[];
    const jiangba = series.map((s) => s.data[0]);
    expect(jiangba.reduce((sum, d) => sum + (typeof d.value === 'number' ? d.value : 0), 0)).toBeCloseTo(100, 5);
    expect(new Set(jiangba.map((d) => d.report))).toEqual(new Set([12]));
  });

  it('badges synthetic data on the image and leaves out panels nobody printed', () => {
    const rows = input().rows.map((r) => ({ ...r, synthetic: true }));
    const specs = compareCharts({ ...input({ rows }), state: { ...input().state, group: 'active' } });
    expect(specs.map((s) => s.name)).toEqual(['compare-documents', 'compare-documents2019', 'compare-decisions', 'compare-fees']);
    expect(JSON.stringify(specs[0].option)).toContain(SYNTHETIC_BADGE);
    const onlyNew = input({ rows: input().rows.filter((r) => r.template === '2021'), years: { from: 2021, to: 2021 } });
    expect(compareCharts({ ...onlyNew, state: { ...onlyNew.state, group: 'active' } }).map((s) => s.name)).not.toContain('compare-documents2019');
  });
});

/** The PNG's size and whether its pixels vary (a blank image is one colour). */
function pngFacts(png: Buffer): { width: number; height: number; distinctBytes: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, distinctBytes: new Set(raw.subarray(0, Math.min(raw.length, 4_000_000))).size };
}

describe('server rendering', () => {
  const spec = compareChart(input(), outcomes)!;

  it('renders SVG with the Chinese title and labels as text', () => {
    const svg = chartSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('本年度办理结果构成');
    expect(svg).toContain('蒋坝镇');
    expect(svg).toContain('数据截至 2024-03-01');
  });

  it('renders PNG at twice the chart size on white, not blank', () => {
    const facts = pngFacts(chartPng(spec));
    expect(facts.width).toBe(spec.width * 2);
    expect(facts.height).toBe(spec.height * 2);
    expect(facts.distinctBytes).toBeGreaterThan(20);
  });
});
