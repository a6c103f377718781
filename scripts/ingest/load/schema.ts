import { ACTIVE_KEYS, APPLICANT_COLUMNS, APPLICATION_ROWS, CHECK_RULES, REVIEW_GROUPS, REVIEW_KEYS } from '../keys';

/**
 * The database: one row per report, every figure in tidy form with the cell it came from, check
 * results, the wide table the charts query, and the official division list. Keys are those of
 * keys.ts; a NULL value is a blank cell, and a key the report's format does not have has no row.
 *
 * Key columns are ENUMs made from keys.ts: they read and compare as strings (`row_key = 'granted'`),
 * but are stored and appended as one byte, which is what makes forty million figures cheap.
 */
export const SCHEMA_VERSION = 2;

/** An ENUM type and the values it holds, in keys.ts order (the order is the stored byte). */
export interface EnumType {
  name: string;
  values: readonly string[];
}

export const FIGURE_TABLES = ['active', 'applications', 'review'] as const;

export const ENUM_TYPES: readonly EnumType[] = [
  { name: 'figure_table', values: FIGURE_TABLES },
  {
    name: 'figure_row',
    values: [...ACTIVE_KEYS.map((k) => k.key), ...APPLICATION_ROWS.map((r) => r.key), ...REVIEW_KEYS],
  },
  { name: 'applicant_column', values: APPLICANT_COLUMNS.map((c) => c.key) },
  { name: 'check_rule', values: Object.keys(CHECK_RULES) },
  { name: 'review_group', values: REVIEW_GROUPS.map((g) => g.key) },
];

export const enumValues = (name: string): readonly string[] => ENUM_TYPES.find((t) => t.name === name)!.values;

/** A figure's column in the wide shape: its key with the table in front (`applications.granted.total`). */
export interface WideColumn {
  name: string;
  tbl: 'active' | 'applications' | 'review';
  row: string;
  col: string | null;
}

export const WIDE_COLUMNS: readonly WideColumn[] = [
  ...ACTIVE_KEYS.map((k) => ({ name: `active.${k.key}`, tbl: 'active' as const, row: k.key, col: null })),
  ...APPLICATION_ROWS.flatMap((r) =>
    APPLICANT_COLUMNS.map((c) => ({ name: `applications.${r.key}.${c.key}`, tbl: 'applications' as const, row: r.key, col: c.key })),
  ),
  ...REVIEW_KEYS.map((k) => ({ name: `review.${k}`, tbl: 'review' as const, row: k, col: null })),
];

/** A figure key (`active.rules.issued`) → its column's index in WIDE_COLUMNS. */
export const WIDE_INDEX: ReadonlyMap<string, number> = new Map(WIDE_COLUMNS.map((c, i) => [c.name, i]));

export const enumDdl = (t: EnumType) => `CREATE TYPE ${t.name} AS ENUM (${t.values.map((v) => `'${v}'`).join(', ')});`;

/**
 * Tables in the order their columns are appended (write.ts appends whole chunks by position).
 * `reports.id` is assigned by the writer, which is the only one to insert.
 */
export const TABLES_SQL = `
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS jurisdictions (
  code VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  level VARCHAR NOT NULL,
  county VARCHAR,
  city VARCHAR,
  province VARCHAR NOT NULL,
  county_code VARCHAR,
  city_code VARCHAR,
  province_code VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY,
  organ VARCHAR,
  jurisdiction_name VARCHAR,
  jurisdiction_code VARCHAR,
  jurisdiction_level VARCHAR,
  parent VARCHAR,
  county VARCHAR,
  city VARCHAR,
  province VARCHAR,
  year INTEGER,
  template VARCHAR NOT NULL,
  published DATE,
  synthetic BOOLEAN NOT NULL DEFAULT false,
  source_path VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  input_format VARCHAR NOT NULL,
  encoding VARCHAR,
  ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  supersedes INTEGER,
  superseded_by INTEGER,
  warnings VARCHAR[],
  candidates JSON,
  section_overview VARCHAR,
  section_problems VARCHAR,
  section_other VARCHAR,
  source_text VARCHAR USING COMPRESSION zstd,
  county_code VARCHAR,
  city_code VARCHAR,
  province_code VARCHAR,
  chain VARCHAR,
  failed_checks INTEGER NOT NULL DEFAULT 0,
  unit_key VARCHAR
);
CREATE TABLE IF NOT EXISTS figures (
  report_id INTEGER NOT NULL,
  tbl figure_table NOT NULL,
  row_key figure_row NOT NULL,
  col_key applicant_column,
  value DOUBLE,
  raw VARCHAR,
  start_pos INTEGER,
  end_pos INTEGER
);
${['checks', 'check_failures']
  .map(
    (t) => `CREATE TABLE IF NOT EXISTS ${t} (
  report_id INTEGER NOT NULL,
  rule check_rule NOT NULL,
  row_key figure_row,
  col_key applicant_column,
  grp review_group,
  ok BOOLEAN NOT NULL,
  expected DOUBLE,
  actual DOUBLE,
  assumed_blank_zero BOOLEAN NOT NULL DEFAULT false,
  prev_report_id INTEGER
);`,
  )
  .join('\n')}
CREATE TABLE IF NOT EXISTS report_values (
  report_id INTEGER NOT NULL,
${WIDE_COLUMNS.map((c) => `  "${c.name}" DOUBLE`).join(',\n')}
);
CREATE TABLE IF NOT EXISTS cross_year_pending (chain VARCHAR NOT NULL);
`;

