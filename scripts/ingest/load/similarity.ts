/**
 * 雷同检测 in the ingest path: signs the prose of every current report not yet signed, then recompares
 * the counties and years those reports belong to (and the year after, whose previous-year pairs they
 * are part of). A report is signed once; comparing a county's year is a few hundred signature pairs.
 * Like the cross-year checks, the work is found from the data (current reports without signatures),
 * so an interrupted ingest leaves it to the next one, never stale pairs.
 */
import { listValue, LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { COMPARED_PARTS, SIMILARITY_FLOOR, containment, decodeSignature, encodeSignature, signatureOf, type ComparedPart, type Signature } from '../insights/similarity';
import { PEER_AREA_SQL } from './schema';

const SEP = '\u001f';

interface Unsigned {
  id: number;
  area: string | null;
  year: number | null;
  names: (string | null)[];
  overview: string | null;
  problems: string | null;
}

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
 * How many counties are signed and compared in one transaction: a national first ingest has 200,000
 * reports to sign, whose prose held at once took gigabytes.
 */
const AREAS_AT_ONCE = 100;

/** Signs new reports and recompares what they touch; returns how many reports were signed. */
export async function recomputeSimilarity(db: DuckDBConnection): Promise<number> {
  const unsignedSql = `FROM current_reports r WHERE NOT EXISTS (SELECT 1 FROM prose_signatures s WHERE s.report_id = r.id)`;
  const areas = (await rows<{ area: string }>(db, `SELECT DISTINCT coalesce(${PEER_AREA_SQL}, '') AS area ${unsignedSql} ORDER BY 1`)).map((r) => r.area);
  let signed = 0;
  for (let i = 0; i < areas.length; i += AREAS_AT_ONCE) {
    const unsigned = await rows<Unsigned>(
      db,
      `SELECT id, ${PEER_AREA_SQL} AS area, year, [organ, jurisdiction_name, parent, county, city, province] AS names,
         section_overview AS overview, section_problems AS problems
       ${unsignedSql} AND coalesce(${PEER_AREA_SQL}, '') IN (SELECT unnest($areas))`,
      { areas: areas.slice(i, i + AREAS_AT_ONCE) },
    );
    await signAndCompare(db, unsigned);
    signed += unsigned.length;
  }
  return signed;
}

/** Signs the reports and recompares the county-years they touch, in one transaction. */
async function signAndCompare(db: DuckDBConnection, unsigned: Unsigned[]): Promise<void> {
  if (unsigned.length === 0) return;
  const affected = new Set<string>();
  for (const r of unsigned) {
    if (r.year === null) continue;
    for (const y of [r.year, r.year + 1]) affected.add(`${r.area ?? ''}${SEP}${y}`);
  }
  const keys = [...affected];
  const scope = `concat(coalesce(${PEER_AREA_SQL}, ''), chr(31), year)`;

  await db.run('BEGIN TRANSACTION');
  try {
    const appender = await db.createAppender('prose_signatures');
    for (const r of unsigned) {
      const names = r.names.filter((n): n is string => !!n);
      for (const part of COMPARED_PARTS) {
        const sig = signatureOf(r[part], names);
        appender.appendInteger(r.id);
        appender.appendVarchar(part);
        if (sig) appender.appendBlob(encodeSignature(sig));
        else appender.appendNull();
        appender.endRow();
      }
    }
    appender.closeSync();

    const signed = (
      await rows<{ id: number; chain: string | null; year: number; area: string | null; part: ComparedPart; signature: Uint8Array | null }>(
        db,
        `SELECT r.id, r.chain, r.year, ${PEER_AREA_SQL} AS area, s.part, s.signature
         FROM current_reports r JOIN prose_signatures s ON s.report_id = r.id
         WHERE ${scope} IN (SELECT unnest($keys)) OR concat(coalesce(${PEER_AREA_SQL}, ''), chr(31), year + 1) IN (SELECT unnest($keys))`,
        { keys },
      )
    ).map((r): Signed => ({ ...r, sig: r.signature ? decodeSignature(r.signature) : null }));

    await db.run(`DELETE FROM similarity WHERE report_id IN (SELECT id FROM reports WHERE ${scope} IN (SELECT unnest($keys)))`, { keys: listValue(keys) }, { keys: LIST(VARCHAR) });
    const pairs = comparePairs(signed, affected);
    if (pairs.length > 0) {
      const out = await db.createAppender('similarity');
      for (const p of pairs) {
        out.appendInteger(p.reportId);
        out.appendInteger(p.otherId);
        out.appendVarchar(p.part);
        out.appendVarchar(p.kind);
        out.appendDouble(p.share);
        out.endRow();
      }
      out.closeSync();
    }
    await db.run('COMMIT');
  } catch (err) {
    await db.run('ROLLBACK');
    throw err;
  }
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
