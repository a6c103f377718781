import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * DuckDB on one thread for the while of `work`, then back to its setting: while an ingest parses
 * and writes files its parse workers keep every core busy, so DuckDB's own threads gain nothing,
 * and the thread that waits for them spins (a checkpoint of a national-sized file cost twice the
 * CPU on the default two threads; BENCHMARKS.md). The setting is the instance's: the server's pages
 * share it for the while.
 */
export async function withOneThread<T>(db: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  const [[threads]] = (await db.runAndReadAll("SELECT current_setting('threads')")).getRowsJS();
  await db.run('SET threads = 1');
  try {
    return await work();
  } finally {
    await db.run(`SET threads = ${Number(threads)}`);
  }
}
