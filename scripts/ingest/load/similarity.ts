/**
 * 雷同检测 in the ingest path: reports come signed from the parse workers (stage.ts), and each written
 * batch queues its counties' years in similarity_pending; here the queued counties and years are
 * recompared (with the year after, whose previous-year pairs they are part of), their pairs folded for
 * the 雷同 page (similar-pairs.ts) and the queue emptied.
 * Comparing a county's year is a few hundred signature pairs. Reports of a file made before signatures
 * were written with them are signed here first. The work is found from the data, so an interrupted
 * ingest leaves it to the next one, never stale pairs.
 */
import { blobValue, listValue, LIST, VARCHAR, type DuckDBBlobVector, type DuckDBConnection, type DuckDBIntegerVector } from '@duckdb/node-api';
import { packSignatures, similarShare, similarWithin, type PackedSignatures } from '../insights/packed-signatures';
import { COMPARED_PARTS } from '../insights/similarity';
import { append } from './columns';
import { PEER_AREA_SQL } from './schema';
import { refreshSimilarPairs } from './similar-pairs';
import { proseSignatures } from './stage';
import { inTransaction } from './transaction';

async function rows<T>(db: DuckDBConnection, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const types = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? LIST(VARCHAR) : undefined]).filter(([, t]) => t));
  const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? listValue(v) : v]));
  return (await db.runAndReadAll(sql, values as never, types as never)).getRowObjectsJS() as T[];
}

/**
 * How many counties are signed in one transaction: an older file's unsigned prose held at once took
 * gigabytes.
 */
const AREAS_AT_ONCE = 100;

/**
 * About how many reports' signatures are read and compared at once: a national first ingest compares
 * 200,000 reports, and a few counties' reading cost a scan of every report and signature.
 */
const REPORTS_AT_ONCE = 25_000;

/** The county years whose pairs are recompared: the queued ones, and the years after (their previous-year pairs). */
const AFFECTED_SQL = 'SELECT area, year FROM similarity_pending UNION SELECT area, year + 1 FROM similarity_pending';

/**
 * Queued counties first..last (in VARCHAR order), whose current reports' ids are low..high: reports
 * are written in the order of their paths, so a span's ids are mostly together, and bounding them
 * lets DuckDB skip the rest of the signatures by their zone maps.
 */
interface Span {
  first: string;
  last: string;
  low: number;
  high: number;
}

async function pendingSpans(db: DuckDBConnection, reportsAtOnce: number): Promise<Span[]> {
  const areas = await rows<{ area: string; reports: number; low: number; high: number }>(
    db,
    `SELECT coalesce(${PEER_AREA_SQL}, '') AS area, count(*)::INTEGER AS reports, min(id) AS low, max(id) AS high FROM current_reports
     WHERE coalesce(${PEER_AREA_SQL}, '') IN (SELECT area FROM similarity_pending) GROUP BY 1 ORDER BY 1`,
  );
  const spans: Span[] = [];
  for (let i = 0, j = 0; i < areas.length; i = j) {
    const span = { first: areas[i].area, last: areas[i].area, low: areas[i].low, high: areas[i].high };
    for (let reports = 0; j < areas.length && (j === i || reports + areas[j].reports <= reportsAtOnce); j++) {
      reports += areas[j].reports;
      span.last = areas[j].area;
      span.low = Math.min(span.low, areas[j].low);
      span.high = Math.max(span.high, areas[j].high);
    }
    spans.push(span);
  }
  return spans;
}

/**
 * Signs what is unsigned, then recompares every queued county year in one transaction (one DELETE and
 * one fold of the pairs, not one per few counties), span by span; while one span is compared in this
 * thread, DuckDB reads the next on its own.
 */
