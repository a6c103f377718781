/**
 * A correction's life in the browser: a person corrects a figure on the report page, the page shows
 * the new value marked, the checks run again, the history says who, when, why and what it was; the
 * export says the figure was corrected; a revert brings the parsed figure back.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/chromium';
import { startServer, stopServer, type Started } from '../support/server';
import { tempDir } from '../support/shared';

const chromiumPresent = hasChromium('the correction browser test');

const KEY = 'applications.received_new.total';

describe.skipIf(!chromiumPresent)('correcting a figure in the browser', () => {
  const dir = tempDir();
  let server: Started;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const demo = process.env.NIANBAO_DEMO;
    process.env.NIANBAO_DEMO = '0';
    try {
      server = await startServer(join(dir, 'nianbao.duckdb'), join(dir, 'demo'));
    } finally {
      if (demo === undefined) delete process.env.NIANBAO_DEMO;
      else process.env.NIANBAO_DEMO = demo;
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
  });

  const cell = () => page.locator(`td[data-key="${KEY}"]`);
  const checksLine = () => page.locator('dl.facts dt:text("校验") + dd').textContent();
  const number = (s: string | null) => Number(s!.replace(/[,✎\s]/g, ''));

  it('edits, shows history and re-run checks, exports the mark, and reverts', async () => {
    await page.goto(`${server.url}/reports/1`);
    const parsed = number(await cell().textContent());
    expect(Number.isInteger(parsed)).toBe(true);
    expect(await checksLine()).toMatch(/^全部 \d+ 项通过$/);
    expect(await page.textContent('#corrections')).toContain('没有人工更正');

    // a value that is not a number is refused in words, and nothing changes
    const form = page.getByRole('form', { name: '更正一个数字' });
    await form.getByLabel('数字', { exact: true }).selectOption(KEY);
    await form.getByLabel('新值', { exact: true }).fill('十二');
    await form.getByLabel('更正人', { exact: true }).fill('王审核');
    await form.getByLabel('理由', { exact: true }).fill('据纸质件更正');
    await form.getByRole('button', { name: '保存更正' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('新值无效');
    expect(number(await cell().textContent())).toBe(parsed);

    await form.getByLabel('新值', { exact: true }).fill(String(parsed + 1));
    await form.getByRole('button', { name: '保存更正' }).click();
    await expect.poll(async () => number(await cell().textContent())).toBe(parsed + 1);
    expect(await cell().getAttribute('class')).toContain('corrected');
    expect(await cell().getAttribute('title')).toContain(`解析值 ${parsed}`);
    // received + carried over no longer equals outcomes + carried forward, nor the row its applicants
    expect(await checksLine()).toMatch(/^\d+ 项未通过/);
    expect(await cell().getAttribute('class')).toContain('failed');
    const history = page.locator('table.history tbody tr');
    await expect.poll(() => history.count()).toBe(1);
    const row = await history.first().locator('td').allTextContents();
    expect(row.slice(2, 5)).toEqual([String(parsed), String(parsed + 1), '王审核']);
    expect(row[5]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(row[6]).toBe('据纸质件更正');
    expect(await page.textContent('dl.facts')).toContain('1 个数字经人工更正');

    const exported = await page.request.get(`${server.url}/reports/export/jsonl`);
    const report = JSON.parse((await exported.text()).trim().split('\n')[0]);
    expect(report.corrected).toEqual([KEY]);
    expect(report.applications.received_new.total).toBe(parsed + 1);

    // the comparison's chart marks the corrected figure: table cell, bar, the note under the chart, the server's image
    const compare = `/compare?u=${report.jurisdiction.code}&y=${report.year}`;
    await page.goto(`${server.url}${compare}`);
    const chart = page.locator('figure[data-chart="compare-received"]');
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('.chart-canvas').waitFor();
    await expect.poll(() => chart.getAttribute('data-ready')).toBe('1');
    await chart.locator('details.chart-table > summary').click();
    const marked = chart.locator('td.corrected');
    await expect.poll(() => marked.count()).toBe(1);
    expect(await marked.textContent()).toBe(`${(parsed + 1).toLocaleString('zh-CN')} ✎`);
    expect(await marked.getAttribute('title')).toMatch(/^人工更正：王审核 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d（据纸质件更正）$/);
    const drawn = await page.evaluate(() => {
      const option = (window.nianbaoCharts!.get('compare-received') as { getOption: () => { graphic: unknown; series: { data: { corrected?: string; value: unknown }[] }[] } }).getOption();
      return { graphic: JSON.stringify(option.graphic), corrected: option.series.flatMap((s) => s.data).filter((d) => d.corrected).map((d) => d.value) };
    });
    expect(drawn.graphic).toContain('含人工更正的数字（✎）');
    expect(drawn.corrected).toEqual([parsed + 1]);
    const svg = await (await page.request.get(`${server.url}/charts/compare-received.svg${compare.slice('/compare'.length)}`)).text();
    expect(svg).toContain('含人工更正的数字（✎）');
    await page.goto(`${server.url}/reports/1`);

    const revert = page.getByRole('form', { name: '撤销更正 #1' });
    await revert.getByLabel('撤销人', { exact: true }).fill('李复核');
    await revert.getByLabel('撤销理由', { exact: true }).fill('原值无误');
    await revert.getByRole('button', { name: '撤销' }).click();
    await expect.poll(async () => number(await cell().textContent())).toBe(parsed);
    expect(await cell().getAttribute('class')).not.toContain('corrected');
    expect(await checksLine()).toMatch(/^全部 \d+ 项通过$/);
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.nth(0).locator('td').last().textContent()).toBe('撤销 #1');
    expect(await history.nth(1).locator('td').last().textContent()).toBe('已由 #2 撤销');
    expect(await page.getByRole('form', { name: /撤销更正/ }).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
