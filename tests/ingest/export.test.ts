import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { EXPORTS, exportParquet } from '../../scripts/export';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { correctFigure } from '../../scripts/ingest/load/corrections';
import { openDatabase } from '../../scripts/ingest/load/db';
import { seedVariant } from '../support/seed-variant';
import { tempDir } from '../support/shared';

async function one(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

describe('npm run export -- --parquet DIR', () => {
  it('writes every table partitioned by year, and any DuckDB reads back the same counts and sums', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'db.duckdb'));
    const files = [2020, 2021, 2022].map((year) => {
      const path = join(dir, `${year}.txt`);
      writeFileSync(path, seedVariant({ year, rules: [year - 2019, 0, year - 2000], applications: { received_new: year - 2017, granted: year - 2017, total: year - 2017 } }));
      return path;
    });
    writeFileSync(join(dir, 'no-year.txt'), seedVariant({ anonymous: true }).replaceAll('2022年', ''));
    await ingestPaths(db, [...files, join(dir, 'no-year.txt')]);
    const [{ id }] = await one(db, 'SELECT id FROM reports WHERE year = 2021');
    await correctFigure(db, { reportId: id as number, key: 'active.rules.in_force', value: '30', who: '王审核', reason: '据纸质件' });
    const out = join(dir, 'parquet');
    const counts = await exportParquet(db, out);

    const reader = await (await DuckDBInstance.create(':memory:')).connect();
    const parquet = (table: string, byYear: boolean) =>
      byYear ? `read_parquet('${out}/${table}/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER})` : `read_parquet('${out}/${table}.parquet')`;
    for (const e of EXPORTS) {
      const [stored] = await one(db, `SELECT count(*)::INTEGER AS n FROM ${e.table}`);
      const [exported] = await one(reader, `SELECT count(*)::INTEGER AS n FROM ${parquet(e.table, e.byYear)}`);
      expect(exported.n).toBe(stored.n);
      expect(counts[e.table]).toBe(stored.n);
    }
    const byYear = `SELECT r.year, count(*)::INTEGER AS figures, sum(f.value) AS total, count(f.value)::INTEGER AS printed
      FROM figures f JOIN reports r ON r.id = f.report_id GROUP BY ALL ORDER BY ALL`;
    const exportedByYear = `SELECT year, count(*)::INTEGER AS figures, sum(value) AS total, count(value)::INTEGER AS printed
      FROM ${parquet('figures', true)} GROUP BY ALL ORDER BY ALL`;
    const stored = await one(db, byYear);
    expect(stored.map((r) => r.year)).toEqual([2020, 2021, 2022, null]);
    expect(await one(reader, exportedByYear)).toEqual(stored);

    const wide = `sum("active.rules.in_force") AS in_force, sum("applications.received_new.total") AS received`;
    expect(await one(reader, `SELECT ${wide} FROM ${parquet('report_values', true)}`)).toEqual(await one(db, `SELECT ${wide} FROM report_values`));
    expect(await one(reader, `SELECT ${wide} FROM ${parquet('report_values', true)}`)).toEqual([{ in_force: 20 + 30 + 22, received: 3 + 4 + 5 }]);
    expect(await one(reader, `SELECT report_id, year, tbl, row_key, old_value, new_value, who, reason FROM ${parquet('corrections', false)}`)).toEqual([
      { report_id: id, year: 2021, tbl: 'active', row_key: 'rules.in_force', old_value: 21, new_value: 30, who: '王审核', reason: '据纸质件' },
    ]);
    expect(await one(reader, `SELECT count(*)::INTEGER AS n FROM ${parquet('checks', true)} WHERE NOT ok`)).toEqual(
      await one(db, `SELECT count(*)::INTEGER AS n FROM checks WHERE NOT ok`),
    );
  });
});
