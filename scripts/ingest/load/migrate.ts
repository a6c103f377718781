/**
 * Brings a database file to the current schema: creates a fresh one, upgrades a version-1 file (the
 * foundation's, where key columns were strings and report_values a view), and follows a change of
 * keys.ts (new ENUM values, new wide columns) without losing a row. Each step is one transaction.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { fillJurisdictions } from './jurisdictions';
import {
  ENUM_TYPES,
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
];

async function rows<T>(db: DuckDBConnection, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await db.runAndReadAll(sql, params as never)).getRowObjectsJson() as T[];
}

async function inTransaction(db: DuckDBConnection, work: () => Promise<void>): Promise<void> {
  await db.run('BEGIN TRANSACTION');
  try {
    await work();
    await db.run('COMMIT');
  } catch (err) {
    await db.run('ROLLBACK');
    throw err;
  }
}

async function setMeta(db: DuckDBConnection, key: string, value: string): Promise<void> {
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
  }
  await db.run(VIEWS_SQL);
}

/** Version 1: no ENUMs, report_values a view over figures, no division codes above the report's own. */
async function upgradeFromVersion1(db: DuckDBConnection): Promise<void> {
  await db.run(TYPES_SQL);
  await db.run('DROP VIEW IF EXISTS current_reports');
  for (const col of ['county_code', 'city_code', 'province_code']) await db.run(`ALTER TABLE reports ADD COLUMN IF NOT EXISTS ${col} VARCHAR`);
  await db.run(`UPDATE reports SET county_code = CASE WHEN length(jurisdiction_code) >= 6 THEN left(jurisdiction_code, 6) END,
    city_code = CASE WHEN length(jurisdiction_code) >= 4 THEN left(jurisdiction_code, 4) END,
    province_code = left(jurisdiction_code, 2)`);
  await db.run('ALTER TABLE reports ALTER id DROP DEFAULT');
  await db.run('ALTER TABLE checks ADD COLUMN IF NOT EXISTS prev_report_id INTEGER');
  for (const [table, column, type] of ENUM_COLUMNS) await db.run(`ALTER TABLE ${table} ALTER ${column} SET DATA TYPE ${type}`);
  for (const col of ['county_code', 'city_code', 'province_code']) await db.run(`ALTER TABLE jurisdictions ADD COLUMN IF NOT EXISTS ${col} VARCHAR`);
  const wide = await tableKind(db, 'report_values');
  if (wide === 'view') await db.run('DROP VIEW report_values');
  await db.run(TABLES_SQL);
  if (wide !== 'table') await db.run(`INSERT INTO report_values ${WIDE_FROM_FIGURES_SQL}`);
  const [{ n }] = await rows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM jurisdictions');
  if (n === 0) await fillJurisdictions(db);
  await db.run('INSERT INTO cross_year_pending SELECT DISTINCT organ, synthetic FROM reports WHERE organ IS NOT NULL');
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
