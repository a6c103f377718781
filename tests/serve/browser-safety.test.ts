/**
 * In Chromium, under the server's Content-Security-Policy: dropping files on 上传 gives each its
 * progress and result in Chinese; a report whose text carries `<script>`, HTML and `javascript:`
 * links shows them as text, inert; no page breaks the policy.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/chromium';
import { startInProcess, type InProcessServer } from '../support/app-server';
import { balancedValues, renderReport } from '../support/report-text';

const chromiumPresent = hasChromium('the browser safety tests');

const HOSTILE = [
  '<script>window.__xss = 1</script>',
  '<img src="x" onerror="window.__xss = 2">',
  '<a href="javascript:window.__xss = 3">点此查看附件</a>',
  '[详细说明](javascript:window.__xss=4)',
  '<iframe src="javascript:window.parent.__xss = 5"></iframe>',
];

function hostileReport(): Buffer {
  const text = renderReport({ organ: '蒋坝镇人民政府', place: '江苏省淮安市洪泽区蒋坝镇', year: 2022, format: '2021', values: balancedValues(8, 6, 1) });
  return Buffer.from(text.replace('（测试用报告：正文从略。）', HOSTILE.join('\n')));
}

describe.skipIf(!chromiumPresent)('hostile input in a browser', () => {
  let server: InProcessServer;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startInProcess();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads dropped files one by one, each with its progress and its result in Chinese', async () => {
    await page.goto(`${server.url}/upload`);
    await page.waitForFunction(() => document.querySelector('input[type=file]') !== null);
    await page.setInputFiles('input[type=file]', [
      { name: '蒋坝镇2022.txt', mimeType: 'text/plain', buffer: hostileReport() },
      { name: '会议通知.txt', mimeType: 'text/plain', buffer: Buffer.from('关于召开年度工作会议的通知\n请各单位准时参加。') },
    ]);
    await page.waitForFunction(() => document.querySelectorAll('li.upload[data-state="done"]').length === 2, undefined, { timeout: 30_000 });
    const report = page.locator('li.upload[data-file="蒋坝镇2022.txt"]');
    expect(await report.locator('.upload-result').getAttribute('data-status')).toBe('ingested');
    expect(await report.textContent()).toContain('已入库');
    expect(await report.textContent()).toContain('本年新收政府信息公开申请数量 · 总计');
    expect(await report.locator('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);
    expect(await page.locator('li.upload[data-file="会议通知.txt"]').textContent()).toContain('失败：未识别为政府信息公开工作年度报告');
    await report.locator('.glance a').click();
    await page.waitForURL(/\/reports\/\d+$/);
  });

  it('shows the report’s <script>, HTML and javascript: links as text, and none of them runs', async () => {
    await page.waitForSelector('.prose');
    const prose = await page.locator('.prose').first().textContent();
    for (const h of HOSTILE) expect(prose).toContain(h);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('a[href^="javascript:"], img[onerror], iframe, main script').count()).toBe(0);
  });

  it('breaks no rule of the policy on any page', async () => {
    for (const path of ['/', '/reports', '/quality', '/compare?in=320813&y=2022']) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []), path).toEqual([]);
    }
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
