/**
 * Where the database lives unless NIANBAO_DB or --db says otherwise: its own module, so that the
 * command line knows it without loading DuckDB.
 */
export const DEFAULT_DB = 'data/nianbao.duckdb';
