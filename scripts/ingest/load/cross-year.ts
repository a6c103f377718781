/**
 * The checks across years of one reporting organ (its chain, schema.ts), in SQL over report_values: what year N carried
 * forward is what year N+1 carried over (every applicant column), and in the 2021 format the
 * documents in force at the end of N, plus those issued and less those repealed in N+1, are those
 * in force at the end of N+1. Results are stored in `checks` like the in-report ones, on the later
 * report, with the earlier one in `prev_report_id`.
 *
 * A break between two years is not a failure of either report: `reports.failed_checks` counts a
 * report's own checks only.
 *
 * Each written batch queues its chains in cross_year_pending in the same transaction; this step
 * recomputes the checks of every queued organ from its current reports and empties the queue, so an
 * interrupted ingest leaves work queued, never checks out of date.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { APPLICANT_COLUMNS } from '../keys';

const CROSS_YEAR_RULES = `('cross_year.carried', 'cross_year.in_force')`;

/** A check row from expected and actual terms; blanks count as 0 and say so; all blank is no check. */
function checkSelect(rule: string, row: string, col: string | null, expected: string[], actual: string[], where = 'true'): string {
  const sum = (terms: string[]) => terms.map((t) => `coalesce(${t}, 0)`).join(' + ');
  const allNull = (terms: string[]) => terms.map((t) => `${t} IS NULL`).join(' AND ');
  const anyNull = (terms: string[]) => terms.map((t) => `${t} IS NULL`).join(' OR ');
  const e = `CASE WHEN ${allNull(expected)} THEN NULL ELSE ${sum(expected)} END`;
  const a = `CASE WHEN ${allNull(actual)} THEN NULL ELSE ${sum(actual)} END`;
  return `SELECT b_id, '${rule}', '${row}', ${col ? `'${col}'` : 'NULL'}, NULL,
      coalesce(abs((${e}) - (${a})) < 1e-6, false), ${e}, ${a}, (${anyNull([...expected, ...actual])}), a_id
    FROM pairs WHERE NOT (${allNull(expected)} AND ${allNull(actual)}) AND ${where}`;
}

/** The figures the checks read, of the earlier (a) and the later (b) report. */
const NEEDED = new Set<string>();
const v = (side: 'a' | 'b', key: string) => {
  NEEDED.add(`${side}|${key}`);
  return `"${side}.${key}"`;
};

const CHECKS_SQL = [
  ...APPLICANT_COLUMNS.map((c) =>
    checkSelect('cross_year.carried', 'carried_over', c.key, [v('a', `applications.carried_forward.${c.key}`)], [v('b', `applications.carried_over.${c.key}`)]),
  ),
  ...['rules', 'normative'].map((g) =>
    checkSelect(
      'cross_year.in_force',
      `${g}.in_force`,
      null,
      [v('a', `active.${g}.in_force`), v('b', `active.${g}.issued`), `-${v('b', `active.${g}.repealed`)}`],
      [v('b', `active.${g}.in_force`)],
      `a_template = '2021' AND b_template = '2021'`,
    ),
  ),
].join('\nUNION ALL\n');

const INSERT_SQL = `
INSERT INTO checks
WITH cur AS (
  SELECT r.id, r.chain, r.year, r.template FROM reports r
  WHERE r.chain IN (SELECT chain FROM cross_year_pending)
    AND r.superseded_by IS NULL AND r.year IS NOT NULL AND r.template IN ('2021', '2019', 'hybrid')
),
pairs AS MATERIALIZED (
  SELECT a.id AS a_id, b.id AS b_id, a.template AS a_template, b.template AS b_template,
    ${[...NEEDED].map((n) => {
      const [side, key] = n.split('|');
      return `v${side}."${key}" AS "${side}.${key}"`;
    }).join(', ')}
  FROM cur a
  JOIN cur b ON b.chain = a.chain AND b.year = a.year + 1
  JOIN report_values va ON va.report_id = a.id
  JOIN report_values vb ON vb.report_id = b.id
)
${CHECKS_SQL}`;

/** Recomputes the cross-year checks of every organ queued; returns how many organs that was. */
export async function recheckCrossYear(db: DuckDBConnection): Promise<number> {
  const reader = await db.runAndReadAll('SELECT count(DISTINCT chain)::INTEGER FROM cross_year_pending');
  const organs = reader.getRowsJS()[0][0] as number;
  if (organs === 0) return 0;
  await db.run('BEGIN TRANSACTION');
  try {
    const queued = `SELECT id FROM reports WHERE chain IN (SELECT chain FROM cross_year_pending)`;
    for (const table of ['checks', 'check_failures']) await db.run(`DELETE FROM ${table} WHERE rule IN ${CROSS_YEAR_RULES} AND report_id IN (${queued})`);
    await db.run(INSERT_SQL);
    await db.run(`INSERT INTO check_failures SELECT * FROM checks WHERE rule IN ${CROSS_YEAR_RULES} AND NOT ok AND report_id IN (${queued})`);
    await db.run('DELETE FROM cross_year_pending');
    await db.run('COMMIT');
  } catch (err) {
    await db.run('ROLLBACK');
    throw err;
  }
  return organs;
}
