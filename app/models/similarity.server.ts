/** 雷同: pairs of reports whose prose repeats, from the `similarity` table the ingest fills; one pair side by side. */
import { COMPARED_PARTS, sharedText, type ComparedPart, type Passage } from '../../scripts/ingest/insights/similarity';
import { SIMILARITY_PAGE_SIZE, type SimilarityState } from '../lib/view-state';
import { query } from './db.server';
import { inYears, isLevelCode, whereOf, withinDivision, type Condition, type Where } from './sql-where.server';
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
  /** pairs in view, counted up to the cap */
  total: number;
  /** more pairs than the cap: the list goes as far as the cap */
  more: boolean;
  /** reports in scope that have been compared */
  compared: number;
}

/**
 * Pairs in view (similar_pairs p): the first report within the division (a same-year pair also when
 * the second is: a township sees the copies made from it), in the years, of the kind. A superseded
 * report's pairs are deleted with its supersession (write.ts).
 */
function scope(state: SimilarityState): Where {
  const within = withinDivision(state.within, 'p');
  const either: Condition | null = within && !isLevelCode(state.within!) ? [`(${within[0]} OR (p.kind = 'same_year' AND starts_with(p.other_code, $within)))`, within[1]] : within;
  return whereOf([
    either,
    inYears(state.years, 'p'),
    state.kind !== 'all' && ['p.kind = $kind', { kind: state.kind }],
  ]);
}

/**
 * How far the pairs in view are counted and paged: a country of counties whose townships share one
 * template has millions, and counting them all costs more than the page. Nobody pages past 200.
 */
export const SIMILARITY_COUNT_CAP = 10_000;

export async function loadSimilarity(state: SimilarityState, cap = SIMILARITY_COUNT_CAP): Promise<SimilarityView> {
  const s = scope(state);
  const reports = whereOf([withinDivision(state.within), inYears(state.years)]);
  const top =
    state.part === 'any' ? 'greatest(coalesce(p.overview, 0), coalesce(p.problems, 0))' : `coalesce(p.${state.part === 'overview' ? 'overview' : 'problems'}, 0)`;
  const inView = `FROM similar_pairs p WHERE ${s.sql} AND ${top} >= $t`;
  const params = { ...s.params, t: state.threshold / 100 };
  const [pairs, [count], [compared]] = await Promise.all([
    query<SimilarPair>(
      `SELECT p.a, p.b, p.kind, p.overview, p.problems, ${top} AS top, p.name AS "aName", p.other_name AS "bName",
         p.year AS "aYear", p.other_year AS "bYear", p.synthetic
       ${inView}
       ORDER BY top DESC, p.year DESC, "aName", "bName"
       LIMIT ${SIMILARITY_PAGE_SIZE} OFFSET ${(state.page - 1) * SIMILARITY_PAGE_SIZE}`,
      params,
    ),
    query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (SELECT 1 ${inView} LIMIT ${cap + 1})`, params),
    query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM current_reports r WHERE ${reports.sql} AND r.id IN (SELECT report_id FROM prose_signatures)`,
      reports.params,
    ),
  ]);
  return {
    state,
    scopeName: state.within ? divisionTrail(state.within).map((d) => d.name).join(' · ') || divisionName(state.within) : '全国',
    trail: state.within ? divisionTrail(state.within) : [],
    pairs,
    total: Math.min(count.n, cap),
    more: count.n > cap,
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
