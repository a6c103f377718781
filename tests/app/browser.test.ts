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

/** Every chart of the page, drawn: charts draw as they come near the window, so scroll to each. */
async function chartsDrawn(page: Page): Promise<string[]> {
  await page.waitForSelector('figure.chart');
  for (const fig of await page.$$('figure.chart')) {
    await fig.scrollIntoViewIfNeeded();
    await page.waitForFunction((f) => f.getAttribute('data-ready') === '1', fig);
  }
  await page.waitForFunction(() =>
    [...(window.nianbaoCharts?.values() ?? [])].every((c) => ((c as { getOption: () => { series?: unknown[] } }).getOption().series ?? []).length > 0),
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.$$eval('figure.chart', (figs) => figs.map((f) => f.getAttribute('data-chart')!));
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

  it('toggles percent for the outcome composition, in the URL and in the chart', async () => {
    await page.goto(`${server.url}/compare?in=${DEMO_COUNTY}&y=2019-2023`);
    await chartsDrawn(page);
    // a controlled checkbox: it shows the URL's state, which the click changes
    await page.getByLabel('构成显示为百分比').click();
    await page.waitForURL(/pct=1/);
    await expect.poll(() => page.getByLabel('构成显示为百分比').isChecked()).toBe(true);
    await chartsDrawn(page);
    const subtitle = await page.evaluate(() => {
      const c = window.nianbaoCharts!.get('compare-outcomes') as { getOption: () => { title: { subtext?: string }[] } };
      return c.getOption().title[0].subtext;
    });
    expect(subtitle).toContain('占比（%）');
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
  });

  it('exports every chart of the page, PNG and SVG, in one ZIP, also those not yet scrolled to', async () => {
    await page.setViewportSize({ width: 1280, height: 300 });
    await page.reload();
    await page.waitForSelector('figure.chart[data-ready="1"]');
    expect(await page.getAttribute('figure[data-chart="compare-applicants"]', 'data-ready')).toBeNull();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出全部图表（ZIP）' }).click()]);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      ['本年度办理结果构成', '本年新收申请（按申请人类型）', '政府信息公开申请数量'].flatMap((t) => [`${t}.png`, `${t}.svg`]).sort(),
    );
    expect(pngFacts(Buffer.from(files['政府信息公开申请数量.png'])).distinctBytes).toBeGreaterThan(20);
    expect(new TextDecoder().decode(files['政府信息公开申请数量.svg'])).toContain('数据截至');
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
    const rows = await page.$$eval('table.coverage tbody tr', (trs) => trs.length);
    expect(rows).toBe(TOWNSHIPS);
    expect(errors).toEqual([]);
  });
});
