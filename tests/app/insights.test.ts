/**
 * The supervisor insights on a real DuckDB file built through the real ingest from synthetic reports
 * with planted copies, late and undated reports, an outlier and a prose figure that disagrees with its
 * table: each insight finds exactly what was planted.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { METRIC_BY_ID } from '../../scripts/ingest/metrics';
import {
  OUTLIER_INDEX,
  PEER_RECEIVED,
  PEER_YEAR,
  PROSE_MISMATCH_INDEX,
  PROSE_STATED,
  SYNTH_COUNTIES,
  expectedCopies,
  writePeerReports,
  writeSynthCorpus,
  type SynthCorpus,
} from '../support/insights-corpus';
import { tempDir } from '../support/shared';

const dir = tempDir();
process.env.NIANBAO_DB = join(dir, 'insights.duckdb');
const { db, query } = await import('../../app/models/db.server');
const { loadSimilarity, loadPair } = await import('../../app/models/similarity.server');
const { loadTimeliness } = await import('../../app/models/timeliness.server');
const { reportInsights } = await import('../../app/models/insights.server');
const { coverage } = await import('../../app/models/coverage.server');
const { parseSimilarity, parseTimeliness } = await import('../../app/lib/view-state');

let corpus: SynthCorpus;
let peers: Map<string, number>;
/** source path → report id */
const ids = new Map<string, number>();
const pathOf = new Map<number, string>();

beforeAll(async () => {
  corpus = writeSynthCorpus(join(dir, 'synth'));
  peers = writePeerReports(join(dir, 'peers'));
  const summary = await ingestPaths(await db(), [corpus.dir, join(dir, 'peers')]);
  expect(summary.failed).toBe(0);
  for (const r of summary.results) {
    ids.set(r.path, r.id!);
    pathOf.set(r.id!, r.path);
  }
  for (const r of await query<{ p: string }>(`SELECT source_path AS p FROM current_reports WHERE county_code IS NOT NULL`)) placed.add(r.p);
  expect(placed.size).toBeGreaterThan(corpus.files.size * 0.8);
}, 120_000);

const pairKey = (a: number, b: number) => [pathOf.get(a)!, pathOf.get(b)!].sort().join('|');
/** reports placed in a county (the parser resolves neither 白马湖农场 nor 淮安新材料产业园) */
const placed = new Set<string>();
const copies = () => expectedCopies(corpus, (p) => placed.has(p));

