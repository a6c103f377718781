/**
 * The supervisor's pages in Debian's Chromium, on `npm start`'s demo (whose synthetic corpus plants
 * copies, late and undated reports, listed in its insights.jsonl): 雷同, 及时性, the coverage grid's
 * late marks, the report page's panels, the metric dictionary and the peers' band on the comparison.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/chromium';
import { METRICS } from '../../scripts/ingest/metrics';
import type { InsightRecord } from '../../scripts/ingest/synth/insights';
import { startServer, stopServer, type Started } from '../support/server';
import { tempDir } from '../support/shared';

const chromiumPresent = hasChromium('the insights browser tests');

const DEMO_COUNTY = '320813';

describe.skipIf(!chromiumPresent)('the supervisor insights in a browser', () => {
  const dir = tempDir();
  const dbPath = join(dir, 'nianbao.duckdb');
  const demoDir = join(dirname(dbPath), 'demo');
  let server: Started;
  let browser: Browser;
  let page: Page;
  let planted: InsightRecord[];
  const errors: string[] = [];
  const of = (kind: string) => planted.filter((p) => p.plant.kind === kind);

  beforeAll(async () => {
    server = await startServer(dbPath, demoDir);
    planted = readFileSync(join(demoDir, 'insights.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
  });
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
  });

  it('lists the planted copies on 雷同, and raises the threshold through the form', async () => {
    await page.goto(`${server.url}/similarity`);
    const rows = await page.$$eval('table.similarity tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    const copies = of('copy') as (InsightRecord & { plant: { of: string } })[];
    expect(copies.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r[2] === '与本单位上年')).toHaveLength(copies.filter((c) => c.plant.of === 'previous_year').length);
    expect(rows.filter((r) => r[2] !== '与本单位上年').length).toBeGreaterThanOrEqual(copies.filter((c) => c.plant.of === 'same_year').length);
    for (const r of rows) expect(Math.max(...[r[3], r[4]].map((s) => parseInt(s, 10) || 0))).toBeGreaterThanOrEqual(50);

    await page.getByLabel('重复比例阈值（%）').fill('95');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/t=95/);
    const strict = await page.$$eval('table.similarity tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td.num')].map((td) => parseInt(td.textContent!, 10) || 0)));
    expect(strict.length).toBeLessThanOrEqual(rows.length);
    for (const r of strict) expect(Math.max(...r)).toBeGreaterThanOrEqual(95);
  });

  it('shows a pair side by side with the repeated passages marked', async () => {
    await page.goto(`${server.url}/similarity`);
    await page.locator('table.similarity tbody tr').first().getByRole('link', { name: '逐段对照' }).click();
    await page.waitForURL(/\/similarity\/\d+\/\d+$/);
    const marks = await page.$$eval('.side-by-side .side', (sides) => sides.map((s) => [...s.querySelectorAll('mark')].map((m) => m.textContent!).join('')));
    expect(marks.length).toBe(4);
    expect(marks.every((m) => m.length > 10)).toBe(true);
    const shares = await page.$$eval('strong.share', (s) => s.map((x) => parseInt(x.textContent!, 10)));
    expect(Math.max(...shares)).toBeGreaterThanOrEqual(50);
  });

  it('lists the planted late and undated reports on 及时性, and marks late ones in the coverage grid', async () => {
    await page.goto(`${server.url}/timeliness?in=${DEMO_COUNTY}`);
    const late = await page.$$eval('table.late-list tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    expect(late.map((r) => [Number(r[1]), r[3], Number(r[4])]).sort()).toEqual(
      of('late')
        .map((p) => [p.year, (p.plant as { published: string }).published, (p.plant as { days_late: number }).days_late])
        .sort(),
    );
    expect(await page.locator('table.unknown-list tbody tr').count()).toBe(of('undated').length);

    await page.goto(`${server.url}/?in=${DEMO_COUNTY}`);
    expect(await page.locator('td.cov .late').count()).toBe(of('late').length);
  });

  it('shows a late report’s badge, its indicators against its peers with their formulas, and the prose against the tables', async () => {
    await page.goto(`${server.url}/timeliness?in=${DEMO_COUNTY}`);
    await page.locator('table.late-list tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/reports\/\d+$/);
    expect(await page.getAttribute('[data-timeliness]', 'data-timeliness')).toBe('late');
    const rows = await page.$$eval('table.metrics-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-metric')));
    expect(rows).toEqual(METRICS.map((m) => m.id));
    const received = page.locator('tr[data-metric="applications_received"]');
    expect(await received.locator('td').nth(3).textContent()).toMatch(/^\d+ \/ \d+$/);
    const label = received.getByRole('link');
    expect(await label.getAttribute('title')).toContain('本年新收政府信息公开申请数量');
    expect(await page.locator('[data-prose="applications"]').getAttribute('data-agrees')).toBe('1');
    await label.click();
    await page.waitForURL(/\/metrics#applications_received$/);
    await expect.poll(() => page.locator('.metric-entry').count()).toBe(METRICS.length);
    expect(await page.locator('#normative_issued').textContent()).toContain('2021 版格式');
  });

  it('draws the peers’ median and middle-50% band on the comparison’s bars', async () => {
    await page.goto(`${server.url}/compare?in=${DEMO_COUNTY}&y=2023`);
    await page.waitForFunction(() => document.querySelector('figure[data-chart="compare-received"]')?.getAttribute('data-ready') === '1');
    const { median, band, data } = await page.evaluate(() => {
      const c = window.nianbaoCharts!.get('compare-received') as { getOption: () => { series: { markLine?: { data: { yAxis: number }[] }; markArea?: { data: { yAxis: number }[][] }; data: { value: number | '-' }[] }[] } };
      const s = c.getOption().series[0];
      return { median: s.markLine!.data[0].yAxis, band: s.markArea!.data[0].map((d) => d.yAxis), data: s.data.map((d) => d.value) };
    });
    const values = data.filter((v): v is number => v !== '-').sort((a, b) => a - b);
    const q = (p: number) => {
      const at = (values.length - 1) * p;
      return values[Math.floor(at)] + (values[Math.ceil(at)] - values[Math.floor(at)]) * (at - Math.floor(at));
    };
    expect(median).toBe(q(0.5));
    expect(band).toEqual([q(0.25), q(0.75)]);
    const option = await page.evaluate(() => JSON.stringify((window.nianbaoCharts!.get('compare-received') as { getOption: () => unknown }).getOption()));
    expect(option).toContain('浅灰带为中间 50%');
    expect(errors).toEqual([]);
  });
});