export async function recomputeSimilarity(db: DuckDBConnection, reportsAtOnce = REPORTS_AT_ONCE): Promise<void> {
  await signUnsigned(db);
  if ((await rows(db, 'SELECT 1 FROM similarity_pending LIMIT 1')).length === 0) return;
  const recompared = { sql: `SELECT r.id FROM reports r JOIN (${AFFECTED_SQL}) k ON k.area = coalesce(${PEER_AREA_SQL}, '') AND k.year = r.year`, values: {}, types: {} };
  await inTransaction(db, async () => {
    await db.run(`DELETE FROM similarity WHERE report_id IN (${recompared.sql})`);
    const spans = await pendingSpans(db, reportsAtOnce);
    const read = (i: number) => {
      const reading = readSpan(db, spans[i]);
      // Awaited in the next turn; caught here too, lest a failed comparison in between leave it unhandled.
      reading.catch(() => {});
      return reading;
    };
    let reading = spans.length > 0 ? read(0) : null;
    let found: Found | null = null;
    for (let i = 1; reading; i++) {
      const signed = await reading;
      if (found) await appendFound(db, found);
      reading = i < spans.length ? read(i) : null;
      found = { signed, pairs: comparePairs(packSignatures(signed.stored), signed) };
    }
    if (found) await appendFound(db, found);
    await refreshSimilarPairs(db, recompared);
    await db.run('DELETE FROM similarity_pending');
  });
}

/**
 * Signatures of the retired format (128 independent minima: 129 uint32 without a format byte, a
 * multiple of 4 bytes long, which the current format of insights/similarity.ts never is). They cannot
 * be compared with current ones.
 */
const RETIRED_SIGNATURE_SQL = 'octet_length(s.signature) % 4 = 0';

/**
 * Current reports without signatures (written before they came with their reports) or with signatures
 * of the retired format: signed, their years queued.
 */
async function signUnsigned(db: DuckDBConnection): Promise<void> {
  // Uncorrelated: the correlated NOT EXISTS … OR EXISTS took 0.1–0.3 s on a national file where nothing was unsigned, this 0.03–0.05.
  const unsignedSql = `FROM current_reports r WHERE (r.id NOT IN (SELECT report_id FROM prose_signatures)
    OR r.id IN (SELECT report_id FROM prose_signatures s WHERE ${RETIRED_SIGNATURE_SQL}))`;
  const areas = (await rows<{ area: string }>(db, `SELECT DISTINCT coalesce(${PEER_AREA_SQL}, '') AS area ${unsignedSql} ORDER BY 1`)).map((r) => r.area);
  for (let i = 0; i < areas.length; i += AREAS_AT_ONCE) {
    const unsigned = await rows<Parameters<typeof proseSignatures>[0] & { id: number; area: string; year: number | null }>(
      db,
      `SELECT id, coalesce(${PEER_AREA_SQL}, '') AS area, year, organ, jurisdiction_name, parent, county, city, province, section_overview, section_problems
       ${unsignedSql} AND coalesce(${PEER_AREA_SQL}, '') IN (SELECT unnest($areas))`,
      { areas: areas.slice(i, i + AREAS_AT_ONCE) },
    );
    const ids = unsigned.flatMap((r) => COMPARED_PARTS.map(() => r.id));
    const signatures = unsigned.flatMap((r) => proseSignatures(r).map((sig) => sig && blobValue(sig)));
    const dated = unsigned.filter((r) => r.year !== null);
    await inTransaction(db, async () => {
      await db.run('DELETE FROM prose_signatures WHERE report_id IN (SELECT unnest($ids::INTEGER[]))', { ids: listValue(unsigned.map((r) => r.id)) });
      await append(db, 'prose_signatures', [ids, unsigned.flatMap(() => COMPARED_PARTS), signatures], ids.length);
      await append(db, 'similarity_pending', [dated.map((r) => r.area), dated.map((r) => r.year)], dated.length);
    });
  }
}

/**
 * The signatures of a span's queued county years, with the years before and after them, ordered by
 * county, year and part: `area` numbers the span's counties, `affected` says whether the row's county
 * year is recompared, `before` is its organ's report of the year before in the county (-1 for none;
 * a chain has one current report a year, and should it have two, the later one is taken). No window
 * over the rows: sorting them by their counties' names (and their organs' for the year before) cost
 * DuckDB more than the rest of the query.
 */