/**
 * Figures corrected by hand (corrections.ts): every change with who, when, why, the value before and
 * after. `figures` and `report_values` hold the current value; the parsed one is the `old_value` of a
 * cell's first correction. A revert is a change too (`reverts` names the change it undoes, whose
 * `reverted_by` names it back). Keys are text, not ENUMs: the table is small and must not tie
 * migrations of keys.ts to it. Created in fresh and existing files alike.
 */
export const CORRECTIONS_SQL = `
CREATE TABLE IF NOT EXISTS corrections (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL,
  tbl VARCHAR NOT NULL,
  row_key VARCHAR NOT NULL,
  col_key VARCHAR,
  old_value DOUBLE,
  new_value DOUBLE,
  who VARCHAR NOT NULL,
  made_at TIMESTAMP NOT NULL,
  reason VARCHAR NOT NULL,
  reverts INTEGER,
  reverted_by INTEGER
);
CREATE OR REPLACE VIEW current_corrections AS SELECT * FROM corrections WHERE reverts IS NULL AND reverted_by IS NULL;
`;

/**
 * Supervisor insights (雷同检测): each current report's MinHash signature per prose part (NULL when the
 * part is empty: the report has been looked at), and the pairs whose repeated share reached
 * SIMILARITY_FLOOR. `share` is the estimated share of report_id's text found in other_id's; `kind`
 * is `previous_year` (the same organ the year before) or `same_year` (another unit of its county).
 * Signatures are written with their reports; each batch also queues its counties' years in
 * similarity_pending, which the end of the ingest compares and empties (load/similarity.ts).
 */
export const INSIGHTS_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS prose_signatures (report_id INTEGER NOT NULL, part VARCHAR NOT NULL, signature BLOB);
CREATE TABLE IF NOT EXISTS similarity_pending (area VARCHAR NOT NULL, year INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS similarity (
  report_id INTEGER NOT NULL,
  other_id INTEGER NOT NULL,
  part VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  share DOUBLE NOT NULL
);
`;

/** The peers whose prose is compared in the same year: a county's units (else its city's, province's). */
export const PEER_AREA_SQL = `coalesce(county_code, city_code, province_code)`;

/** PEER_AREA_SQL of a row about to be written, '' for none. */
export function peerArea(r: { county_code: string | null; city_code: string | null; province_code: string | null }): string {
  return r.county_code ?? r.city_code ?? r.province_code ?? '';
}
/**
 * Reports kept although a table is missing (a file cut off, a page saved half): one row each with the
 * reasons, written in the report's own transaction. Its own table so that older files gain it as is.
 */
export const INCOMPLETE_SQL = `CREATE TABLE IF NOT EXISTS incomplete_reports (report_id INTEGER NOT NULL, reasons VARCHAR[] NOT NULL);`;

export const VIEWS_SQL = `CREATE OR REPLACE VIEW current_reports AS SELECT * FROM reports WHERE superseded_by IS NULL;`;

/** Every ENUM type of a fresh database. */
export const TYPES_SQL = ENUM_TYPES.map(enumDdl).join('\n');

/** report_values from figures: how a version-1 database (where it was a view) gets the table. */
export const WIDE_FROM_FIGURES_SQL = `SELECT report_id,
${WIDE_COLUMNS.map(
  (c) =>
    `  max(value) FILTER (WHERE tbl = '${c.tbl}' AND row_key = '${c.row}'${c.col ? ` AND col_key = '${c.col}'` : ''}) AS "${c.name}"`,
).join(',\n')}
FROM figures GROUP BY report_id`;

/**
 * The reports of one reporting organ across years share a chain: its name and every place the
 * report was resolved to, and the synthetic flag. Organ names repeat across the country (沙头镇
 * 人民政府 is in Jiangsu and in Zhejiang), so the name alone is not the organ. A report whose organ,
 * or every place, is unknown, or whose place is ambiguous, has no chain: it is never taken for
 * another version of a report, nor compared with another year. chainOf (stage.ts) is the same.
 */
export const CHAIN_SEPARATOR = '\u001f';
export const CHAIN_SQL = `CASE WHEN organ IS NOT NULL AND candidates IS NULL
  AND coalesce(jurisdiction_code, parent, county, city, province) IS NOT NULL
  THEN concat_ws(chr(31), organ, coalesce(jurisdiction_code, ''), coalesce(parent, ''), coalesce(county, ''), coalesce(city, ''),
    coalesce(province, ''), CASE WHEN synthetic THEN 'synthetic' ELSE 'real' END) END`;

/** What the database's types and wide columns were made from; a change of keys.ts changes it. */
export const KEYS_SIGNATURE = JSON.stringify([ENUM_TYPES, WIDE_COLUMNS.map((c) => c.name)]);