describe('雷同检测', () => {
  it('plants copies of both kinds in the corpus (the test is not vacuous)', () => {
    const kinds = new Set(corpus.insights.filter((i) => i.plant.kind === 'copy').map((i) => (i.plant as { of: string }).of));
    expect(kinds).toEqual(new Set(['previous_year', 'same_year']));
  });

  it('lists exactly the planted copies at the default 50% threshold', async () => {
    const view = await loadSimilarity({ ...parseSimilarity(''), page: 1 });
    const all = [];
    for (let page = 1; page <= Math.ceil(view.total / 50); page++) all.push(...(await loadSimilarity({ ...view.state, page })).pairs);
    const found = new Set(all.filter((p) => corpus.files.has(pathOf.get(p.a)!)).map((p) => pairKey(p.a, p.b)));
    expect(found).toEqual(copies());
    expect(found.size).toBeGreaterThan(3);
    // every listed pair is within one county
    const [rows] = [await query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM similarity s JOIN reports a ON a.id = s.report_id JOIN reports b ON b.id = s.other_id WHERE a.county_code <> b.county_code`)];
    expect(rows[0].n).toBe(0);
  });

  it('ranks by share, filters by kind and threshold', async () => {
    const view = await loadSimilarity(parseSimilarity('kind=previous_year'));
    expect(view.pairs.length).toBeGreaterThan(0);
    expect(view.pairs.every((p) => p.kind === 'previous_year' && p.aYear === p.bYear + 1)).toBe(true);
    const tops = view.pairs.map((p) => p.top);
    expect(tops).toEqual([...tops].sort((a, b) => b - a));
    const strict = await loadSimilarity(parseSimilarity('t=95'));
    expect(strict.pairs.every((p) => p.top >= 0.95)).toBe(true);
    expect(strict.total).toBeLessThanOrEqual((await loadSimilarity(parseSimilarity(''))).total);
  });

  it('counts and pages the pairs as far as a cap, and says there are more', async () => {
    const all = await loadSimilarity(parseSimilarity(''));
    expect(all.total).toBeGreaterThan(3);
    expect(all.more).toBe(false);
    const capped = await loadSimilarity(parseSimilarity(''), 3);
    expect(capped).toMatchObject({ total: 3, more: true, pairs: all.pairs });
    expect(await loadSimilarity(parseSimilarity(''), all.total)).toMatchObject({ total: all.total, more: false });
  });

  it('lists a same-year copy under either township and under their county', async () => {
    const allPages = async (state: ReturnType<typeof parseSimilarity>) => {
      const first = await loadSimilarity(state);
      const out = [...first.pairs];
      for (let page = 2; page <= Math.ceil(first.total / 50); page++) out.push(...(await loadSimilarity({ ...state, page })).pairs);
      expect(out.length).toBe(first.total);
      return out.map((p) => `${p.a}-${p.b}`);
    };
    const [pair] = (await loadSimilarity(parseSimilarity('kind=same_year'))).pairs;
    const sides = await query<{ code: string; county: string }>(`SELECT jurisdiction_code AS code, county_code AS county FROM reports WHERE id IN ($a, $b)`, { a: pair.a, b: pair.b });
    expect(sides).toHaveLength(2);
    expect(sides[0].code).not.toBe(sides[1].code);
    for (const within of [sides[0].code, sides[1].code, sides[0].county]) {
      expect(await allPages(parseSimilarity(`kind=same_year&in=${within}`)), within).toContain(`${pair.a}-${pair.b}`);
    }
  });

  it('shows a planted copy side by side with the shared passages marked', async () => {
    const copy = corpus.insights.find((i) => i.plant.kind === 'copy' && (i.plant as { of: string }).of === 'previous_year')!;
    const source = [...corpus.files].find(([, f]) => f.code === copy.code && f.year === copy.year - 1)![0];
    const pair = (await loadPair(ids.get(copy.path)!, ids.get(source)!))!;
    const problems = pair.a.shared.problems!;
    expect(problems.share).toBeGreaterThan(0.9);
    for (const [start, end] of problems.passages) expect(pair.b.texts.problems).toContain(pair.a.texts.problems!.slice(start, end).replace(/\d{4}/g, String(copy.year - 1)));
    // an unrelated pair of the same county and year shares little
    const other = [...corpus.files].find(([p, f]) => f.year === copy.year && f.code !== copy.code && p.includes(copy.code.slice(0, 6)) && !copies().has([p, copy.path].sort().join('|')))![0];
    const unrelated = (await loadPair(ids.get(copy.path)!, ids.get(other)!))!;
    expect(unrelated.a.shared.problems!.share).toBeLessThan(0.5);
  });
});

describe('及时性', () => {
  it('lists exactly the planted late reports with their days late, and the undated ones as unknown', async () => {
    const view = await loadTimeliness(parseTimeliness(''));
    const late = corpus.insights.filter((i) => i.plant.kind === 'late');
    const undated = corpus.insights.filter((i) => i.plant.kind === 'undated');
    expect(late.length).toBeGreaterThan(0);
    expect(undated.length).toBeGreaterThan(0);
    expect(new Map(view.late.map((r) => [pathOf.get(r.id), r.days]))).toEqual(
      new Map(late.map((i) => [i.path, (i.plant as { days_late: number }).days_late])),
    );
    expect(new Set(view.unknown.map((r) => pathOf.get(r.id)))).toEqual(new Set(undated.map((i) => i.path)));
    const byYear = (y: number) => view.years.find((x) => x.year === y)!;
    for (const y of [2019, 2023]) expect(byYear(y).late).toBe(late.filter((i) => i.year === y).length);
    const onTime = await query<{ year: number; n: number }>(
      `SELECT year, count(*)::INTEGER AS n FROM current_reports WHERE published <= make_date(year + 1, 1, 31) GROUP BY year`,
    );
    for (const y of view.years) {
      expect(y.unknown, String(y.year)).toBe(undated.filter((i) => i.year === y.year).length);
      expect(y.onTime, String(y.year)).toBe(onTime.find((o) => o.year === y.year)?.n ?? 0);
      expect(y.onTime + y.late + y.unknown).toBe(y.reports);
    }
  });

  it('marks late reports in the coverage grid', async () => {
    const county = SYNTH_COUNTIES[0];
    const grid = await coverage(county, null);
    const marked = grid.rows.flatMap((r) => r.cells.filter((c) => c.late > 0).map((c) => `${r.key}:${c.year}`));
    const planted = corpus.insights.filter((i) => i.plant.kind === 'late' && i.code.startsWith(county)).map((i) => `${i.code}:${i.year}`);
    expect(new Set(marked)).toEqual(new Set(planted));
  });

  it('counts a unit missing a year as 缺报', async () => {
    const view = await loadTimeliness(parseTimeliness(`in=${SYNTH_COUNTIES[0]}`));
    expect(view.missing).toEqual([]);
    const limited = await loadTimeliness(parseTimeliness(`in=${SYNTH_COUNTIES[0]}&y=2018-2019`));
    const units = corpus.units.filter((u) => u.areaCode === SYNTH_COUNTIES[0]).length;
    expect(limited.missing.filter((m) => m.year === 2018)).toHaveLength(units);
  });
});

describe('benchmarks and prose against tables', () => {
  const peerId = (index: number) => ids.get([...peers].find(([, i]) => i === index)![0])!;

  it('flags exactly the planted outlier among its county’s townships', async () => {
    const received = METRIC_BY_ID.get('applications_received')!;
    const sorted = [...PEER_RECEIVED].sort((a, b) => a - b);
    for (let i = 0; i < PEER_RECEIVED.length; i++) {
      const insights = (await reportInsights(peerId(i)))!;
      const row = insights.metrics.find((m) => m.id === received.id)!;
      expect(row.value.value).toBe(PEER_RECEIVED[i]);
      expect(row.benchmark!.n).toBe(PEER_RECEIVED.length);
      expect(row.benchmark!.median).toBe((sorted[3] + sorted[4]) / 2);
      expect(row.benchmark!.rank).toBe(PEER_RECEIVED.filter((v) => v > PEER_RECEIVED[i]).length + 1);
      expect(row.benchmark!.outlier).toBe(i === OUTLIER_INDEX ? 'high' : null);
    }
  });

  it('warns where the prose states another count than the table, and only there', async () => {
    for (let i = 0; i < PEER_RECEIVED.length; i++) {
      const prose = (await reportInsights(peerId(i)))!.prose;
      if (i === PROSE_MISMATCH_INDEX) {
        expect(prose).toEqual([expect.objectContaining({ id: 'applications', stated: PROSE_STATED, table: PEER_RECEIVED[i], agrees: false })]);
      } else expect(prose).toEqual([]);
    }
    // the synthetic reports state their new applications in the prose, and agree with their tables
    for (const path of [...corpus.files.keys()].slice(0, 20)) {
      const prose = (await reportInsights(ids.get(path)!))!.prose;
      expect(prose.map((p) => [p.id, p.agrees])).toEqual([['applications', true]]);
    }
  });

  it('computes the year-over-year indicator from the same organ’s previous report', async () => {
    const path = [...corpus.files].find(([, f]) => f.year === 2022)![0];
    const prevPath = [...corpus.files].find(([, f]) => f.year === 2021 && f.code === corpus.files.get(path)!.code)![0];
    const [now, before] = await Promise.all(
      [path, prevPath].map((p) => query<{ v: number | null }>(`SELECT "applications.received_new.total" AS v FROM report_values WHERE report_id = $id`, { id: ids.get(p)! })),
    );
    const yoy = (await reportInsights(ids.get(path)!))!.metrics.find((m) => m.id === 'applications_yoy')!;
    if (before[0].v) expect(yoy.value.value).toBeCloseTo(now[0].v! / before[0].v - 1, 10);
    else expect(yoy.value.value).toBeNull();
    expect(PEER_YEAR).toBe(2022);
  });
});
