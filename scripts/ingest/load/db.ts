/**
 * Opening the DuckDB file: one instance per file per process (two would not see each other's
 * writes), its schema brought up to date once. Another process holding the file is reported in
 * words (DatabaseLockedError), never as DuckDB's lock error.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_DB } from './default-db';
import { ensureSchema } from './migrate';

export { DEFAULT_DB };

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
 * ingest writes, and each checkpoint also rewrites every table's last, partly filled row group
 * (ROW_GROUP_SIZE). 256 MB is about 24,000 reports between checkpoints; with the small row groups,
 * 64 MB still cost a national ingest 7 % more CPU (BENCHMARKS.md).
 */
const CHECKPOINT_OPTIONS = { checkpoint_threshold: '256MB' };

/**
 * Rows per row group, against DuckDB's 122,880. A checkpoint rewrites a table's last, partly filled
 * row group whole, and the reports' holds their source texts (zstd) and prose parts (FSST): with
 * the default, a checkpoint late in a national ingest recompressed up to 122,880 of them (8,000
 * reports added to the national file: 2.8–3.6 s of CPU, against 0.2–0.7 s with 16,384; the pages'
 * queries are no slower; BENCHMARKS.md). DuckDB takes the size only as an ATTACH option, and does
 * not keep it in the file.
 */
export const ROW_GROUP_SIZE = 16_384;

/** The name of the attached file in its instance; every connection handed out uses it. */
const ALIAS = 'nianbao';

/** A string as an SQL literal, for statements that take no parameters (ATTACH, EXPORT). */
export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

const instances = new Map<string, Promise<DuckDBInstance>>();

/**
 * The file is attached to a named in-memory instance (for ROW_GROUP_SIZE): DuckDB's instance cache
 * hands the same instance to every caller in the process, as it did when the file itself was
 * cached, so two module copies (a reloaded server module, say) never open the file twice.
 */
export function openInstance(path: string = DEFAULT_DB): Promise<DuckDBInstance> {
  const file = resolve(path);
  let ready = instances.get(file);
  if (!ready) {
    ready = (async () => {
      mkdirSync(dirname(file), { recursive: true });
      const instance = await DuckDBInstance.fromCache(`:memory:${file}`, { ...NEW_FILE_OPTIONS, ...CHECKPOINT_OPTIONS });
      const connection = await instance.connect();
      try {
        await connection.run(`ATTACH IF NOT EXISTS ${sqlString(file)} AS ${ALIAS} (ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`).catch((err: unknown) => {
          throw lockError(err, file) ?? err;
        });
        await connection.run(`USE ${ALIAS}`);
        await ensureSchema(connection);
      } finally {
        connection.closeSync();
      }
      return instance;
    })();
    instances.set(file, ready);
    ready.catch(() => instances.delete(file));
  }
  return ready;
}

/** A new connection to the file: each has its own transaction, so an ingest never shares one with page queries. */
export async function openDatabase(path: string = DEFAULT_DB): Promise<DuckDBConnection> {
  const connection = await (await openInstance(path)).connect();
  await connection.run(`USE ${ALIAS}`);
  return connection;
}

/** DuckDB's "Could not set lock on file … (PID n)" as a DatabaseLockedError; anything else as null. */
export function lockError(err: unknown, path: string): DatabaseLockedError | null {
  const message = err instanceof Error ? err.message : String(err);
  if (!/Could not set lock on file|Conflicting lock is held/i.test(message)) return null;
  const pid = /PID (\d+)/.exec(message);
  return new DatabaseLockedError(path, pid ? Number(pid[1]) : null);
}
