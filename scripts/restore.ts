/**
 * `npm run restore -- DIR [--db PATH]`: the backup in DIR becomes the database file (load/backup.ts);
 * the file it replaces is kept as `<file>.before-restore-<time>`. The server must be stopped first.
 * Exit status 0, 1 on failure, 2 on bad usage, 3 if a program holds the file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { BackupError, restoreDatabase } from './ingest/load/backup';
import { DEFAULT_DB, lockError } from './ingest/load/db';
import { liveServer } from './ingest/load/server-file';

async function main(argv: string[]): Promise<number> {
  let db = process.env.NIANBAO_DB ?? DEFAULT_DB;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) db = argv[++i];
    else if (argv[i] !== '--') rest.push(argv[i]);
  }
  if (rest.length !== 1) {
    process.stderr.write('usage: npm run restore -- DIR [--db PATH]\n');
    return 2;
  }
  const file = resolve(db);
  const server = await liveServer(file);
  if (server) {
    process.stderr.write(`The server at ${server.url} (pid ${server.pid}) holds ${file}: stop it, then restore. 请先停止服务器再恢复。\n`);
    return 3;
  }
  if (existsSync(file)) {
    // Open and close it: if another program holds it, DuckDB says so.
    try {
      (await DuckDBInstance.create(file)).closeSync();
    } catch (err) {
      const locked = lockError(err, file);
      if (!locked) throw err;
      process.stderr.write(`${locked.message}\n`);
      return 3;
    }
  }
  try {
    const { counts, previous } = await restoreDatabase(rest[0], file);
    process.stderr.write(`restored ${file} from ${resolve(rest[0])}: ${counts.reports ?? 0} reports${previous ? `; the previous file is kept as ${previous}` : ''}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    process.stderr.write(`restore failed: ${err.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
