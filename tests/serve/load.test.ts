/**
 * Many users: a short, bounded load on the main pages (the 30 s / 100 connection run is
 * `npm run bench:load`, figures in BENCHMARKS.md), and the pages answering while the server ingests
 * a corpus handed to it as `npm run ingest` does.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTest } from '../../scripts/bench/load';
import { startInProcess, type InProcessServer } from '../support/app-server';
import { runScript } from '../support/cli';
import { buildDashboardDb } from '../support/dashboard-db';
import { tempDir } from '../support/shared';

describe('under load', () => {
  let server: InProcessServer;
  beforeAll(async () => {
    server = await startInProcess();
    await buildDashboardDb(server.db, tempDir());
  });
  afterAll(() => server?.close());

  it('answers every request of 20 connections for 5 s on the main pages', { timeout: 120_000 }, async () => {
    const r = await loadTest(server.url, 5, 20);
    expect(r.requests).toBeGreaterThan(20);
    expect({ errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
  });

  it('keeps answering pages while it ingests a corpus', { timeout: 600_000 }, async () => {
    const corpus = join(tempDir(), 'corpus');
    expect(runScript('scripts/ingest/synth/cli.ts', ['--out', corpus, '--units', '120', '--years', '2019-2023', '--seed', '3']).status).toBe(0);
    let done = false;
    const ingest = fetch(`${server.url}/api/ingest`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: [corpus] }) })
      .then((res) => res.text())
      .finally(() => (done = true));
    const answers: { path: string; status: number; ms: number }[] = [];
    const pages = ['/', '/reports', '/quality', '/compare?in=320813&y=2019-2023', '/reports/1'];
    for (let i = 0; !done; i++) {
      const path = pages[i % pages.length];
      const t0 = performance.now();
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      answers.push({ path, status: res.status, ms: performance.now() - t0 });
    }
    const summary = JSON.parse((await ingest).trim().split('\n').pop()!) as { summary: { ingested: number; failed: number } };
    expect(summary.summary.ingested).toBe(600);
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(15_000);
  });
});
