/**
 * Brings a database file to the current schema: creates a fresh one, upgrades a version-1 file (the
 * foundation's, where key columns were strings and report_values a view), and follows a change of
 * keys.ts (new ENUM values, new wide columns) without losing a row. Each step is one transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { AREA_UNITS_SQL, refreshAreaUnits } from './area-units';
import { CHECK_COUNTS_SQL, refreshCheckCounts } from './check-counts';
import { fillJurisdictions } from './jurisdictions';
import { SIMILAR_PAIRS_SQL, refreshSimilarPairs } from './similar-pairs';
import { inTransaction } from './transaction';
import { UNIT_KEY_SQL, addUnitKeys } from './unit-key';
import { UNIT_YEARS_SQL, refreshUnitYears } from './unit-years';
import { UNTIMELY_REPORTS_SQL, refreshUntimelyReports } from './untimely-reports';
import {
  CHAIN_SQL,
  INCOMPLETE_SQL,
  ENUM_TYPES,
  CORRECTIONS_SQL,
  INSIGHTS_TABLES_SQL,
  KEYS_SIGNATURE,
  SCHEMA_VERSION,
  TABLES_SQL,
  TYPES_SQL,
  VIEWS_SQL,
  WIDE_COLUMNS,
  WIDE_FROM_FIGURES_SQL,
  enumDdl,
} from './schema';

/** Columns typed by an ENUM of ENUM_TYPES: [table, column, type]. */
const ENUM_COLUMNS: readonly [string, string, string][] = [
  ['figures', 'tbl', 'figure_table'],
  ['figures', 'row_key', 'figure_row'],
  ['figures', 'col_key', 'applicant_column'],
  ['checks', 'rule', 'check_rule'],
  ['checks', 'row_key', 'figure_row'],
  ['checks', 'col_key', 'applicant_column'],
  ['checks', 'grp', 'review_group'],
  ['check_failures', 'rule', 'check_rule'],
  ['check_failures', 'row_key', 'figure_row'],
  ['check_failures', 'col_key', 'applicant_column'],
  ['check_failures', 'grp', 'review_group'],
];

async function rows<T>(db: DuckDBConnection, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await db.runAndReadAll(sql, params as never)).getRowObjectsJson() as T[];
}

/**
 * A table an older file lacks: made and filled from what the file holds, in one transaction, so that
 * a file never has the table without its rows.
 */
async function addTable(db: DuckDBConnection, name: string, ddl: string, fill: () => Promise<void>): Promise<void> {
  if ((await tableKind(db, name)) !== null) return;
  await inTransaction(db, async () => {
    await db.run(ddl);
    await fill();
  });
}

export async function setMeta(db: DuckDBConnection, key: string, value: string): Promise<void> {
  await db.run('INSERT OR REPLACE INTO meta VALUES ($key, $value)', { key, value });
}

async function tableKind(db: DuckDBConnection, name: string): Promise<'table' | 'view' | null> {
  const [t] = await rows<{ n: number }>(db, `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = $name AND schema_name = 'main'`, { name });
  if (t.n) return 'table';
  const [v] = await rows<{ n: number }>(db, `SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE view_name = $name AND schema_name = 'main'`, { name });
  return v.n ? 'view' : null;
}

export async function ensureSchema(db: DuckDBConnection): Promise<void> {
  if ((await tableKind(db, 'reports')) === null) {
    await inTransaction(db, async () => {
      await db.run(TYPES_SQL);
      await db.run(TABLES_SQL);
      await setMeta(db, 'schema_version', String(SCHEMA_VERSION));
      await setMeta(db, 'keys', KEYS_SIGNATURE);
      await fillJurisdictions(db);
    });
  } else {
    const [version] = await rows<{ value: string }>(db, `SELECT value FROM meta WHERE key = 'schema_version'`).catch(() => []);
    if (!version || Number(version.value) < 2) await inTransaction(db, () => upgradeFromVersion1(db));
    const [keys] = await rows<{ value: string }>(db, `SELECT value FROM meta WHERE key = 'keys'`);
    if (keys?.value !== KEYS_SIGNATURE) await inTransaction(db, () => followKeys(db));
    await addUnitKeys(db);
  }
  await db.run(CORRECTIONS_SQL);
  await addTable(db, 'check_counts', CHECK_COUNTS_SQL, () => refreshCheckCounts(db, null));
  await addTable(db, 'area_units', AREA_UNITS_SQL, () => refreshAreaUnits(db, null));
  await addTable(db, 'unit_years', UNIT_YEARS_SQL, () => refreshUnitYears(db, null));
  await addTable(db, 'untimely_reports', UNTIMELY_REPORTS_SQL, () => refreshUntimelyReports(db, null));
  await db.run(INSIGHTS_TABLES_SQL);
  await addTable(db, 'similar_pairs', SIMILAR_PAIRS_SQL, () => refreshSimilarPairs(db, null));
  await db.run(INCOMPLETE_SQL);
  await db.run(VIEWS_SQL);
}

