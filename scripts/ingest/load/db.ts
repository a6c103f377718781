/**
 * Opening the DuckDB file: one instance per file per process (two would not see each other's
 * writes), its schema brought up to date once. Another process holding the file is reported in
 * words (DatabaseLockedError), never as DuckDB's lock error.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ensureSchema } from './migrate';

export const DEFAULT_DB = 'data/nianbao.duckdb';

/** The file is open in another process (DuckDB allows one writer and no reader beside it). */
export class DatabaseLockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number | null,
  ) {
    super(
      `The database ${path} is in use by another process${pid ? ` (pid ${pid})` : ''}: only one program at a time can open it. ` +
        `Wait for it to finish or stop it, then try again. 数据库正被另一个进程使用，请等待其结束或先停止它。`,
    );
    this.name = 'DatabaseLockedError';
  }
}

/**
 * A new file is written in the current storage format, which can compress a column with zstd: the
 * reports' source text is most of the data, and zstd stores it in a tenth of the space FSST does.
 * An existing file keeps the format it was made with.
 */
const NEW_FILE_OPTIONS = { storage_compatibility_version: 'latest' };

/**
 * DuckDB checkpoints when the write-ahead log passes 16 MB by default, about every 1,500 reports an
 * ingest writes, and a checkpoint of a national-sized file costs 1.5–3.5 s of CPU however little
 * changed (writing 1,000 reports: 0.5 s; BENCHMARKS.md): most of a national ingest's time. 256 MB is
 * about 24,000 reports between checkpoints.
 */
const CHECKPOINT_OPTIONS = { checkpoint_threshold: '256MB' };

const instances = new Map<string, Promise<DuckDBInstance>>();

export function openInstance(path: string = DEFAULT_DB): Promise<DuckDBInstance> {
  const file = resolve(path);
  let ready = instances.get(file);
  if (!ready) {
    ready = (async () => {
      mkdirSync(dirname(file), { recursive: true });
      const instance = await DuckDBInstance.fromCache(file, { ...NEW_FILE_OPTIONS, ...CHECKPOINT_OPTIONS }).catch((err: unknown) => {
        throw lockError(err, file) ?? err;
      });
      const connection = await instance.connect();
      await ensureSchema(connection);
      connection.closeSync();
      return instance;
    })();
    instances.set(file, ready);
    ready.catch(() => instances.delete(file));
  }
  return ready;
}

/** A new connection to the file: each has its own transaction, so an ingest never shares one with page queries. */
export async function openDatabase(path: string = DEFAULT_DB): Promise<DuckDBConnection> {
  return (await openInstance(path)).connect();
}

/** DuckDB's "Could not set lock on file … (PID n)" as a DatabaseLockedError; anything else as null. */
export function lockError(err: unknown, path: string): DatabaseLockedError | null {
  const message = err instanceof Error ? err.message : String(err);
  if (!/Could not set lock on file|Conflicting lock is held/i.test(message)) return null;
  const pid = /PID (\d+)/.exec(message);
  return new DatabaseLockedError(path, pid ? Number(pid[1]) : null);
}
