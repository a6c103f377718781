/**
 * `npm start`: build if the build is missing or older than the sources, ingest the bundled reports
 * (a no-op when they are already in), then serve. Installs nothing. While it serves it holds the
 * database and says so next to it, so that `npm run ingest` hands files to it (server-file.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths } from './ingest/ingest';
import { DatabaseLockedError } from './ingest/load/db';
import { announceServer, withdrawServer } from './ingest/load/server-file';
import { databasePath, db } from '../app/models/db.server';
import { startServer } from '../server';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
  if (built > Math.max(newestMtime('app'), newestMtime('scripts/ingest'))) return;
  console.error('Building the app (remix build)…');
  execFileSync(process.execPath, ['node_modules/@remix-run/dev/dist/cli.js', 'build'], { stdio: 'inherit' });
}

async function main(): Promise<number> {
  buildIfNeeded();
  const path = databasePath();
  let connection;
  try {
    connection = await db();
  } catch (err) {
    if (!(err instanceof DatabaseLockedError)) throw err;
    console.error(err.message);
    return 3;
  }
  const summary = await ingestPaths(connection, ['data/reports']);
  console.error(`Bundled reports in ${path}: ${summary.ingested} new, ${summary.unchanged} already there, ${summary.failed} failed`);
  for (const r of summary.results.filter((x) => x.status === 'failed')) console.error(`  failed: ${r.path}: ${r.error}`);
  const { url } = await startServer({ db: path });
  announceServer(path, url);
  process.on('exit', () => withdrawServer(path));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(0));
  console.error(`Nianbao is serving on ${url}`);
  return 0;
}

const code = await main();
if (code !== 0) process.exit(code);
