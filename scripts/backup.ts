/**
 * `npm run backup -- DIR [--db PATH]`: a consistent copy of the database in a new folder (load/backup.ts).
 * While the server holds the database, the server writes it. Exit status 0, 1 on failure, 2 on bad
 * usage, 3 if another program holds the file.
 */
import { resolve } from 'node:path';
import { BackupError, backupDatabase } from './ingest/load/backup';
import { DEFAULT_DB, DatabaseLockedError, openDatabase } from './ingest/load/db';
import { liveServer } from './ingest/load/server-file';

function args(argv: string[]): { dir: string; db: string } | null {
  let db = process.env.NIANBAO_DB ?? DEFAULT_DB;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) db = argv[++i];
    else if (argv[i] !== '--') rest.push(argv[i]);
  }
  return rest.length === 1 && !rest[0].startsWith('--') ? { dir: rest[0], db } : null;
}

async function main(argv: string[]): Promise<number> {
  const a = args(argv);
  if (!a) {
    process.stderr.write('usage: npm run backup -- DIR [--db PATH]\n');
    return 2;
  }
  const dir = resolve(a.dir);
  const server = await liveServer(a.db);
  if (server) {
    const token = process.env.NIANBAO_ADMIN_TOKEN;
    const res = await fetch(`${server.url}/api/backup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ dir }),
    });
    const body = (await res.json()) as { error?: string; counts?: Record<string, number> };
    if (!res.ok) {
      process.stderr.write(`backup failed (by the server at ${server.url}): ${body.error}\n`);
      return 1;
    }
    process.stderr.write(`backup written to ${dir} by the server at ${server.url}: ${body.counts?.reports ?? 0} reports\n`);
    return 0;
  }
  let db;
  try {
    db = await openDatabase(a.db);
  } catch (err) {
    if (!(err instanceof DatabaseLockedError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 3;
  }
  try {
    const manifest = await backupDatabase(db, dir);
    process.stderr.write(`backup written to ${dir}: ${manifest.counts.reports ?? 0} reports\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    process.stderr.write(`backup failed: ${err.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
