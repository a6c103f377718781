/**
 * 上传 through the real server: files and ZIP archives of every kind a supervisor receives, each
 * answered in Chinese, none of the bad ones changing the database.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadResult } from '../../scripts/serve/upload-endpoint';
import { startInProcess, tableCounts, type InProcessServer } from '../support/app-server';
import { balancedValues, renderReport } from '../support/report-text';
import { fixture } from '../support/shared';

const utf8 = (s: string) => new TextEncoder().encode(s);
const report = (organ: string, place: string, year: number) =>
  utf8(renderReport({ organ, place, year, format: '2021', values: balancedValues(12, 9, 1) }));

async function upload(url: string, files: { name: string; bytes: Uint8Array }[], headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.bytes as Uint8Array<ArrayBuffer>]), f.name);
  const res = await fetch(`${url}/api/upload`, { method: 'POST', body: form, headers });
  return { status: res.status, body: (await res.json()) as { results?: UploadResult[]; error?: string } };
}

const byName = (results: UploadResult[] | undefined, name: string) => results?.find((r) => r.name === name);

describe('uploading report files', () => {
  let server: InProcessServer;
  beforeAll(async () => {
    server = await startInProcess({ NIANBAO_UPLOAD_MAX_MB: '1', NIANBAO_UPLOAD_MAX_FILES: '8', NIANBAO_ZIP_MAX_MB: '3' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ingests a report and shows its key figures and checks, in Chinese; the same file again is unchanged', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('hongtuya-2022.txt')));
    const first = await upload(server.url, [{ name: '红土崖镇2022年报.txt', bytes }]);
    expect(first.status).toBe(200);
    const r = byName(first.body.results, '红土崖镇2022年报.txt')!;
    expect(r.status).toBe('ingested');
    expect(r.message).toBe('已入库');
    expect(r.report!.year).toBe(2022);
    expect(r.report!.jurisdiction).toContain('红土崖');
    expect(r.report!.incomplete).toEqual([]);
    expect(r.report!.figures.map((f) => f.label)).toContain('本年新收政府信息公开申请数量 · 总计');
    const [stored] = (await server.db.runAndReadAll('SELECT source_path FROM reports WHERE id = $id', { id: r.report!.id })).getRowObjectsJson();
    expect(String(stored.source_path)).toContain(join(dirname(server.dbPath), 'uploads'));
    expect(existsSync(String(stored.source_path))).toBe(true);

    const again = await upload(server.url, [{ name: 'copy.txt', bytes }]);
    expect(byName(again.body.results, 'copy.txt')).toMatchObject({ status: 'unchanged', message: '未变化：相同的文件已入库' });
  });

  it('says why each bad file failed, and a failed file changes nothing in the database', async () => {
    const before = await tableCounts(server.db);
    const garbage = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256);
    const { body } = await upload(server.url, [
      { name: '通知.txt', bytes: utf8('关于做好春节期间安全生产工作的通知\n各单位：请做好值班安排。') },
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'garbage.txt', bytes: garbage },
      { name: 'scan.pdf', bytes: utf8('<html><body>404 Not Found</body></html>') },
      { name: 'big.txt', bytes: utf8('年度报告'.repeat(100_000)) },
    ]);
    expect(byName(body.results, '通知.txt')!.message).toBe('失败：未识别为政府信息公开工作年度报告');
    expect(byName(body.results, 'empty.txt')!.message).toMatch(/^失败：空文件/);
    expect(byName(body.results, 'garbage.txt')!.message).toMatch(/^失败：不是文本、网页、Word 或 PDF 文档（二进制数据）/);
    expect(byName(body.results, 'scan.pdf')!.message).toMatch(/^失败：文件名为 \.pdf，但内容是文本/);
    expect(byName(body.results, 'big.txt')!.message).toBe('失败：文件过大，超过上限 1 MB');
    expect(body.results!.every((r) => r.status === 'failed')).toBe(true);
    expect(await tableCounts(server.db)).toEqual(before);
  });

  it('keeps a report cut off in the middle (even inside a character), with a warning, marked incomplete', async () => {
    const whole = report('岔河镇人民政府', '江苏省淮安市洪泽区岔河镇', 2022);
    const text = new TextDecoder().decode(whole);
    const cutAt = new TextEncoder().encode(text.slice(0, text.indexOf('四、政府信息公开行政复议'))).length + 4;
    const { body } = await upload(server.url, [{ name: 'cut.txt', bytes: whole.subarray(0, cutAt) }]);
    const r = byName(body.results, 'cut.txt')!;
    expect(r.status).toBe('ingested');
    expect(r.report!.incomplete).toEqual(['缺少第四部分（政府信息公开行政复议、行政诉讼情况）的数字']);
    expect(r.report!.warnings.some((w) => w.includes('cut off'))).toBe(true);
    const rows = (await server.db.runAndReadAll('SELECT reasons FROM incomplete_reports WHERE report_id = $id', { id: r.report!.id })).getRowObjectsJson();
    expect(rows).toHaveLength(1);
  });

  it('unpacks ZIP archives and refuses unsafe paths, nested archives and zip bombs entry by entry', async () => {
    const before = await tableCounts(server.db);
    const zip = zipSync({
      '报告/蒋坝镇.txt': report('蒋坝镇人民政府', '江苏省淮安市洪泽区蒋坝镇', 2023),
      '报告/西顺河镇.txt': report('西顺河镇人民政府', '江苏省淮安市洪泽区西顺河镇', 2023),
      '../evil.txt': report('老子山镇人民政府', '江苏省淮安市洪泽区老子山镇', 2023),
      '/etc/abs.txt': report('三河镇人民政府', '江苏省淮安市洪泽区三河镇', 2023),
      'inner.zip': zipSync({ 'x.txt': utf8('x') }),
      'bomb.txt': new Uint8Array(1_000_000),
      '__MACOSX/._蒋坝镇.txt': utf8('resource fork'),
    });
    const { body } = await upload(server.url, [{ name: 'reports.zip', bytes: zip }]);
    expect(byName(body.results, 'reports.zip/报告/蒋坝镇.txt')!.status).toBe('ingested');
    expect(byName(body.results, 'reports.zip/报告/西顺河镇.txt')!.status).toBe('ingested');
    expect(byName(body.results, 'reports.zip/../evil.txt')!.message).toMatch(/路径不安全/);
    expect(byName(body.results, 'reports.zip//etc/abs.txt')!.message).toMatch(/路径不安全/);
    expect(byName(body.results, 'reports.zip/inner.zip')!.message).toMatch(/压缩包内的压缩包/);
    expect(byName(body.results, 'reports.zip/bomb.txt')!.message).toMatch(/压缩比异常.*疑似压缩炸弹/);
    expect(body.results).toHaveLength(6);
    const after = await tableCounts(server.db);
    expect(after.reports).toBe(before.reports + 2);
    expect(existsSync(join(dirname(server.dbPath), 'evil.txt'))).toBe(false);
  });

  it('refuses an archive whose entries together exceed the uncompressed limit, and a corrupt one', async () => {
    const before = await tableCounts(server.db);
    // Prose-like entries (about 10:1), each under the file limit, together over the archive's.
    const words = ['政府', '信息', '公开', '申请', '办理', '答复', '年度', '报告', '行政', '复议', '诉讼', '主动', '依申请', '规章', '文件', '统计'];
    const prose = (seed: number) => {
      let x = seed;
      const out: string[] = [];
      while (out.length < 150_000) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        out.push(words[(x >>> 0) % words.length]);
      }
      return utf8(out.join(''));
    };
    const big = zipSync({ 'a.txt': prose(1), 'b.txt': prose(2), 'c.txt': prose(3), 'd.txt': prose(4) });
    expect(big.length).toBeLessThan(1024 * 1024);
    const { body } = await upload(server.url, [
      { name: 'big.zip', bytes: big },
      { name: 'half.zip', bytes: zipSync({ 'a.txt': report('蒋坝镇人民政府', '江苏省淮安市洪泽区蒋坝镇', 2021) }).subarray(0, 200) },
    ]);
    expect(byName(body.results, 'big.zip')!.message).toMatch(/解压后共 3\.\d MB，超过上限 3 MB/);
    expect(byName(body.results, 'half.zip')!.message).toMatch(/压缩包已损坏或不完整/);
    expect(await tableCounts(server.db)).toEqual(before);
  });

  it('limits the number of files in one request, and wants multipart', async () => {
    const files = Array.from({ length: 9 }, (_, i) => ({ name: `${i}.txt`, bytes: new Uint8Array() }));
    const { body } = await upload(server.url, files);
    expect(body.results).toHaveLength(8);
    expect(body.error).toBe('一次最多上传 8 个文件，其余文件未处理');
    const res = await fetch(`${server.url}/api/upload`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
  });
});
