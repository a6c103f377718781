/**
 * What a new user does after `npm start`: compare the townships of the demo county over five years,
 * export the charts, drill into a report — in Debian's Chromium driven by playwright-core.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/chromium';
import { startServer, stopServer, type Started } from '../support/server';
import { tempDir } from '../support/shared';

const chromiumPresent = hasChromium('the browser tests');

/** The townships of the demo county, 2019–2023, as the default comparison shows them. */
const DEMO_COUNTY = '320813';
const TOWNSHIPS = 10;

function pngFacts(png: Buffer): { width: number; height: number; distinctBytes: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), distinctBytes: new Set(raw.subarray(0, 4_000_000)).size };
}

/**
 * Every chart of the page, drawn: charts (and each small plot of small multiples) draw as they come
 * near the window, so scroll down the page a window at a time until every chart says it is drawn.
 */
async function chartsDrawn(page: Page): Promise<string[]> {
  await page.waitForSelector('figure.chart');
  await page.evaluate(() => window.scrollTo(0, 0));
  for (;;) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.chart-surface')]
        .filter((s) => s.getBoundingClientRect().top < window.innerHeight && s.getBoundingClientRect().bottom > 0)
        .every((s) => s.getAttribute('data-drawn') === '1'),
    );
    const more = await page.evaluate(() => {
      if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight) return false;
      window.scrollBy(0, window.innerHeight);
      return true;
    });
    if (!more) break;
  }
  await page.waitForFunction(() => [...document.querySelectorAll('figure.chart')].every((f) => f.getAttribute('data-ready') === '1'));
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.$$eval('figure.chart', (figs) => figs.map((f) => f.getAttribute('data-chart')!));
}

type Option = {
  series?: { name: string; data: { value: number | '-'; report: number | null }[] }[];
  title: { text?: string; subtext?: string }[];
  legend?: { selected?: Record<string, boolean> }[];
};

/** The option an ECharts instance on the page draws, by its name in window.nianbaoCharts. */
function drawnOption(page: Page, name: string): Promise<Option> {
  return page.evaluate((n) => (window.nianbaoCharts!.get(n) as { getOption: () => Option }).getOption(), name);
}

/** The small plots of a chart of small multiples: their titles, in order (plot i is `<chart>:i`). */
function facetTitles(page: Page, chart: string): Promise<string[]> {
  return page.$$eval(`figure[data-chart="${chart}"] .chart-plots .chart-surface`, (plots) => plots.map((p) => p.getAttribute('data-facet')!));
}

/** A chart's data table is built when its 数据表 is opened. */
async function openTable(page: Page, chart: string): Promise<void> {
  await page.click(`figure[data-chart="${chart}"] details.chart-table > summary`);
  await page.waitForSelector(`figure[data-chart="${chart}"] details.chart-table tbody tr`);
}

