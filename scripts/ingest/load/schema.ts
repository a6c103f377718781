import { ACTIVE_KEYS, APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_KEYS } from '../keys';

/**
 * The database: one row per report, every figure in tidy form with the cell it came from, check
 * results, and a wide view for charts. Keys are those of keys.ts; a NULL value is a blank cell, and a
 * key the report's format does not have has no row at all.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE SEQUENCE IF NOT EXISTS report_ids;
CREATE TABLE IF NOT EXISTS jurisdictions (
  code VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  level VARCHAR,
  county VARCHAR,
  city VARCHAR,
  province VARCHAR
);
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY DEFAULT nextval('report_ids'),
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
  source_text VARCHAR
);
CREATE TABLE IF NOT EXISTS figures (
  report_id INTEGER NOT NULL,
  tbl VARCHAR NOT NULL,
  row_key VARCHAR NOT NULL,
  col_key VARCHAR,
  value DOUBLE,
  raw VARCHAR,
  start_pos INTEGER,
  end_pos INTEGER
);
CREATE TABLE IF NOT EXISTS checks (
  report_id INTEGER NOT NULL,
  rule VARCHAR NOT NULL,
  row_key VARCHAR,
  col_key VARCHAR,
  grp VARCHAR,
  ok BOOLEAN NOT NULL,
  expected DOUBLE,
  actual DOUBLE,
  assumed_blank_zero BOOLEAN NOT NULL DEFAULT false
);
CREATE OR REPLACE VIEW current_reports AS SELECT * FROM reports WHERE superseded_by IS NULL;
`;

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

/**
 * One row per report, one column per figure key: the shape the charts query. Column names come only
 * from WIDE_COLUMNS, so a chart can name a figure by its key without any SQL built from user input.
 */
export const WIDE_VIEW_SQL = `CREATE OR REPLACE VIEW report_values AS SELECT report_id,
${WIDE_COLUMNS.map(
  (c) =>
    `  max(value) FILTER (WHERE tbl = '${c.tbl}' AND row_key = '${c.row}'${c.col ? ` AND col_key = '${c.col}'` : ''}) AS "${c.name}"`,
).join(',\n')}
FROM figures GROUP BY report_id;`;