const SIGNED_SQL = `
  WITH queued AS (SELECT DISTINCT area, year FROM similarity_pending WHERE area BETWEEN $first AND $last),
  affected AS (SELECT area, year FROM queued UNION SELECT area, year + 1 FROM queued),
  needed AS (SELECT area, year FROM affected UNION SELECT area, year - 1 FROM affected),
  areas AS (SELECT area, row_number() OVER (ORDER BY area)::INTEGER AS n FROM (SELECT DISTINCT area FROM queued)),
  reports AS (
    SELECT r.id, r.chain, r.year, n.area FROM current_reports r JOIN needed n ON n.area = coalesce(${PEER_AREA_SQL}, '') AND n.year = r.year
    WHERE r.id BETWEEN $low AND $high
  )
  SELECT r.id, ar.n AS area, r.year, (list_position([${COMPARED_PARTS.map((p) => `'${p}'`).join(', ')}], s.part) - 1)::INTEGER AS part,
    (a.area IS NOT NULL)::INTEGER AS affected, (r.area = '')::INTEGER AS unplaced, coalesce(p.id, -1) AS before, s.signature
  FROM reports r JOIN areas ar ON ar.area = r.area
  JOIN prose_signatures s ON s.report_id = r.id
  LEFT JOIN affected a ON a.area = r.area AND a.year = r.year
  LEFT JOIN (SELECT chain, area, year, max(id) AS id FROM reports GROUP BY ALL) p ON p.chain = r.chain AND p.area = r.area AND p.year = r.year - 1
  WHERE s.report_id BETWEEN $low AND $high AND s.signature IS NOT NULL
  ORDER BY area, r.year, part, r.id`;

/** A span's rows of SIGNED_SQL, `before` as the row of the same part (-1 for none). */
interface SignedSpan extends SignedRows {
  ids: number[];
  parts: number[];
  stored: Uint8Array[];
}

async function readSpan(db: DuckDBConnection, span: Span): Promise<SignedSpan> {
  const result = await db.run(SIGNED_SQL, { ...span });
  const ints: number[][] = [[], [], [], [], [], [], []];
  const stored: Uint8Array[] = [];
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const rowCount = chunk.rowCount;
    for (const [i, column] of ints.entries()) {
      const vector = chunk.getColumnVector(i) as DuckDBIntegerVector;
      for (let row = 0; row < rowCount; row++) column.push(vector.getItem(row)!);
    }
    const blobs = chunk.getColumnVector(ints.length) as DuckDBBlobVector;
    for (let row = 0; row < rowCount; row++) stored.push(blobs.getItemBytes(row)!);
  }
  const [ids, areas, years, parts, affected, unplaced, beforeIds] = ints;
  const rowOf = new Map(ids.map((id, row) => [id * COMPARED_PARTS.length + parts[row], row]));
  const before = beforeIds.map((id, row) => (id < 0 ? -1 : (rowOf.get(id * COMPARED_PARTS.length + parts[row]) ?? -1)));
  const groups: number[] = [];
  for (let row = 0, group = 0; row < ids.length; row++) {
    if (row > 0 && (areas[row] !== areas[row - 1] || years[row] !== years[row - 1] || parts[row] !== parts[row - 1])) group++;
    groups.push(group);
  }
  return { ids, groups, parts, affected, unplaced, before, stored };
}

interface Found {
  signed: SignedSpan;
  pairs: Pair[];
}

async function appendFound(db: DuckDBConnection, { signed: { ids, parts }, pairs }: Found): Promise<void> {
  await append(
    db,
    'similarity',
    [pairs.map((p) => ids[p.a]), pairs.map((p) => ids[p.b]), pairs.map((p) => COMPARED_PARTS[parts[p.a]]), pairs.map((p) => p.kind), pairs.map((p) => p.share)],
    pairs.length,
  );
}

export interface Pair {
  /** the signature whose share of text is repeated in b's */
  a: number;
  b: number;
  kind: 'previous_year' | 'same_year';
  share: number;
}

/** Each signature's row: its county, year and part's number (consecutive), and those of SIGNED_SQL. */
export interface SignedRows {
  groups: readonly number[];
  affected: readonly number[];
  unplaced: readonly number[];
  before: readonly number[];
}

/**
 * Pairs of the affected county-years: every two units of a county in the same year (both ways, since
 * the share depends on whose text is the denominator), and each report with its organ's report of
 * the year before.
 */
export function comparePairs(signatures: PackedSignatures, rows: SignedRows): Pair[] {
  const out: Pair[] = [];
  for (let from = 0, to = 0; from < rows.groups.length; from = to) {
    while (to < rows.groups.length && rows.groups[to] === rows.groups[from]) to++;
    if (!rows.affected[from]) continue;
    for (let a = from; a < to; a++) {
      const b = rows.before[a];
      const share = b < 0 ? null : similarShare(signatures, a, b);
      if (share !== null) out.push({ a, b, kind: 'previous_year', share });
    }
    if (!rows.unplaced[from]) similarWithin(signatures, from, to, (a, b, share) => out.push({ a, b, kind: 'same_year', share }));
  }
  return out;
}