describe.skipIf(!chromiumPresent)('the dashboard in a browser', () => {
  const dir = tempDir();
  const dbPath = join(dir, 'nianbao.duckdb');
  let server: Started;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer(dbPath, join(dirname(dbPath), 'demo'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(String(e)));
  });
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
  });

  it('opens the comparison of the demo county’s townships over five years', async () => {
    await page.goto(`${server.url}/compare`);
    const charts = await chartsDrawn(page);
    expect(charts).toEqual(['compare-received', 'compare-outcomes', 'compare-applicants']);
    // small multiples: one ECharts instance per township, each titled with its township
    const units = await facetTitles(page, 'compare-received');
    expect(units).toHaveLength(TOWNSHIPS);
    expect(new Set(units).size).toBe(TOWNSHIPS);
    for (const chart of charts) {
      expect(await facetTitles(page, chart)).toEqual(units);
      for (const [i, unit] of units.entries()) expect((await drawnOption(page, `${chart}:${i}`)).title[0].text).toBe(unit);
    }
    const legend = await page.evaluate(() => (window.nianbaoCharts!.get('compare-outcomes') as { getOption: () => { legend: { data: string[] }[] } }).getOption().legend[0].data);
    expect((await drawnOption(page, 'compare-outcomes:0')).series!.map((s) => s.name)).toEqual(legend);
    // the head's legend hides a series in every plot: its first item sits at the head's left, above the plots
    const headSurface = page.locator('figure[data-chart="compare-outcomes"] .chart-surface').first();
    await headSurface.scrollIntoViewIfNeeded();
    const head = (await headSurface.boundingBox())!;
    await page.mouse.click(head.x + 16 + 7, head.y + head.height - 30 + 5);
    await expect.poll(async () => (await drawnOption(page, 'compare-outcomes:0')).legend?.[0].selected?.[legend[0]]).toBe(false);
    expect((await drawnOption(page, 'compare-outcomes:0')).legend?.[0].selected?.[legend[1]]).toBe(true);
    await expect.poll(() => page.textContent('p.summary')).toMatch(new RegExp(`已选 ${TOWNSHIPS} 个单位，2019–2023 年`));
    expect(await page.textContent('p.summary')).toContain('合成示例数据');
    const all = page.getByLabel(`全部下级单位（${TOWNSHIPS} 个）`);
    expect(await all.isChecked()).toBe(true);
  });

  it('clicks a bar and lands on the report behind it', async () => {
    await page.goto(`${server.url}/compare?in=${DEMO_COUNTY}&y=2023`);
    await chartsDrawn(page);
    expect(await page.$$('figure[data-chart="compare-received"] tbody tr')).toHaveLength(0);
    await openTable(page, 'compare-received');
    // the unit with most new applications in 2023, read from the chart's own data table
    const target = await page.$$eval('figure[data-chart="compare-received"] tbody tr', (rows) => {
      const parsed = rows.map((r) => {
        const cells = [...r.querySelectorAll('td')];
        return { unit: cells[0].textContent!, href: cells[1].querySelector('a')?.getAttribute('href') ?? null, value: Number(cells[3].textContent!.replace(/,/g, '')) };
      });
      return parsed.reduce((a, b) => (b.value > a.value ? b : a));
    });
    expect(target.value).toBeGreaterThan(0);
    const index = await page.$$eval('figure[data-chart="compare-received"] tbody tr', (rows, unit) => rows.findIndex((r) => r.querySelector('td')!.textContent === unit), target.unit);
    const point = await page.evaluate(
      ({ index, value }) => {
        const chart = window.nianbaoCharts!.get('compare-received') as { convertToPixel: (f: object, v: number[]) => number[] };
        return chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [index, value / 2]);
      },
      { index, value: target.value },
    );
    const box = (await page.$('figure[data-chart="compare-received"] .chart-canvas'))!;
    const origin = (await box.boundingBox())!;
    // the first of the two bars per unit (本年新收) sits left of the category's centre
    const barWidth = await page.evaluate((i) => {
      const chart = window.nianbaoCharts!.get('compare-received') as { convertToPixel: (f: object, v: number[]) => number[] };
      return (chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [i + 1, 0])[0] - chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [i, 0])[0]) / 2;
    }, index);
    await page.mouse.click(origin.x + point[0] - Math.min(barWidth / 3, 12), origin.y + point[1]);
    await page.waitForURL(new RegExp(`${target.href!.replace(/\//g, '\\/')}$`));
    await expect.poll(() => page.textContent('h1')).toContain(target.unit.replace('（合成）', ''));
    expect(await page.textContent('h1')).toContain('2023');
  });

  it('clicks a point in one township’s small plot and lands on that township’s report of that year', async () => {
    await page.goto(`${server.url}/compare?in=${DEMO_COUNTY}&y=2019-2023`);
    await chartsDrawn(page);
    await openTable(page, 'compare-received');
    // the township and year with most new applications, from the chart's own data table
    const target = await page.$$eval('figure[data-chart="compare-received"] tbody tr', (rows) =>
      rows
        .map((r) => {
          const cells = [...r.querySelectorAll('td')];
          return { unit: cells[0].textContent!.replace('（合成）', ''), year: cells[1].textContent!, href: cells[1].querySelector('a')?.getAttribute('href') ?? null, value: Number(cells[3].textContent!.replace(/,/g, '')) };
        })
        .reduce((a, b) => (b.value > a.value ? b : a)),
    );
    expect(target.value).toBeGreaterThan(0);
    const index = (await facetTitles(page, 'compare-received')).indexOf(target.unit);
    expect(index).toBeGreaterThanOrEqual(0);
    const plot = page.locator(`figure[data-chart="compare-received"] .chart-plots .chart-surface`).nth(index);
    await plot.scrollIntoViewIfNeeded();
    const point = await page.evaluate(
      ({ name, year, value }) => {
        const chart = window.nianbaoCharts!.get(name) as { convertToPixel: (f: object, v: (string | number)[]) => number[] };
        return chart.convertToPixel({ seriesIndex: 0 }, [year, value]);
      },
      { name: `compare-received:${index}`, year: target.year, value: target.value },
    );
    const origin = (await plot.boundingBox())!;
    await page.mouse.click(origin.x + point[0], origin.y + point[1]);
    await page.waitForURL(new RegExp(`${target.href!.replace(/\//g, '\\/')}$`));
    await expect.poll(() => page.textContent('h1')).toContain(target.unit);
    expect(await page.textContent('h1')).toContain(target.year);
  });

  it('toggles percent for the outcome composition, in the URL and in the chart', async () => {
    await page.goto(`${server.url}/compare?in=${DEMO_COUNTY}&y=2019-2023`);
    await chartsDrawn(page);
    const plots = (await facetTitles(page, 'compare-outcomes')).length;
    const stacks = async () => {
      const out: number[][] = [];
      for (let i = 0; i < plots; i++) {
        const series = (await drawnOption(page, `compare-outcomes:${i}`)).series!;
        out.push(series[0].data.map((_, year) => series.reduce((sum, s) => sum + (typeof s.data[year].value === 'number' ? (s.data[year].value as number) : 0), 0)));
      }
      return out;
    };
    const counts = await stacks();
    expect(counts.flat().some((v) => v > 0 && v !== 100)).toBe(true);
    // a controlled checkbox: it shows the URL's state, which the click changes
    await page.getByLabel('构成显示为百分比').click();
    await page.waitForURL(/pct=1/);
    await expect.poll(() => page.getByLabel('构成显示为百分比').isChecked()).toBe(true);
    await chartsDrawn(page);
    expect((await drawnOption(page, 'compare-outcomes')).title[0].subtext).toContain('占比（%）');
    // every plot redrawn: each year with reports stacks to 100 %, a year without stays empty
    const shares = await stacks();
    shares.forEach((plot, i) => plot.forEach((v, year) => expect(v === 0 ? counts[i][year] : v).toBeCloseTo(counts[i][year] === 0 ? 0 : 100, 6)));
    expect(await page.textContent('figure[data-chart="compare-outcomes"] details.chart-table > summary')).toContain('件数（占比）');
    await openTable(page, 'compare-outcomes');
    expect(await page.textContent('figure[data-chart="compare-outcomes"] caption')).toContain('件数（占比）');
  });

  it('reloads a copied URL into the same view', async () => {
    const url = page.url();
    const before = await page.evaluate(() => [...window.nianbaoCharts!.entries()].map(([k, c]) => [k, JSON.stringify((c as { getOption: () => { series: unknown } }).getOption().series)]).sort());
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await other.goto(url);
    await chartsDrawn(other);
    const after = await other.evaluate(() => [...window.nianbaoCharts!.entries()].map(([k, c]) => [k, JSON.stringify((c as { getOption: () => { series: unknown } }).getOption().series)]).sort());
    expect(after).toEqual(before);
    expect(await other.getByLabel('构成显示为百分比').isChecked()).toBe(true);
    await other.close();
    // back returns to the view before the toggle
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('pct=1'));
    await expect.poll(() => page.getByLabel('构成显示为百分比').isChecked()).toBe(false);
  });

  it('exports a chart as PNG at twice its size, on white, not blank', async () => {
    await page.goto(`${server.url}/compare?in=${DEMO_COUNTY}&y=2019-2023`);
    await chartsDrawn(page);
    const figure = page.locator('figure[data-chart="compare-outcomes"]');
    const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: '下载 PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('本年度办理结果构成.png');
    const png = readFileSync((await download.path())!);
    const css = (await figure.locator('.chart-canvas').boundingBox())!;
    const facts = pngFacts(png);
    expect(facts.width).toBeGreaterThanOrEqual(Math.floor(css.width) * 2);
    expect(facts.height).toBeGreaterThanOrEqual(Math.floor(css.height) * 2);
    expect(facts.distinctBytes).toBeGreaterThan(20);
    // the page draws one instance per township; the image is still the whole chart, every township in it
    const svg = await (await fetch(`${server.url}/charts/compare-outcomes.svg${new URL(page.url()).search}`)).text();
    expect(facts.height).toBe(Number(/<svg[^>]* height="(\d+)"/.exec(svg)![1]) * 2);
  });

  it('exports every chart of the page, PNG and SVG, in one ZIP, also those not yet scrolled to', async () => {
    await page.setViewportSize({ width: 1280, height: 300 });
    await page.reload();
    await page.waitForSelector('.chart-surface[data-drawn="1"]');
    expect(await page.getAttribute('figure[data-chart="compare-applicants"]', 'data-ready')).toBeNull();
    const units = await facetTitles(page, 'compare-received');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出全部图表（ZIP）' }).click()]);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      ['本年度办理结果构成', '本年新收申请（按申请人类型）', '政府信息公开申请数量'].flatMap((t) => [`${t}.png`, `${t}.svg`]).sort(),
    );
    expect(pngFacts(Buffer.from(files['政府信息公开申请数量.png'])).distinctBytes).toBeGreaterThan(20);
    const svg = new TextDecoder().decode(files['政府信息公开申请数量.svg']);
    expect(svg).toContain('数据截至');
    // small multiples not yet drawn on the page are in the image all the same
    expect(units).toHaveLength(TOWNSHIPS);
    for (const unit of units) expect(svg).toContain(`>${unit}</text>`);
    expect(pngFacts(Buffer.from(files['本年新收申请（按申请人类型）.png'])).distinctBytes).toBeGreaterThan(20);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('serves the same chart as PNG and SVG for the page’s own query string', async () => {
    const query = new URL(page.url()).search;
    const svg = await fetch(`${server.url}/charts/compare-outcomes.svg${query}`);
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const text = await svg.text();
    expect(text).toContain('本年度办理结果构成');
    expect(text).toContain('合成示例数据');
    const png = await fetch(`${server.url}/charts/compare-outcomes.png${query}`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const facts = pngFacts(Buffer.from(await png.arrayBuffer()));
    expect(facts.width).toBe(1920);
    expect(facts.distinctBytes).toBeGreaterThan(20);
    expect((await fetch(`${server.url}/charts/nonsense.png${query}`)).status).toBe(404);
  });

  it('drills from the country to the demo county’s townships on the overview', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: '江苏省' }).click();
    await page.getByRole('link', { name: '淮安市' }).click();
    await page.getByRole('link', { name: '洪泽区' }).click();
    await page.waitForURL(/in=320813/);
    // The address changes a moment before React draws the county's table: until then the city's (one row, the county) is there.
    await page.waitForFunction((n) => document.querySelectorAll('table.coverage tbody tr').length === n, TOWNSHIPS, { timeout: 10_000 }).catch(() => {});
    const rows = await page.$$eval('table.coverage tbody tr', (trs) => trs.length);
    expect(rows).toBe(TOWNSHIPS);
    expect(errors).toEqual([]);
  });
});
