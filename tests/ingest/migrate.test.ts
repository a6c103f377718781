import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { openDatabase } from '../../scripts/ingest/load/db';
import { seedVariant } from '../support/seed-variant';
import { fixture, tempDir } from '../support/shared';

describe('opening a database made by version 1', () => {
  it('upgrades it in place: key columns as ENUMs, report_values as a table, chains and cross-year checks, and ingests into it', async () => {
    const dir = tempDir();
    const path = join(dir, 'v1.duckdb');
    const old = await (await DuckDBInstance.create(path)).connect();
    await old.run(readFileSync(fixture('schema-v1.sql'), 'utf8'));
    await old.run(`INSERT INTO reports (organ, jurisdiction_name, jurisdiction_code, parent, county, city, province, year, template, source_path, sha256, input_format)
      VALUES ('红土崖镇人民政府', '红土崖镇', '220602102', '浑江区', '浑江区', '白山市', '吉林省', 2021, '2021', 'old.txt', 'abc', 'txt')`);
    await old.run(`INSERT INTO figures VALUES (1, 'applications', 'carried_forward', 'total', 4, '4', 10, 11),
      (1, 'applications', 'received_new', 'total', 4, '4', 1, 2), (1, 'active', 'rules.in_force', NULL, 7, '7', 3, 4)`);
    await old.run(`INSERT INTO checks VALUES (1, 'review.total', NULL, NULL, 'review', true, 0, 0, false)`);
    old.closeSync();

    const db = await openDatabase(path);
    const one = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson()[0];
    const { data_type } = (await one(`SELECT data_type FROM duckdb_columns() WHERE table_name = 'figures' AND column_name = 'row_key'`)) as { data_type: string };
    expect(data_type).toMatch(/^ENUM\('rules\.issued', /);
    expect(await one(`SELECT "applications.carried_forward.total" AS f, "active.rules.in_force" AS r, "active.rules.issued" AS i FROM report_values`)).toEqual({
      f: 4,
      r: 7,
      i: null,
    });
    expect(await one(`SELECT county_code, chain IS NOT NULL AS chained, unit_key FROM reports`)).toEqual({ county_code: '220602', chained: true, unit_key: '220602102' });
    expect(await one(`SELECT units, reports FROM area_units WHERE area = '220602' AND all_years`)).toEqual({ units: 1, reports: 1 });
    // undated, so listed by 及时性
    expect(await one(`SELECT id, year, published FROM untimely_reports`)).toEqual({ id: 1, year: 2021, published: null });

    // The next year of the same organ, ingested into the upgraded file, is checked against the old one.
    const next = join(dir, '2022.txt');
    writeFileSync(next, seedVariant({ year: 2022, rules: [0, 0, 7], applications: { carried_over: 3, granted: 3, total: 3 } }));
    const summary = await ingestPaths(db, [next]);
    expect(summary).toMatchObject({ ingested: 1, failed: 0 });
    expect(await one(`SELECT count(*)::INTEGER AS n FROM jurisdictions WHERE level = 'township'`)).toMatchObject({ n: expect.any(Number) });
    const carried = await one(`SELECT ok, expected, actual FROM checks WHERE rule = 'cross_year.carried' AND col_key = 'total'`);
    expect(carried).toEqual({ ok: false, expected: 4, actual: 3 });
    expect(await one(`SELECT ok FROM checks WHERE rule = 'cross_year.in_force' AND row_key = 'rules.in_force'`)).toEqual({ ok: true });
  });
});
