/**
 * `kill -9` in the middle of a large ingest: the database opens cleanly, holds only whole reports,
 * and the same command run again completes it without a duplicate.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDb, runScript, startScript } from '../support/cli';
import { tempDir } from '../support/shared';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(join(dir, e.name)) : /\.(txt|html|docx|pdf)$/.test(e.name) ? 1 : 0), 0);
}

interface Consistency {
  reports: number;
  distinct_sha: number;
  wide: number;
  without_figures: number;
  orphan_figures: number;
  orphan_checks: number;
  orphan_wide: number;
  figures_mismatch: number;
  two_current: number;
}

const CONSISTENCY = `SELECT
  (SELECT count(*) FROM reports)::INTEGER AS reports,
  (SELECT count(DISTINCT sha256) FROM reports)::INTEGER AS distinct_sha,
  (SELECT count(*) FROM report_values)::INTEGER AS wide,
  (SELECT count(*) FROM reports r WHERE template <> 'legacy' AND NOT EXISTS (SELECT 1 FROM figures f WHERE f.report_id = r.id))::INTEGER AS without_figures,
  (SELECT count(*) FROM figures f WHERE f.report_id NOT IN (SELECT id FROM reports))::INTEGER AS orphan_figures,
  (SELECT count(*) FROM checks c WHERE c.report_id NOT IN (SELECT id FROM reports))::INTEGER AS orphan_checks,
  (SELECT count(*) FROM report_values v WHERE v.report_id NOT IN (SELECT id FROM reports))::INTEGER AS orphan_wide,
  (SELECT count(*) FROM figures f JOIN report_values v USING (report_id)
     WHERE f.tbl = 'applications' AND f.row_key = 'received_new' AND f.col_key = 'total'
       AND f.value IS DISTINCT FROM v."applications.received_new.total")::INTEGER AS figures_mismatch,
  (SELECT count(*) FROM (SELECT chain, year FROM current_reports WHERE chain IS NOT NULL AND year IS NOT NULL GROUP BY ALL HAVING count(*) > 1))::INTEGER AS two_current,
  (SELECT count(*) FROM reports r WHERE (SELECT count(*) FROM prose_signatures s WHERE s.report_id = r.id) <> 2)::INTEGER AS unsigned`;

describe('an ingest killed with SIGKILL', () => {
  it('leaves whole reports only, and the same command completes it without duplicates', { timeout: 600_000 }, async () => {
    const dir = tempDir();
    const corpus = join(dir, 'corpus');
    const synth = runScript('scripts/ingest/synth/cli.ts', ['--out', corpus, '--units', '400', '--years', '2019-2023', '--seed', '7']);
    expect(synth.status, synth.stderr).toBe(0);
    const files = countFiles(corpus);
    expect(files).toBeGreaterThan(1500);

    const db = join(dir, 'crash.duckdb');
    // The schema and division list first, so that the write-ahead log then grows with reports only.
    mkdirSync(join(dir, 'none'));
    expect(runScript('scripts/ingest/cli.ts', [join(dir, 'none'), '--db', db]).status).toBe(0);
    const ingest = startScript('scripts/ingest/cli.ts', [corpus, '--db', db, '--batch', '50', '--workers', '2']);
    let stderr = '';
    ingest.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((done) => ingest.on('exit', (_code, signal) => done(signal)));
    // Kill once a few batches are committed (the write-ahead log grows with each).
    const wal = `${db}.wal`;
    for (let i = 0; i < 1200 && !(existsSync(wal) && statSync(wal).size > 1_000_000); i++) await sleep(50);
    await sleep(300);
    ingest.kill('SIGKILL');
    expect(await exited, `the ingest ended before it was killed: ${stderr}`).toBe('SIGKILL');

    const [after] = await readDb<Consistency>(db, CONSISTENCY);
    expect(after.reports).toBeGreaterThan(0);
    expect(after.reports).toBeLessThan(files);
    expect(after).toEqual({ ...after, distinct_sha: after.reports, wide: after.reports, without_figures: 0, orphan_figures: 0, orphan_checks: 0, orphan_wide: 0, figures_mismatch: 0, two_current: 0, unsigned: 0 });

    const again = runScript('scripts/ingest/cli.ts', [corpus, '--db', db, '--json']);
    expect(again.status, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout) as { unchanged: number; ingested: number; superseded: number; failed: number };
    expect(summary.unchanged).toBe(after.reports);
    expect(summary.ingested + summary.superseded + summary.unchanged).toBe(files);

    const [final] = await readDb<Consistency>(db, CONSISTENCY);
    expect(final).toEqual({ ...final, reports: files, distinct_sha: files, wide: files, without_figures: 0, orphan_figures: 0, orphan_checks: 0, orphan_wide: 0, figures_mismatch: 0, two_current: 0, unsigned: 0 });
    const [pending] = await readDb<{ n: number; similarity: number }>(
      db,
      'SELECT (SELECT count(*) FROM cross_year_pending)::INTEGER AS n, (SELECT count(*) FROM similarity_pending)::INTEGER AS similarity',
    );
    expect(pending).toEqual({ n: 0, similarity: 0 });
  });
});
