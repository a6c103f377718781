/**
 * `incomplete_reports` is new: a database file made before it gains the table when opened, keeping
 * every row, and marks the incomplete reports ingested from then on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDb, runScript } from '../support/cli';
import { renderReport } from '../support/report-text';
import { tempDir } from '../support/shared';

describe('an existing database without incomplete_reports', () => {
  it('gains the table without losing a row', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const db = join(dir, 'old.duckdb');
    const whole = join(dir, 'whole.txt');
    writeFileSync(whole, renderReport({ organ: '蒋坝镇人民政府', place: '江苏省淮安市洪泽区蒋坝镇', year: 2022, format: '2021' }));
    expect(runScript('scripts/ingest/cli.ts', [whole, '--db', db]).status).toBe(0);
    // The file as an earlier version of the program left it.
    await readDb(db, 'DROP TABLE incomplete_reports');
    const [before] = await readDb<{ n: number; f: number }>(db, 'SELECT (SELECT count(*) FROM reports)::INTEGER AS n, (SELECT count(*) FROM figures)::INTEGER AS f');
    expect(before.n).toBe(1);

    const cut = join(dir, 'cut.txt');
    const text = renderReport({ organ: '岔河镇人民政府', place: '江苏省淮安市洪泽区岔河镇', year: 2022, format: '2021' });
    writeFileSync(cut, text.slice(0, text.indexOf('三、收到和处理')));
    const run = runScript('scripts/ingest/cli.ts', [cut, '--db', db, '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ ingested: 1, failed: 0 });

    const rows = await readDb<{ organ: string; reasons: string[] | null }>(
      db,
      'SELECT r.organ, i.reasons FROM reports r LEFT JOIN incomplete_reports i ON i.report_id = r.id ORDER BY r.id',
    );
    expect(rows).toEqual([
      { organ: '蒋坝镇人民政府', reasons: null },
      {
        organ: '岔河镇人民政府',
        reasons: ['缺少第三部分（收到和处理政府信息公开申请情况）的数字', '缺少第四部分（政府信息公开行政复议、行政诉讼情况）的数字'],
      },
    ]);
    const [after] = await readDb<{ f: number }>(db, 'SELECT count(*)::INTEGER AS f FROM figures WHERE report_id = 1');
    expect(after.f).toBe(before.f);
  });
});
