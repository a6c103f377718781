import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../scripts/ingest/load/db';
import { withOneThread } from '../../scripts/ingest/load/one-thread';
import { tempDir } from '../support/shared';

const threadsOf = async (db: Awaited<ReturnType<typeof openDatabase>>) =>
  Number((await db.runAndReadAll("SELECT current_setting('threads')")).getRowsJS()[0][0]);

describe('DuckDB on one thread for the while of some work', () => {
  it('is on one thread for every connection during the work and back to its setting after, even when the work fails', async () => {
    const path = join(tempDir(), 'db.duckdb');
    const db = await openDatabase(path);
    const other = await openDatabase(path);
    await db.run('SET threads = 3');
    expect(await withOneThread(db, async () => [await threadsOf(db), await threadsOf(other)])).toEqual([1, 1]);
    expect(await threadsOf(other)).toBe(3);
    await expect(withOneThread(db, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await threadsOf(db)).toBe(3);
  });
});
