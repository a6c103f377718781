/**
 * `npm run ingest -- <file|dir>... [--db PATH] [--json] [--workers N]`: parse report files into the
 * database. When a server holds the database (npm start), the files are handed to it; otherwise
 * the file is opened here. Another process holding it is said in words, with exit status 3.
 */
import { resolve } from 'node:path';
import type { IngestSummary, Progress } from './ingest';
import { DEFAULT_DB } from './load/default-db';
import { liveServer } from './load/server-file';
import { progressBar } from './progress';

const INGEST_MEMORY_LIMIT = '400MB';

const USAGE = 'usage: npm run ingest -- <file|dir>... [--db PATH] [--json] [--workers N] [--batch N]';

interface Args {
  paths: string[];
  db: string;
  json: boolean;
  workers?: number;
  /** reports per transaction */
  batch?: number;
}

function parseArgs(argv: string[]): Args | null {
  const args: Args = { paths: [], db: process.env.NIANBAO_DB ?? DEFAULT_DB, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db' || a === '--workers' || a === '--batch') {
      const v = argv[++i];
      if (!v) return null;
      if (a === '--db') args.db = v;
      else if (!/^\d+$/.test(v)) return null;
      else if (a === '--workers') args.workers = Number(v);
      else if (Number(v) > 0) args.batch = Number(v);
      else return null;
    } else if (a === '--json') args.json = true;
    else if (a === '--') continue;
    else if (a.startsWith('--')) return null;
    else args.paths.push(a);
  }
  return args.paths.length ? args : null;
}

function printSummary(s: IngestSummary, via: string): void {
  const lines = [
    `${s.files} files in ${s.seconds.toFixed(1)} s${via}: ${s.ingested} ingested, ${s.superseded} superseded an older version, ${s.unchanged} unchanged (skipped), ${s.failed} failed`,
    ...s.results.filter((r) => r.status === 'failed').map((r) => `  failed: ${r.path}: ${r.error}`),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

/** The server does the ingest; its progress and summary come back as NDJSON. */
async function viaServer(url: string, paths: string[], onProgress: (p: Progress) => void): Promise<IngestSummary> {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(process.env.NIANBAO_ADMIN_TOKEN ? { Authorization: `Bearer ${process.env.NIANBAO_ADMIN_TOKEN}` } : {}),
    },
    body: JSON.stringify({ paths: paths.map((p) => resolve(p)) }),
  });
  if (!res.ok || !res.body) throw new Error(`the server at ${url} refused the ingest: ${res.status} ${await res.text()}`);
  let buffer = '';
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += decoder.decode(chunk.value, { stream: true });
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const message = JSON.parse(buffer.slice(0, nl)) as { progress?: Progress; summary?: IngestSummary; error?: string };
      buffer = buffer.slice(nl + 1);
      if (message.progress) onProgress(message.progress);
      if (message.summary) return message.summary;
      if (message.error) throw new Error(`the server's ingest failed: ${message.error}`);
    }
  }
  throw new Error(`the server at ${url} ended the ingest without a summary`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const bar = progressBar(process.stderr);
  const server = await liveServer(args.db);
  let summary: IngestSummary;
  if (server) {
    summary = await viaServer(server.url, args.paths, bar.update);
  } else {
    // Loaded only here: handing files to a server needs neither DuckDB nor the parser (≈ 0.4 s to load).
    const { DatabaseLockedError, openDatabase } = await import('./load/db');
    const { ingestPaths } = await import('./ingest');
    let db;
    try {
      db = await openDatabase(args.db);
    } catch (err) {
      if (!(err instanceof DatabaseLockedError)) throw err;
      process.stderr.write(`${err.message}\n`);
      return 3;
    }
    // DuckDB would otherwise keep up to 80% of the machine's memory as cache; a batch needs little, and at
    // 768 MB the national ingest's cache filled and the process peaked at 1.75 GB.
    await db.run(`SET memory_limit = '${INGEST_MEMORY_LIMIT}'`);
    // This process ingests once: its workers end with it, not kept for another ingest.
    summary = await ingestPaths(db, args.paths, (_d, _t, p) => bar.update(p), { workers: args.workers, batch: args.batch, keepIdle: 0 });
  }
  bar.end();
  const via = server ? ` (by the server at ${server.url}, pid ${server.pid})` : '';
  if (args.json) process.stdout.write(`${JSON.stringify({ ...summary, ...(server ? { server: server.url } : {}), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  else printSummary(summary, via);
  return summary.failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