/**
 * Version 1: no ENUMs, report_values a view over figures, no division codes above the report's own,
 * no chains. Its tables are renamed, made anew and filled from the old ones (DuckDB refuses to
 * update a table altered in the same transaction), all in one transaction.
 */
async function upgradeFromVersion1(db: DuckDBConnection): Promise<void> {
  await db.run('DROP VIEW IF EXISTS current_reports');
  if ((await tableKind(db, 'report_values')) === 'view') await db.run('DROP VIEW report_values');
  for (const t of ['reports', 'figures', 'checks', 'jurisdictions']) await db.run(`ALTER TABLE ${t} RENAME TO ${t}_v1`);
  await db.run(TYPES_SQL);
  await db.run(TABLES_SQL);
  await db.run(`INSERT INTO reports SELECT *,
      CASE WHEN length(jurisdiction_code) >= 6 THEN left(jurisdiction_code, 6) END,
      CASE WHEN length(jurisdiction_code) >= 4 THEN left(jurisdiction_code, 4) END,
      CASE WHEN length(jurisdiction_code) >= 2 THEN left(jurisdiction_code, 2) END,
      ${CHAIN_SQL},
      (SELECT count(*) FROM checks_v1 c WHERE c.report_id = reports_v1.id AND NOT c.ok),
      ${UNIT_KEY_SQL}
    FROM reports_v1`);
  await db.run('INSERT INTO figures SELECT * FROM figures_v1');
  await db.run('INSERT INTO checks SELECT *, NULL FROM checks_v1');
  await db.run('INSERT INTO check_failures SELECT * FROM checks WHERE NOT ok');
  await db.run(`INSERT INTO report_values ${WIDE_FROM_FIGURES_SQL}`);
  await fillJurisdictions(db);
  await db.run('INSERT INTO cross_year_pending SELECT DISTINCT chain FROM reports WHERE chain IS NOT NULL');
  for (const t of ['reports', 'figures', 'checks', 'jurisdictions']) await db.run(`DROP TABLE ${t}_v1`);
  await db.run('DROP SEQUENCE IF EXISTS report_ids');
  await setMeta(db, 'schema_version', String(SCHEMA_VERSION));
  await setMeta(db, 'keys', KEYS_SIGNATURE);
}

/**
 * keys.ts changed: each ENUM is remade with the new values (its columns pass through VARCHAR, so a
 * stored key keeps its meaning whatever its new position), and new figure keys get their wide column.
 */
async function followKeys(db: DuckDBConnection): Promise<void> {
  await db.run('DROP VIEW IF EXISTS current_reports');
  for (const [table, column] of ENUM_COLUMNS) await db.run(`ALTER TABLE ${table} ALTER ${column} SET DATA TYPE VARCHAR`);
  for (const t of ENUM_TYPES) {
    await db.run(`DROP TYPE IF EXISTS ${t.name}`);
    await db.run(enumDdl(t));
  }
  for (const [table, column, type] of ENUM_COLUMNS) await db.run(`ALTER TABLE ${table} ALTER ${column} SET DATA TYPE ${type}`);
  const have = new Set(
    (await rows<{ name: string }>(db, `SELECT column_name AS name FROM duckdb_columns() WHERE table_name = 'report_values'`)).map((r) => r.name),
  );
  for (const c of WIDE_COLUMNS) if (!have.has(c.name)) await db.run(`ALTER TABLE report_values ADD COLUMN "${c.name}" DOUBLE`);
  await setMeta(db, 'keys', KEYS_SIGNATURE);
}
