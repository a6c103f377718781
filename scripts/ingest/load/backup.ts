/**
 * Backups: `EXPORT DATABASE` (one transaction, so a consistent copy even while the server writes) as
 * Parquet plus the schema, into a fresh folder that appears whole or not at all (written beside it,
 * then renamed), with the row counts. A restore imports it into a new file beside the target, checks
 * the counts, brings the schema up to date and only then puts the file in place; the file it
 * replaces is kept aside.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './db';
import { ensureSchema } from './migrate';

export const MANIFEST = 'nianbao-backup.json';

interface Manifest {
  created: string;
  counts: Record<string, number>;
}

async function counts(db: DuckDBConnection): Promise<Record<string, number>> {
  const tables = (await db.runAndReadAll(`SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1`)).getRowObjectsJson() as { t: string }[];
  const out: Record<string, number> = {};
  for (const { t } of tables) {
    const [row] = (await db.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM "${t.replace(/"/g, '""')}"`)).getRowObjectsJson() as { n: string }[];
    out[t] = Number(row.n);
  }
  return out;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Writes a backup of `db` into `dir`, which must not exist or be empty. */
export async function backupDatabase(db: DuckDBConnection, dir: string): Promise<Manifest> {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new BackupError(`${target} is not empty: give a new folder for the backup`);
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now()}`);
  try {
    await db.run('BEGIN TRANSACTION');
    let manifest: Manifest;
    try {
      manifest = { created: new Date().toISOString(), counts: await counts(db) };
      await db.run(`EXPORT DATABASE ${sqlString(partial)} (FORMAT parquet)`);
    } finally {
      await db.run('COMMIT');
    }
    writeFileSync(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(partial, target);
    return manifest;
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Restores the backup in `dir` as the database file `target`. An existing target is kept as
 * `<target>.before-restore-<time>`; the caller must make sure no program has it open.
 */
export async function restoreDatabase(dir: string, target: string): Promise<{ counts: Record<string, number>; previous: string | null }> {
  const source = resolve(dir);
  const manifestPath = join(source, MANIFEST);
  if (!existsSync(manifestPath)) throw new BackupError(`${source} is not a Nianbao backup (no ${MANIFEST})`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const file = resolve(target);
  const fresh = `${file}.restoring-${process.pid}-${Date.now()}`;
  try {
    const instance = await DuckDBInstance.create(fresh, { storage_compatibility_version: 'latest' });
    const db = await instance.connect();
    try {
      await db.run(`IMPORT DATABASE ${sqlString(source)}`);
      const restored = await counts(db);
      for (const [table, n] of Object.entries(manifest.counts)) {
        if (restored[table] !== n) throw new BackupError(`the backup is damaged: ${table} has ${restored[table] ?? 0} rows, the backup says ${n}`);
      }
      await ensureSchema(db);
      await db.run('CHECKPOINT');
    } finally {
      db.closeSync();
      instance.closeSync();
    }
    let previous: string | null = null;
    if (existsSync(file)) {
      previous = `${file}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(file, previous);
      if (existsSync(`${file}.wal`)) renameSync(`${file}.wal`, `${previous}.wal`);
    }
    renameSync(fresh, file);
    return { counts: manifest.counts, previous };
  } finally {
    rmSync(fresh, { force: true });
    rmSync(`${fresh}.wal`, { force: true });
  }
}
