import type { DuckDBConnection } from '@duckdb/node-api';

/** `work` in one transaction: committed whole, or rolled back and its error thrown. */
export async function inTransaction<T>(db: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await db.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await db.run('COMMIT');
    return result;
  } catch (err) {
    // A failed statement can end the transaction itself; the error that matters is the first one.
    await db.run('ROLLBACK').catch(() => {});
    throw err;
  }
}
