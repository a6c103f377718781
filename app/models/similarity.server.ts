/** 雷同: pairs of reports whose prose repeats, from the `similarity` table the ingest fills; one pair side by side. */
import { COMPARED_PARTS, sharedText, type ComparedPart, type Passage } from '../../scripts/ingest/insights/similarity';
import { SIMILARITY_PAGE_SIZE, type SimilarityState } from '../lib/view-state';
import { query } from './db.server';
import { inYears, whereOf, withinDivision, type Where } from './sql-where.server';
import { divisionName, divisionTrail } from './hierarchy.server';

export interface SimilarPair {
  /** the report whose text repeats (the later one for previous_year) */
  a: number;
  b: number;
  kind: 'previous_year' | 'same_year';
  aName: string;
  bName: string;
  aYear: number;
  bYear: number;
  /** estimated share of repeated text per part, the higher of the two directions; null below the stored floor */
  overview: number | null;
  problems: number | null;
  top: number;
  synthetic: boolean;
}

export interface SimilarityView {
  state: SimilarityState;
  scopeName: string;
  trail: { code: string; name: string }[];
  pairs: SimilarPair[];
  total: number;
  /** reports in scope that have been compared */
  compared: number;
}

/** Reports in view (alias r); with `pairs`, also the pairs' kind (alias s) and the threshold. */
function scope(state: SimilarityState, pairs = true): Where {
  const w = whereOf([withinDivision(state.within), inYears(state.years), pairs && state.kind !== 'all' && ['s.kind = $kind', { kind: state.kind }]]);
  return pairs ? { sql: w.sql, params: { ...w.params, t: state.threshold / 100 } } : w;
}

export async function loadSimilarity(state: SimilarityState): Promise<SimilarityView> {
  const s = scope(state);
  const reports = scope(state, false);
  const top =
    state.part === 'any' ? 'greatest(coalesce(overview, 0), coalesce(problems, 0))' : `coalesce(${state.part === 'overview' ? 'overview' : 'problems'}, 0)`;
  const pairsSql = `WITH p AS (
      SELECT CASE WHEN s.kind = 'same_year' THEN least(s.report_id, s.other_id) ELSE s.report_id END AS a,
        CASE WHEN s.kind = 'same_year' THEN greatest(s.report_id, s.other_id) ELSE s.other_id END AS b,
        s.kind,
        max(s.share) FILTER (WHERE s.part = 'overview') AS overview,
        max(s.share) FILTER (WHERE s.part = 'problems') AS problems
      FROM similarity s JOIN current_reports r ON r.id = s.report_id JOIN current_reports o ON o.id = s.other_id
      WHERE ${s.sql} GROUP BY ALL)
    SELECT p.*, ${top} AS top FROM p WHERE ${top} >= $t`;
  const [pairs, [count], [compared]] = await Promise.all([
    query<SimilarPair>(
      `SELECT q.a, q.b, q.kind, q.overview, q.problems, q.top,
         coalesce(ra.jurisdiction_name, ra.organ, '（未识别单位）') AS "aName", coalesce(rb.jurisdiction_name, rb.organ, '（未识别单位）') AS "bName",
         ra.year AS "aYear", rb.year AS "bYear", ra.synthetic OR rb.synthetic AS synthetic
       FROM (${pairsSql}) q JOIN reports ra ON ra.id = q.a JOIN reports rb ON rb.id = q.b
       ORDER BY q.top DESC, ra.year DESC, "aName", "bName"
       LIMIT ${SIMILARITY_PAGE_SIZE} OFFSET ${(state.page - 1) * SIMILARITY_PAGE_SIZE}`,
      s.params,
    ),
    query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${pairsSql})`, s.params),
    query<{ n: number }>(
      `SELECT count(DISTINCT r.id)::INTEGER AS n FROM current_reports r JOIN prose_signatures g ON g.report_id = r.id
       WHERE ${reports.sql}`,
      reports.params,
    ),
  ]);
  return {
    state,
    scopeName: state.within ? divisionTrail(state.within).map((d) => d.name).join(' · ') || divisionName(state.within) : '全国',
    trail: state.within ? divisionTrail(state.within) : [],
    pairs,
    total: count.n,
    compared: compared.n,
  };
}

export interface PairSide {
  id: number;
  name: string;
  organ: string | null;
  year: number | null;
  synthetic: boolean;
  texts: Record<ComparedPart, string | null>;
  /** per part: the exact share of this side's text found in the other side's, and the passages */
  shared: Record<ComparedPart, { share: number; passages: Passage[] } | null>;
}

export interface PairView {
  a: PairSide;
  b: PairSide;
  /** what the ingest estimated (MinHash), per part, a in b */
  estimated: Partial<Record<ComparedPart, number>>;
}

interface SideRow {
  id: number;
  name: string;
  organ: string | null;
  year: number | null;
  synthetic: boolean;
  names: (string | null)[];
  overview: string | null;
  problems: string | null;
}

export async function loadPair(a: number, b: number): Promise<PairView | null> {
  const rows = await query<SideRow>(
    `SELECT id, coalesce(jurisdiction_name, organ, '（未识别单位）') AS name, organ, year, synthetic,
       [organ, jurisdiction_name, parent, county, city, province] AS names,
       section_overview AS overview, section_problems AS problems
     FROM reports WHERE id IN ($a, $b)`,
    { a, b },
  );
  const ra = rows.find((r) => r.id === a);
  const rb = rows.find((r) => r.id === b);
  if (!ra || !rb || a === b) return null;
  const names = (r: SideRow) => r.names.filter((n): n is string => !!n);
  const side = (x: SideRow, y: SideRow): PairSide => ({
    id: x.id,
    name: x.name,
    organ: x.organ,
    year: x.year,
    synthetic: x.synthetic,
    texts: { overview: x.overview, problems: x.problems },
    shared: Object.fromEntries(
      COMPARED_PARTS.map((p) => [p, x[p] && y[p] ? sharedText(x[p]!, y[p]!, names(x), names(y)) : null]),
    ) as PairSide['shared'],
  });
  const estimated = await query<{ part: ComparedPart; share: number }>(
    `SELECT part, max(share) AS share FROM similarity WHERE report_id = $a AND other_id = $b GROUP BY part`,
    { a, b },
  );
  return { a: side(ra, rb), b: side(rb, ra), estimated: Object.fromEntries(estimated.map((e) => [e.part, e.share])) };
}
