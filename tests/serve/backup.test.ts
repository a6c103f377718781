/**
 * `npm run backup -- DIR` and `npm run restore -- DIR`: the round trip gives back every row, the
 * restored file takes new reports as the original did, and while the server holds the database the
 * backup is written by the server and a restore is refused.
 */
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDb, runScript } from '../support/cli';
import { fixtureSpecs } from '../support/dashboard-db';
import { renderReport } from '../support/report-text';
import { startServer, stopServer, type Started } from '../support/server';
import { tempDir } from '../support/shared';

/** Every table's rows, and a digest of each table's content in a stable order. */
const DIGESTS: Record<string, string> = {
  reports: `concat_ws('|', id, organ, year, sha256, superseded_by, failed_checks, md5(source_text)) ORDER BY id`,
  figures: `concat_ws('|', report_id, tbl, row_key, col_key, value, raw, start_pos) ORDER BY report_id, tbl, row_key, col_key`,
  checks: `concat_ws('|', report_id, rule, row_key, col_key, grp, ok, expected, actual, prev_report_id) ORDER BY report_id, rule, row_key, col_key, grp`,
  report_values: `concat_ws('|', report_id, "applications.granted.total", "active.rules.issued", "review.review.total") ORDER BY report_id`,
  incomplete_reports: `concat_ws('|', report_id, reasons) ORDER BY report_id`,
  jurisdictions: `concat_ws('|', code, name, level) ORDER BY code`,
};

async function digest(file: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [t, agg] of Object.entries(DIGESTS)) {
    out[t] = (await readDb(file, `SELECT count(*)::INTEGER AS n, md5(coalesce(string_agg(${agg}), '')) AS d FROM ${t}`))[0];
  }
  return out;
}

function writeReports(dir: string): string {
  const reports = join(dir, 'reports');
  mkdirSync(reports, { recursive: true });
  for (const { file, spec } of fixtureSpecs()) writeFileSync(join(reports, file), renderReport(spec));
  // one cut off before its part 四: kept, marked incomplete
  const cut = renderReport({ organ: '老子山镇人民政府', place: '江苏省淮安市洪泽区老子山镇', year: 2022, format: '2021' });
  writeFileSync(join(reports, 'cut.txt'), cut.slice(0, cut.indexOf('四、')));
  return reports;
}

describe('backup and restore', () => {
  const dir = tempDir();
  const db = join(dir, 'nianbao.duckdb');
  const backup = join(dir, 'backup');
  let server: Started | undefined;
  afterAll(async () => {
    if (server) await stopServer(server.child);
  });

  it('round-trips every row of every table', { timeout: 300_000 }, async () => {
    const reports = writeReports(dir);
    expect(runScript('scripts/ingest/cli.ts', [reports, '--db', db]).status).toBe(0);
    const original = await digest(db);
    expect(original.incomplete_reports).toMatchObject({ n: 1 });
    expect(original.reports).toMatchObject({ n: fixtureSpecs().length + 1 });

    const made = runScript('scripts/backup.ts', [backup, '--db', db]);
    expect(made.status, made.stderr).toBe(0);
    expect(readdirSync(backup)).toEqual(expect.arrayContaining(['schema.sql', 'load.sql', 'nianbao-backup.json']));
    expect(readdirSync(dirname(backup)).filter((f) => f.includes('.partial-'))).toEqual([]);

    const copy = join(dir, 'restored.duckdb');
    const restored = runScript('scripts/restore.ts', [backup, '--db', copy]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(await digest(copy)).toEqual(original);

    // The restored file is a working database: the same files are unchanged, a new one goes in.
    const again = runScript('scripts/ingest/cli.ts', [reports, '--db', copy, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ingested: 0, unchanged: fixtureSpecs().length + 1 });
    const extra = join(dir, 'extra.txt');
    writeFileSync(extra, renderReport({ organ: '三河镇人民政府', place: '江苏省淮安市洪泽区三河镇', year: 2023, format: '2021' }));
    expect(JSON.parse(runScript('scripts/ingest/cli.ts', [extra, '--db', copy, '--json']).stdout)).toMatchObject({ ingested: 1 });
  });

  it('refuses a folder that is not empty, and a folder that is not a backup', () => {
    const made = runScript('scripts/backup.ts', [backup, '--db', db]);
    expect(made.status).toBe(1);
    expect(made.stderr).toContain('is not empty');
    const bad = runScript('scripts/restore.ts', [dir, '--db', join(dir, 'other.duckdb')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('is not a Nianbao backup');
    expect(existsSync(join(dir, 'other.duckdb'))).toBe(false);
  });

  it('restoring over a database keeps the replaced file aside', async () => {
    const restored = runScript('scripts/restore.ts', [backup, '--db', db]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('nianbao.duckdb.before-restore-'))).toHaveLength(1);
  });

  it('while the server runs: the server writes the backup, and a restore is refused', { timeout: 300_000 }, async () => {
    process.env.NIANBAO_DEMO = '0';
    server = await startServer(db, join(dir, 'demo'));
    const live = join(dir, 'live-backup');
    const made = runScript('scripts/backup.ts', [live, '--db', db]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toContain('by the server at');
    expect(existsSync(join(live, 'nianbao-backup.json'))).toBe(true);
    const refused = runScript('scripts/restore.ts', [live, '--db', db]);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('stop it');
  });
});
