/**
 * The writer's bulk string path: cell texts handed to DuckDB as UTF-8 bytes, short ones copied into
 * the vectors in DuckDB's inline string layout, long ones assigned one by one. What is read back must
 * be exactly what a per-value append of the same strings stores.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { append, type Utf8Column } from '../../scripts/ingest/load/columns';

const SAMPLES = ['', '0', '1,234', '—', 'abcdefghijkl', 'abcdefghijklm', '一二三四', '一二三四五', '本年度新收政府信息公开申请数量（件）', 'a\u0000b', null];

function utf8Column(values: readonly (string | null)[]): Utf8Column {
  const encoded = values.map((v) => new TextEncoder().encode(v ?? ''));
  const utf8 = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
  const start = new Int32Array(values.length);
  const end = new Int32Array(values.length);
  let at = 0;
  encoded.forEach((e, i) => {
    utf8.set(e, at);
    start[i] = at;
    end[i] = at += e.length;
  });
  return { utf8, start, end, valid: Uint8Array.from(values, (v) => (v === null ? 0 : 1)) };
}

describe('appending a UTF-8 column', () => {
  it('stores short, long, multi-byte, NUL-containing, empty and NULL values as a per-value append does, across chunks', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    await db.run('CREATE TABLE bulk (n INTEGER, s VARCHAR); CREATE TABLE each (n INTEGER, s VARCHAR)');
    // 5,000 rows: three chunks of 2,048 rows, the one reused chunk overwritten each time
    const values = Array.from({ length: 5000 }, (_, i) => SAMPLES[(i * 7) % SAMPLES.length]);
    const n = { typed: Int32Array.from(values, (_, i) => i) };
    await append(db, 'bulk', [n, utf8Column(values)], values.length);
    await append(db, 'each', [n, values], values.length);
    const read = async (t: string) => (await db.runAndReadAll(`SELECT s FROM ${t} ORDER BY n`)).getRowsJS().map((r) => r[0]);
    expect(await read('bulk')).toEqual(values);
    expect(await read('each')).toEqual(values);
    const equal = await db.runAndReadAll('SELECT count(*)::INTEGER FROM bulk b JOIN each e USING (n) WHERE b.s IS NOT DISTINCT FROM e.s AND b.s = e.s');
    expect(equal.getRowsJS()[0][0]).toBe(values.filter((v) => v !== null).length);
  });

  it('refuses UTF-8 bytes for a column that is not VARCHAR', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    await db.run('CREATE TABLE t (n INTEGER)');
    await expect(append(db, 't', [utf8Column(['1'])], 1)).rejects.toThrow(/UTF-8 bytes given for INTEGER/);
  });
});
