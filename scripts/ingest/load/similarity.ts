/**
 * 雷同检测 in the ingest path: reports come signed from the parse workers (stage.ts), and each written
 * batch queues its counties' years in similarity_pending; here the queued counties and years are
 * recompared (with the year after, whose previous-year pairs they are part of), their pairs folded for
 * the 雷同 page (similar-pairs.ts) and the queue emptied.
 * Comparing a county's year is a few hundred signature pairs. Reports of a file made before signatures
 * were written with them are signed here first. The work is found from the data, so an interrupted
 * ingest leaves it to the next one, never stale pairs.
 */
import { blobValue, listValue, LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { COMPARED_PARTS, SIMILARITY_FLOOR, containment, decodeSignature, type ComparedPart, type Signature } from '../insights/similarity';
import { append } from './columns';
import { PEER_AREA_SQL } from './schema';
import { refreshSimilarPairs } from './similar-pairs';
import { proseSignatures } from './stage';
import { inTransaction } from './transaction';

const SEP = '\u001f';

interface Signed {
  id: number;
  chain: string | null;
  year: number;
  area: string | null;
  part: ComparedPart;
  sig: Signature | null;
}

async function rows<T>(db: DuckDBConnection, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const types = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? LIST(VARCHAR) : undefined]).filter(([, t]) => t));
  const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? listValue(v) : v]));
  return (await db.runAndReadAll(sql, values as never, types as never)).getRowObjectsJS() as T[];
}

/**
 * How many counties are signed or compared in one transaction: a national first ingest compares
 * 200,000 reports, and an older file's unsigned prose held at once took gigabytes.
 */
const AREAS_AT_ONCE = 100;

export async function recomputeSimilarity(db: DuckDBConnection): Promise<void> {
  await signUnsigned(db);
  const areas = (await rows<{ area: string }>(db, 'SELECT DISTINCT area FROM similarity_pending ORDER BY 1')).map((r) => r.area);
  for (let i = 0; i < areas.length; i += AREAS_AT_ONCE) await comparePending(db, areas.slice(i, i + AREAS_AT_ONCE));
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
  const unsignedSql = `FROM current_reports r WHERE (NOT EXISTS (SELECT 1 FROM prose_signatures s WHERE s.report_id = r.id)
    OR EXISTS (SELECT 1 FROM prose_signatures s WHERE s.report_id = r.id AND ${RETIRED_SIGNATURE_SQL}))`;
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

/** Recompares the queued years of these counties (and the years after them) and takes them off the queue. */
async function comparePending(db: DuckDBConnection, areas: string[]): Promise<void> {
  const queued = await rows<{ area: string; year: number }>(db, 'SELECT DISTINCT area, year FROM similarity_pending WHERE area IN (SELECT unnest($areas))', { areas });
  const affected = new Set<string>();
  for (const { area, year } of queued) for (const y of [year, year + 1]) affected.add(`${area}${SEP}${y}`);
  const keys = [...affected];
  const scope = `concat(coalesce(${PEER_AREA_SQL}, ''), chr(31), year)`;

  await inTransaction(db, async () => {
    const signed = (
      await rows<{ id: number; chain: string | null; year: number; area: string | null; part: ComparedPart; signature: Uint8Array | null }>(
        db,
        `SELECT r.id, r.chain, r.year, ${PEER_AREA_SQL} AS area, s.part, s.signature
         FROM current_reports r JOIN prose_signatures s ON s.report_id = r.id
         WHERE ${scope} IN (SELECT unnest($keys)) OR concat(coalesce(${PEER_AREA_SQL}, ''), chr(31), year + 1) IN (SELECT unnest($keys))`,
        { keys },
      )
    ).map((r): Signed => ({ ...r, sig: r.signature ? decodeSignature(r.signature) : null }));

    const recompared = { sql: `SELECT id FROM reports WHERE ${scope} IN (SELECT unnest($keys))`, values: { keys: listValue(keys) }, types: { keys: LIST(VARCHAR) } };
    await db.run(`DELETE FROM similarity WHERE report_id IN (${recompared.sql})`, recompared.values, recompared.types);
    const pairs = comparePairs(signed, affected);
    await append(
      db,
      'similarity',
      [pairs.map((p) => p.reportId), pairs.map((p) => p.otherId), pairs.map((p) => p.part), pairs.map((p) => p.kind), pairs.map((p) => p.share)],
      pairs.length,
    );
    await refreshSimilarPairs(db, recompared);
    await db.run('DELETE FROM similarity_pending WHERE area IN (SELECT unnest($areas))', { areas: listValue(areas) }, { areas: LIST(VARCHAR) });
  });
}

export interface Pair {
  reportId: number;
  otherId: number;
  part: ComparedPart;
  kind: 'previous_year' | 'same_year';
  share: number;
}

/**
 * Pairs of the affected county-years: every two units of a county in the same year (both ways, since
 * the share depends on whose text is the denominator), and each report with its organ's report of
 * the year before.
 */
export function comparePairs(signed: readonly Signed[], affected: ReadonlySet<string>): Pair[] {
  const out: Pair[] = [];
  const byScope = new Map<string, Signed[]>();
  const byChainYear = new Map<string, Signed>();
  for (const s of signed) {
    const key = `${s.area ?? ''}${SEP}${s.year}${SEP}${s.part}`;
    (byScope.get(key) ?? byScope.set(key, []).get(key)!).push(s);
    if (s.chain) byChainYear.set(`${s.chain}${SEP}${s.year}${SEP}${s.part}`, s);
  }
  const push = (a: Signed, b: Signed, kind: Pair['kind']) => {
    if (!a.sig || !b.sig) return;
    const share = containment(a.sig, b.sig);
    if (share >= SIMILARITY_FLOOR) out.push({ reportId: a.id, otherId: b.id, part: a.part, kind, share });
  };
  for (const [key, group] of byScope) {
    const [area, year] = key.split(SEP);
    if (!affected.has(`${area}${SEP}${year}`)) continue;
    for (const a of group) {
      if (a.chain) {
        const before = byChainYear.get(`${a.chain}${SEP}${a.year - 1}${SEP}${a.part}`);
        if (before) push(a, before, 'previous_year');
      }
      if (area === '') continue;
      for (const b of group) if (b !== a) push(a, b, 'same_year');
    }
  }
  return out;
}
