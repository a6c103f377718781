/**
 * `npm run bench:load [-- --db PATH] [--seconds 30] [--connections 100] [--during-ingest DIR] [--json]`:
 * the server (server.ts, on 127.0.0.1 only, a free port) under autocannon, cycling the dashboard's
 * main pages; with --during-ingest, while the server ingests DIR (as `npm run ingest` hands it
 * over), so that the pages' answers are measured while the writer works. Prints requests/s, latency
 * percentiles, errors and non-2xx answers; exit status 1 if any request failed.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_DB } from '../ingest/load/db';

export const MAIN_PAGES = ['/', '/compare?in=320813&y=2019-2023', '/reports', '/reports?sort=-checks&size=100', '/quality', '/reports/1'];

export interface LoadResult {
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** what failed requests said, by message */
  errorKinds: Record<string, number>;
  /** the first visit of each page, before the load (cold caches), ms */
  firstVisit: Record<string, number>;
  ingest?: { files: number; ingested: number; seconds: number; finished: boolean };
}

export async function loadTest(url: string, seconds: number, connections: number, pages: string[] = MAIN_PAGES): Promise<LoadResult> {
  const firstVisit: Record<string, number> = {};
  for (const path of pages) {
    const t0 = performance.now();
    await (await fetch(`${url}${path}`)).arrayBuffer();
    firstVisit[path] = Math.round(performance.now() - t0);
  }
  const errorKinds: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const run = autocannon(
      { url, connections, duration: seconds, timeout: 30, requests: pages.map((path) => ({ method: 'GET', path })) },
      (err, r) => (err ? fail(err) : done(r)),
    );
    run.on('reqError', (e: Error) => (errorKinds[e.message] = (errorKinds[e.message] ?? 0) + 1));
  });
  return {
    errorKinds,
    firstVisit,
    seconds,
    connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: process.env.NIANBAO_DB ?? DEFAULT_DB },
      seconds: { type: 'string', default: '30' },
      connections: { type: 'string', default: '100' },
      'during-ingest': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const db = resolve(values.db!);
  process.env.NIANBAO_DB = db;
  process.env.NODE_ENV ??= 'production';
  const { startServer } = await import('../../server');
  const server = await startServer({ db, host: '127.0.0.1', port: 0 });
  let ingest: Promise<LoadResult['ingest']> | null = null;
  if (values['during-ingest']) {
    const t0 = performance.now();
    const token = process.env.NIANBAO_ADMIN_TOKEN;
    ingest = fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ paths: [resolve(values['during-ingest'])] }),
    }).then(async (res) => {
      const lines = (await res.text()).trim().split('\n');
      const { summary } = JSON.parse(lines[lines.length - 1]) as { summary: { files: number; ingested: number } };
      return { files: summary.files, ingested: summary.ingested, seconds: (performance.now() - t0) / 1000, finished: true };
    });
    // Let the ingest get going (workers started, first batches written) before measuring.
    await new Promise((r) => setTimeout(r, 3000));
  }
  const result = await loadTest(server.url, Number(values.seconds), Number(values.connections));
  if (ingest) {
    const pending = { files: 0, ingested: 0, seconds: 0, finished: false };
    result.ingest = await Promise.race([ingest, new Promise<typeof pending>((r) => setTimeout(() => r(pending), 100))]);
    if (!result.ingest?.finished) result.ingest = await ingest;
  }
  await server.close();
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stderr.write(
      `${result.connections} connections, ${result.seconds} s over ${MAIN_PAGES.length} pages: ${result.requests} requests, ` +
        `${result.requestsPerSecond.toFixed(1)} req/s, latency p50 ${result.p50} ms, p90 ${result.p90} ms, p99 ${result.p99} ms, max ${result.max} ms; ` +
        `${result.errors} errors ${JSON.stringify(result.errorKinds)}, ${result.timeouts} timeouts, ${result.non2xx} non-2xx; first visits ${JSON.stringify(result.firstVisit)}` +
        (result.ingest ? `; ingest of ${result.ingest.files} files took ${result.ingest.seconds.toFixed(1)} s` : '') +
        '\n',
    );
  }
  return result.errors + result.timeouts + result.non2xx === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await main());
