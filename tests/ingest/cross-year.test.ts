import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { openDatabase } from '../../scripts/ingest/load/db';
import { seedVariant, type Variant } from '../support/seed-variant';
import { tempDir } from '../support/shared';

interface CrossCheck {
  year: number;
  prev_year: number;
  rule: string;
  row_key: string;
  col_key: string | null;
  ok: boolean;
  expected: number;
  actual: number;
}

async function crossChecks(db: DuckDBConnection): Promise<CrossCheck[]> {
  const reader = await db.runAndReadAll(`
    SELECT r.year, p.year AS prev_year, c.rule::VARCHAR AS rule, c.row_key::VARCHAR AS row_key, c.col_key::VARCHAR AS col_key, c.ok, c.expected, c.actual
    FROM checks c JOIN reports r ON r.id = c.report_id JOIN reports p ON p.id = c.prev_report_id
    WHERE c.rule IN ('cross_year.carried', 'cross_year.in_force')
    ORDER BY r.year, c.rule, c.row_key, c.col_key`);
  return reader.getRowObjectsJson() as unknown as CrossCheck[];
}

/** check_failures holds exactly the failing rows of checks. */
async function expectFailuresCopied(db: DuckDBConnection): Promise<number> {
  const [row] = (await (
    await db.runAndReadAll(`SELECT
      (SELECT count(*) FROM (SELECT * FROM checks WHERE NOT ok EXCEPT ALL SELECT * FROM check_failures))::INTEGER AS missing,
      (SELECT count(*) FROM (SELECT * FROM check_failures EXCEPT ALL SELECT * FROM checks WHERE NOT ok))::INTEGER AS extra,
      (SELECT count(*) FROM check_failures)::INTEGER AS failures`)
  ).getRowObjectsJson()) as { missing: number; extra: number; failures: number }[];
  expect(row).toMatchObject({ missing: 0, extra: 0 });
  return row.failures;
}

describe('cross-year checks of one organ', () => {
  const dir = tempDir();
  let db: DuckDBConnection;
  const file = (name: string, v: Variant) => {
    const path = join(dir, name);
    writeFileSync(path, seedVariant(v));
    return path;
  };

  beforeAll(async () => {
    db = await openDatabase(join(dir, 'db.duckdb'));
    const paths = [
      file('2021.txt', { year: 2021, rules: [0, 0, 5], normative: [0, 0, 3], applications: { received_new: 2, carried_forward: 2 } }),
      // 5 + 1 − 0 = 6 and 3 + 2 − 1 = 4; the 2 carried forward are carried over.
      file('2022.txt', { year: 2022, rules: [1, 0, 6], normative: [2, 1, 4], applications: { carried_over: 2, granted: 2, total: 2 } }),
      // 6 + 0 − 0 ≠ 9, and 3 carried over where 2022 carried nothing forward.
      file('2023.txt', { year: 2023, rules: [0, 0, 9], normative: [0, 0, 4], applications: { carried_over: 3, granted: 3, total: 3 } }),
    ];
    const summary = await ingestPaths(db, paths);
    expect(summary).toMatchObject({ ingested: 3, failed: 0, cross_year_organs: 1 });
    // the phases are laps of the one clock that times the ingest, so they add up to its seconds
    const phases = Object.values(summary.phases);
    expect(phases).toHaveLength(4);
    for (const s of phases) expect(s).toBeGreaterThan(0);
    expect(phases.reduce((a, b) => a + b, 0)).toBeCloseTo(summary.seconds, 2);
  });

  it('stores a check per applicant column and per in-force row on the later report of each pair', async () => {
    const checks = await crossChecks(db);
    expect(checks.filter((c) => c.year === 2021)).toEqual([]);
    for (const year of [2022, 2023]) {
      const of = checks.filter((c) => c.year === year);
      expect(of.every((c) => c.prev_year === year - 1)).toBe(true);
      expect(of.filter((c) => c.rule === 'cross_year.carried')).toHaveLength(7);
      expect(of.filter((c) => c.rule === 'cross_year.in_force').map((c) => c.row_key).sort()).toEqual(['normative.in_force', 'rules.in_force']);
    }
    expect(checks.filter((c) => c.year === 2022 && !c.ok)).toEqual([]);
  });

  it('finds exactly the breaks: the carried-over applications and the rules in force of 2023', async () => {
    const breaks = (await crossChecks(db)).filter((c) => !c.ok);
    expect(breaks).toEqual([
      { year: 2023, prev_year: 2022, rule: 'cross_year.carried', row_key: 'carried_over', col_key: 'natural_person', ok: false, expected: 0, actual: 3 },
      { year: 2023, prev_year: 2022, rule: 'cross_year.carried', row_key: 'carried_over', col_key: 'total', ok: false, expected: 0, actual: 3 },
      { year: 2023, prev_year: 2022, rule: 'cross_year.in_force', row_key: 'rules.in_force', col_key: null, ok: false, expected: 6, actual: 9 },
    ]);
    const failed = (await (await db.runAndReadAll('SELECT year, failed_checks FROM reports ORDER BY year')).getRowObjectsJson()) as unknown;
    expect(failed).toEqual([
      { year: 2021, failed_checks: 0 },
      { year: 2022, failed_checks: 0 },
      { year: 2023, failed_checks: 0 },
    ]);
    expect(await expectFailuresCopied(db)).toBe(3);
  });

  it('recomputes the checks when a corrected report supersedes the broken one', async () => {
    const fixed = file('2023-corrected.txt', { year: 2023, rules: [0, 0, 6], normative: [0, 0, 4], note: 'corrected' });
    const summary = await ingestPaths(db, [fixed]);
    expect(summary).toMatchObject({ superseded: 1, cross_year_organs: 1 });
    const checks = await crossChecks(db);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    const [{ n }] = (await (await db.runAndReadAll(`
      SELECT count(*)::INTEGER AS n FROM checks c JOIN reports r ON r.id = c.report_id
      WHERE c.rule = 'cross_year.carried' AND r.superseded_by IS NOT NULL`)).getRowObjectsJson()) as { n: number }[];
    expect(n).toBe(0);
    expect(checks.filter((c) => c.year === 2023)).toHaveLength(9);
    const [{ queued }] = (await (await db.runAndReadAll('SELECT count(*)::INTEGER AS queued FROM cross_year_pending')).getRowObjectsJson()) as {
      queued: number;
    }[];
    expect(queued).toBe(0);
  });

  it('counts the failed checks of a report itself, not its breaks with other years', async () => {
    const counts = (await (await db.runAndReadAll(`
      SELECT r.year, r.superseded_by IS NULL AS current, r.failed_checks AS stored,
        (SELECT count(*) FROM checks c WHERE c.report_id = r.id AND NOT c.ok AND NOT starts_with(c.rule, 'cross_year.'))::INTEGER AS counted
      FROM reports r ORDER BY r.id`)).getRowObjectsJson()) as { year: number; current: boolean; stored: number; counted: number }[];
    for (const c of counts) expect(c.stored).toBe(c.counted);
    await expectFailuresCopied(db);
    expect(counts.find((c) => c.year === 2023 && !c.current)!.stored).toBe(0);
  });
});
