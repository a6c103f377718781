/**
 * A row of a structured file that repeats a current report: the same identity (organ, places,
 * year, format, publication date, synthetic flag; for JSON Lines the report's text parts too) and
 * the same figures. Loading an export back into the database it came from then changes nothing,
 * whatever the reports were first made from (a document is known by its file's SHA-256, which a
 * row of a CSV cannot have). A blank cell and a figure the report lacks are the same here: the
 * template writes both as a blank. Figures equal to the report's current ones (after corrections
 * by hand) or to its parsed ones (before) are a repeat: re-loading an older export of a corrected
 * report must not undo the correction.
 */
import { INTEGER, LIST, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { WIDE_INDEX } from './schema';
import type { StagedFigures, StagedReport } from './stage';

const IDENTITY = [
  'organ',
  'jurisdiction_name',
  'jurisdiction_code',
  'jurisdiction_level',
  'parent',
  'county',
  'city',
  'province',
  'year',
  'template',
  'synthetic',
] as const;
const SECTIONS = ['section_overview', 'section_problems', 'section_other'] as const;

async function rows<T>(db: DuckDBConnection, sql: string, params: Record<string, unknown>, types?: Record<string, never>): Promise<T[]> {
  return (await db.runAndReadAll(sql, params as never, types)).getRowObjectsJson() as T[];
}

/** Figure key (index in WIDE_COLUMNS) → value, blanks left out. */
type Values = Map<number, number>;

function stagedValues(f: StagedFigures): Values {
  const out: Values = new Map();
  for (let i = 0; i < f.key.length; i++) if (f.printed[i]) out.set(f.key[i], f.value[i]);
  return out;
}

function sameValues(a: Values, b: Values): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

const wideName = (tbl: string, row: string, col: string | null) => (col === null ? `${tbl}.${row}` : `${tbl}.${row}.${col}`);

/** The current and the parsed figures of each report of `ids`. */
async function storedValues(db: DuckDBConnection, ids: number[]): Promise<Map<number, { current: Values; parsed: Values }>> {
  const types = { ids: LIST(INTEGER) as never };
  const params = { ids: listValue(ids) };
  const [figures, firstChanges] = await Promise.all([
    rows<{ id: number; tbl: string; row_key: string; col_key: string | null; value: number | null }>(
      db,
      `SELECT report_id AS id, tbl::VARCHAR AS tbl, row_key::VARCHAR AS row_key, col_key::VARCHAR AS col_key, value
       FROM figures WHERE report_id IN (SELECT unnest($ids)) AND value IS NOT NULL`,
      params,
      types,
    ),
    rows<{ id: number; tbl: string; row_key: string; col_key: string | null; value: number | null }>(
      db,
      `SELECT report_id AS id, tbl, row_key, col_key, arg_min(old_value, id) AS value
       FROM corrections WHERE report_id IN (SELECT unnest($ids)) GROUP BY ALL`,
      params,
      types,
    ),
  ]);
  const out = new Map(ids.map((id) => [id, { current: new Map() as Values, parsed: new Map() as Values }]));
  for (const f of figures) {
    const key = WIDE_INDEX.get(wideName(f.tbl, f.row_key, f.col_key))!;
    out.get(f.id)!.current.set(key, f.value!);
  }
  for (const v of out.values()) v.parsed = new Map(v.current);
  for (const c of firstChanges) {
    const key = WIDE_INDEX.get(wideName(c.tbl, c.row_key, c.col_key))!;
    const parsed = out.get(c.id)!.parsed;
    if (c.value === null) parsed.delete(key);
    else parsed.set(key, c.value);
  }
  return out;
}

/**
 * For each of `reports` (structured rows) that repeats a current report of the database: its
 * position in `reports` → that report's id.
 */
export async function findTwins(db: DuckDBConnection, reports: readonly StagedReport[]): Promise<Map<number, number>> {
  const twins = new Map<number, number>();
  if (reports.length === 0) return twins;
  const incoming = reports.map(({ report: r }, i) => ({
    i,
    ...Object.fromEntries(IDENTITY.map((k) => [k, r[k]])),
    published: r.published,
    jsonl: r.input_format === 'jsonl',
    ...Object.fromEntries(SECTIONS.map((k) => [k, r[k]])),
  }));
  const structure = JSON.stringify({
    i: 'INTEGER',
    ...Object.fromEntries(IDENTITY.map((k) => [k, k === 'year' ? 'INTEGER' : k === 'synthetic' ? 'BOOLEAN' : 'VARCHAR'])),
    published: 'INTEGER',
    jsonl: 'BOOLEAN',
    ...Object.fromEntries(SECTIONS.map((k) => [k, 'VARCHAR'])),
  });
  const same = (k: string) => `r.${k} IS NOT DISTINCT FROM i.${k}`;
  const matches = await rows<{ i: number; id: number }>(
    db,
    `WITH i AS (SELECT unnest(from_json($incoming, '[${structure.replaceAll("'", "''")}]'), recursive := true))
     SELECT i.i, r.id FROM i JOIN current_reports r
       ON ${IDENTITY.map(same).join(' AND ')}
       AND r.published IS NOT DISTINCT FROM (DATE '1970-01-01' + i.published)
       AND (NOT i.jsonl OR (${SECTIONS.map(same).join(' AND ')}))
     ORDER BY i.i, r.id`,
    { incoming: JSON.stringify(incoming) },
  );
  if (matches.length === 0) return twins;
  const stored = await storedValues(db, [...new Set(matches.map((m) => m.id))]);
  for (const { i, id } of matches) {
    if (twins.has(i)) continue;
    const values = stagedValues(reports[i].figures);
    const s = stored.get(id)!;
    if (sameValues(values, s.current) || sameValues(values, s.parsed)) twins.set(i, id);
  }
  return twins;
}
