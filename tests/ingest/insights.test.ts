/**
 * The insights' pure parts (shingles and MinHash, the metric dictionary, benchmarks, prose figures)
 * and the similarity store: incremental at every ingest, following supersession, added to existing files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { ingestPaths, writeStaged } from '../../scripts/ingest/ingest';
import { benchmark, quantile } from '../../scripts/ingest/insights/benchmark';
import { proseAgainstTables } from '../../scripts/ingest/insights/prose-figures';
import { packSignatures, similarShare, similarWithin } from '../../scripts/ingest/insights/packed-signatures';
import {
  SIGNATURE_SIZE,
  SIMILARITY_FLOOR,
  containment,
  decodeSignature,
  encodeSignature,
  reduce,
  sharedText,
  shingles,
  signature,
  signatureOf,
} from '../../scripts/ingest/insights/similarity';
import { openDatabase } from '../../scripts/ingest/load/db';
import { recomputeSimilarity } from '../../scripts/ingest/load/similarity';
import { loadState } from '../../scripts/ingest/load/write';
import { stageFile } from '../../scripts/ingest/stage-file';
import { ensureSchema } from '../../scripts/ingest/load/migrate';
import { METRICS, METRIC_BY_ID, computeMetric, daysLate, formulaFor, publicationDeadline, timeliness } from '../../scripts/ingest/metrics';
import { rngFor } from '../../scripts/ingest/synth/prng';
import { unitSections } from '../../scripts/ingest/synth/prose';
import { PEER_AREA_SQL, WIDE_INDEX } from '../../scripts/ingest/load/schema';
import { parseFile } from '../../scripts/ingest/parse-file';
import type { Report } from '../../scripts/ingest/report';
import { writeSynthCorpus } from '../support/insights-corpus';
import { sharedFile, tempDir } from '../support/shared';

const place = { name: '蒋坝镇', county: '洪泽区', city: '淮安市', province: '江苏省' };
const prose = (seed: string, year = 2022) => unitSections(place, '蒋坝镇人民政府', year, 5, rngFor(seed, 'prose')).problems!;

describe('reduce, shingles and MinHash', () => {
  it('keeps Han characters and letters, drops digits, punctuation, the unit’s names and the format’s phrases, and knows where each came from', () => {
    const text = '2022年，蒋坝镇根据《中华人民共和国政府信息公开条例》，推进乡村振兴信息公开。';
    const r = reduce(text, ['蒋坝镇']);
    expect(r.chars).toBe('年推进乡村振兴信息公开');
    expect([...r.chars].every((c, i) => text[r.at[i]] === c)).toBe(true);
  });

  it('marks exactly the shared sentence as the repeated passage, with its exact share', () => {
    const shared = '今年重点推进乡村振兴领域公开，成效明显';
    const a = `甲乡着力规范依申请办理流程。${shared}。`;
    const b = `乙镇着力优化营商环境栏目建设。${shared}。`;
    const s = sharedText(a, b);
    expect(s.passages).toEqual([[a.indexOf('今年'), a.indexOf('明显') + 2]]);
    expect(s.share).toBeCloseTo(reduce(shared).chars.length / reduce(a).chars.length, 10);
  });

  it('estimates the share of repeated text close to the exact one', () => {
    const a = prose('a');
    const b = prose('b');
    const half = a.slice(0, Math.floor(a.length / 2)) + b.slice(Math.floor(b.length / 2));
    for (const [x, y] of [
      [a, b],
      [half, a],
      [a, a.replace('2022', '2023')],
    ]) {
      const exact = sharedText(x, y).share;
      const estimate = containment(signatureOf(x)!, signatureOf(y)!);
      expect(Math.abs(estimate - exact)).toBeLessThan(0.15);
    }
    expect(containment(signatureOf(a)!, signatureOf(a.replace('2022', '2023'))!)).toBe(1);
  });

  it('keeps independently drawn synthetic prose of one county and year under the threshold', () => {
    const units = Array.from({ length: 200 }, (_, i) => {
      const name = `第${i}镇`;
      const names = [name, `${name}人民政府`, place.county, place.city, place.province];
      const s = unitSections({ ...place, name }, `${name}人民政府`, 2022, i % 3 === 0 ? 0 : i, rngFor('independent', i));
      return { s, names };
    });
    for (const part of ['overview', 'problems'] as const) {
      const sigs = units.map((u) => signatureOf(u.s[part], u.names)!);
      let worst = 0;
      for (let i = 0; i < sigs.length; i++) for (let j = 0; j < sigs.length; j++) if (i !== j) worst = Math.max(worst, containment(sigs[i], sigs[j]));
      expect(worst, part).toBeLessThan(0.45);
    }
  });

  it('stores a signature as bytes and reads it back, and refuses the retired format', () => {
    const text = prose('x') + prose('y', 2021);
    const sig = signature(shingles(reduce(text).chars))!;
    expect(sig.size).toBeGreaterThan(SIGNATURE_SIZE);
    expect(signatureOf(text)).toEqual(sig);
    const back = decodeSignature(encodeSignature(sig));
    expect(back.size).toBe(sig.size);
    expect([...back.mins]).toEqual([...sig.mins]);
    expect(back.mins).toHaveLength(SIGNATURE_SIZE);
    const short = signatureOf('甲乡着力规范依申请办理流程')!;
    expect(short.mins).toHaveLength(short.size);
    expect(decodeSignature(encodeSignature(short))).toEqual(short);
    expect(signatureOf('一二三')).toBeNull();
    expect(() => decodeSignature(new Uint8Array(new Uint32Array(SIGNATURE_SIZE + 1).buffer))).toThrow(/another format/);
  });

  it('signs prose as the shingles of its reduced text would, names and repeated phrases dropped alike', () => {
    const names = [`${place.county}人民政府`, place.county, '河河', '𠀀甲'];
    const long = Array.from({ length: 40 }, (_, i) => prose(`p${i}`, 2019 + (i % 5))).join(`河河河${place.county}`);
    for (const text of [prose('x'), long, `河河河河河${prose('y')}人民政府人民政府人民`, '𠀀甲乙丙丁戊己𠀀甲', '甲乙丙丁戊'.repeat(400)]) {
      expect(signatureOf(text, names)).toEqual(signature(shingles(reduce(text, names).chars)));
    }
  });

  it('compares prose of up to SIGNATURE_SIZE shingles exactly', () => {
    const a = reduce(prose('a')).chars;
    const b = reduce(prose('b')).chars;
    const x = a.slice(0, 60) + b.slice(0, 40);
    const y = a.slice(20, 90);
    const sx = shingles(x);
    const sy = shingles(y);
    expect(new Set([...sx, ...sy]).size).toBeLessThanOrEqual(SIGNATURE_SIZE);
    const shared = [...sx].filter((h) => sy.has(h)).length;
    expect(shared).toBeGreaterThan(0);
    expect(containment(signatureOf(x)!, signatureOf(y)!)).toBeCloseTo(shared / sx.size, 12);
    expect(containment(signatureOf(y)!, signatureOf(x)!)).toBeCloseTo(shared / sy.size, 12);
  });
});

describe('comparing many signatures at once', () => {
  /**
   * Groups of shingle sets drawn from a template with every degree of sharing, long and short (a
   * union under SIGNATURE_SIZE is compared exactly, over it estimated), so that many pairs fall
   * near SIMILARITY_FLOOR on either side of it.
   */
  const groups = () => {
    const rng = rngFor('packed', 'signatures');
    const hash = () => Math.floor(rng() * 2 ** 32);
    return Array.from({ length: 40 }, () => {
      const scale = rng() < 0.5 ? 60 : 300;
      const template = Array.from({ length: 10 + Math.floor(rng() * scale) }, hash);
      return Array.from({ length: 2 + Math.floor(rng() * 12) }, () => {
        const kept = template.filter(() => rng() < [0, 0.15, 0.3, 0.45, 0.6, 1][Math.floor(rng() * 6)]);
        return signature(new Set([...kept, ...Array.from({ length: 5 + Math.floor(rng() * scale) }, hash)]))!;
      });
    });
  };

  it('finds exactly the pairs, and shares, that comparing every two signatures of a group finds', () => {
    const all = groups();
    const packed = packSignatures(all.flat().map(encodeSignature));
    const expected: string[] = [];
    const found: string[] = [];
    let from = 0;
    const nearFloor = { above: 0, below: 0, short: 0 };
    for (const group of all) {
      group.forEach((a, i) =>
        group.forEach((b, j) => {
          if (i === j) return;
          const share = containment(a, b);
          if (share >= SIMILARITY_FLOOR) expected.push(`${from + i} ${from + j} ${share}`);
          if (Math.abs(share - SIMILARITY_FLOOR) < 0.05) nearFloor[share >= SIMILARITY_FLOOR ? 'above' : 'below']++;
          if (share >= SIMILARITY_FLOOR && a.mins.length + b.mins.length < SIGNATURE_SIZE) nearFloor.short++;
          expect(similarShare(packed, from + i, from + j)).toBe(share >= SIMILARITY_FLOOR ? share : null);
        }),
      );
      similarWithin(packed, from, from + group.length, (a, b, share) => found.push(`${a} ${b} ${share}`));
      from += group.length;
    }
    expect(nearFloor.above).toBeGreaterThan(10);
    expect(nearFloor.below).toBeGreaterThan(10);
    expect(nearFloor.short).toBeGreaterThan(10);
    expect(found.sort()).toEqual(expected.sort());
  });
});

describe('the metric dictionary', () => {
  const values = (v: Record<string, number | null>) => v;
  it('reads only figure keys of the vocabulary', () => {
    for (const m of METRICS) for (const f of Object.values(m.formulas)) for (const k of [...f.numerator, ...(f.denominator ?? [])]) expect(WIDE_INDEX.has(k), `${m.id}: ${k}`).toBe(true);
  });

  it('computes 实质公开率 and 复议纠错率, and leaves a blank term or a zero denominator blank with its reason', () => {
    const rate = METRIC_BY_ID.get('disclosure_rate')!;
    const v = values({ 'applications.granted.total': 6, 'applications.partially_granted.total': 2, 'applications.total.total': 10 });
    expect(computeMetric(rate, { template: '2021', values: v }).value).toBeCloseTo(0.8, 10);
    expect(computeMetric(rate, { template: '2019', values: { ...v, 'applications.partially_granted.total': null } })).toEqual({ value: null, reason: '所需数字有空白' });
    expect(computeMetric(rate, { template: '2021', values: { ...v, 'applications.total.total': 0 } })).toEqual({ value: null, reason: '分母为 0' });
    const review = METRIC_BY_ID.get('review_correction_rate')!;
    expect(computeMetric(review, { template: '2021', values: { 'review.review.corrected': 1, 'review.review.total': 4 } }).value).toBe(0.25);
  });

  it('never mixes the 2019 and 2021 definitions: split indicators, withheld year-over-year across the change', () => {
    const issued = METRIC_BY_ID.get('normative_issued')!;
    const made = METRIC_BY_ID.get('normative_made_2019')!;
    expect(formulaFor(issued, '2019')).toBeNull();
    expect(formulaFor(made, '2021')).toBeNull();
    expect(computeMetric(issued, { template: '2019', values: { 'active.normative.new_made': 3 } })).toMatchObject({ value: null });
    const licensing = METRIC_BY_ID.get('licensing_yoy')!;
    const y2021 = { template: '2021' as const, values: { 'active.licensing.decisions': 30 } };
    expect(computeMetric(licensing, y2021, { template: '2019', values: { 'active.licensing.decisions': 20 } })).toEqual({ value: null, reason: '上下两年格式不同，口径不一致' });
    expect(computeMetric(licensing, y2021, { template: '2021', values: { 'active.licensing.decisions': 20 } }).value).toBeCloseTo(0.5, 10);
    // applications are printed alike in both formats: comparable across the change
    const yoy = METRIC_BY_ID.get('applications_yoy')!;
    expect(computeMetric(yoy, { template: '2021', values: { 'applications.received_new.total': 15 } }, { template: '2019', values: { 'applications.received_new.total': 10 } }).value).toBeCloseTo(0.5, 10);
    for (const m of METRICS) if (Object.keys(m.formulas).length === 1) expect(m.comparableAcrossFormats, m.id).toBe(false);
  });

  it('knows the deadline and that an undated report is unknown, not late', () => {
    expect(publicationDeadline(2023)).toBe('2024-01-31');
    expect(timeliness(2023, '2024-01-31')).toBe('on_time');
    expect(timeliness(2023, '2024-02-01')).toBe('late');
    expect(timeliness(2023, null)).toBe('unknown');
    expect(daysLate(2023, '2024-03-01')).toBe(30);
  });
});

describe('benchmarks', () => {
  it('gives the median, the middle-50% band, rank and percentile, as DuckDB’s quantile_cont does', async () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const [row] = (
      await db.runAndReadAll(`SELECT quantile_cont(v, 0.25) AS p25, median(v) AS m, quantile_cont(v, 0.75) AS p75 FROM (SELECT unnest([${values}]) AS v)`)
    ).getRowObjectsJson() as { p25: number; m: number; p75: number }[];
    const b = benchmark(5, values)!;
    expect([b.p25, b.median, b.p75]).toEqual([row.p25, row.m, row.p75]);
    expect(b.rank).toBe(3);
    expect(b.percentile).toBeCloseTo(((5 + 0.5) / 8) * 100, 10);
    expect(quantile([1, 2], 0.5)).toBe(1.5);
  });

  it('flags only values far outside the band, and only among enough peers', () => {
    const peers = [10, 11, 12, 13, 14, 15, 400];
    expect(peers.map((v) => benchmark(v, peers)!.outlier)).toEqual([null, null, null, null, null, null, 'high']);
    expect(benchmark(400, [10, 11, 400])!.outlier).toBeNull();
  });
});

describe('prose against tables', () => {
  const values = { 'applications.received_new.total': 12, 'applications.carried_over.total': 3, 'review.review.total': 2, 'review.litigation_direct.total': 0, 'review.litigation_after_review.total': 1 };

  it('reads the counts the prose states and compares them with the tables', () => {
    const found = proseAgainstTables('全年共收到政府信息公开申请15件，其中……。发生行政复议2件，行政诉讼3件。', values);
    expect(found.map((f) => [f.id, f.stated, f.table, f.agrees])).toEqual([
      ['applications', 15, 12, true],
      ['review', 2, 2, true],
      ['litigation', 3, 1, false],
    ]);
    expect(found[0].alternatives).toEqual([{ label: '新收 + 上年结转', value: 15 }]);
  });

  it('reads “none received” as 0 and says nothing when the prose gives no count', () => {
    expect(proseAgainstTables('本年度未收到政府信息公开申请。', values).map((f) => [f.stated, f.agrees])).toEqual([[0, false]]);
    expect(proseAgainstTables('2022年，我镇认真贯彻落实条例。', values)).toEqual([]);
    // a sentence about review that mentions applications is not a count of applications
    expect(proseAgainstTables('全年未收到因政府信息公开申请提起的行政复议。', values).map((f) => f.id)).toEqual(['review']);
  });

  it('compares nothing where the table leaves the figure blank', () => {
    const [f] = proseAgainstTables('行政复议2件。', { 'review.review.total': null });
    expect(f).toMatchObject({ stated: 2, table: null, agrees: null });
  });
});

describe('prose against tables on real reports (shared corpus)', () => {
  const hzq = sharedFile('corpus/KIROGOVCOMPARE__hzq2024_working.pdf');
  const szfgs = sharedFile('corpus/govnianbao__szfgs2024.pdf');
  const figuresOf = (r: Report) => ({
    ...Object.fromEntries(Object.entries(r.applications).map(([row, cols]) => [`applications.${row}.total`, cols.total])),
    ...Object.fromEntries(Object.entries(r.review).map(([k, v]) => [`review.${k}`, v])),
  });
  const proseOf = (r: Report) => Object.values(r.sections).filter(Boolean).join('\n');

  it.skipIf(!hzq)('warns where 洪泽区 2024 says 受理17件 and its table 三 says 95 (corpus README)', async () => {
    const { report } = await parseFile(hzq!);
    expect(proseAgainstTables(proseOf(report), figuresOf(report))).toEqual([expect.objectContaining({ id: 'applications', stated: 17, table: 95, agrees: false })]);
  });

  it.skipIf(!szfgs)('agrees with 淮安市 2024, whose prose states 3119 applications, 351 reviews and 46 suits', async () => {
    const { report } = await parseFile(szfgs!);
    expect(proseAgainstTables(proseOf(report), figuresOf(report)).map((f) => [f.id, f.stated, f.agrees])).toEqual([
      ['applications', 3119, true],
      ['review', 351, true],
      ['litigation', 46, true],
    ]);
  });
});

describe('the similarity store', () => {
  const pairs = async (path: string) => {
    const db = await openDatabase(path);
    return (
      await db.runAndReadAll(
        `SELECT a.source_path AS a, b.source_path AS b, part, kind, round(share, 9) AS share FROM similarity JOIN reports a ON a.id = report_id JOIN reports b ON b.id = other_id ORDER BY ALL`,
      )
    ).getRowObjectsJson();
  };

  /** The 雷同 page's pairs as stored, and as folded here from the directed rows: they must agree. */
  const foldedPairs = async (db: DuckDBConnection) => {
    const stored = (
      await db.runAndReadAll(`SELECT a, b, kind, round(overview, 9) AS overview, round(problems, 9) AS problems FROM similar_pairs ORDER BY ALL`)
    ).getRowObjectsJson();
    const directed = (await db.runAndReadAll(`SELECT report_id, other_id, part, kind, share FROM similarity`)).getRowObjectsJS() as {
      report_id: number;
      other_id: number;
      part: 'overview' | 'problems';
      kind: string;
      share: number;
    }[];
    const byPair = new Map<string, { a: number; b: number; kind: string; overview: number | null; problems: number | null }>();
    for (const d of directed) {
      const [a, b] = d.kind === 'same_year' ? [Math.min(d.report_id, d.other_id), Math.max(d.report_id, d.other_id)] : [d.report_id, d.other_id];
      const key = `${a} ${b} ${d.kind}`;
      const pair = byPair.get(key) ?? byPair.set(key, { a, b, kind: d.kind, overview: null, problems: null }).get(key)!;
      pair[d.part] = Math.max(pair[d.part] ?? 0, d.share);
    }
    const round = (v: number | null) => (v === null ? null : Math.round(v * 1e9) / 1e9);
    const folded = [...byPair.values()].map((p) => ({ ...p, overview: round(p.overview), problems: round(p.problems) }));
    const order = (x: { a: number; b: number; kind: string }, y: { a: number; b: number; kind: string }) => x.a - y.a || x.b - y.b || x.kind.localeCompare(y.kind);
    // the divisions, year and names the page filters and shows are the first report's, the other's code and name
    const [{ n: mismatched }] = (
      await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM similar_pairs p JOIN reports ra ON ra.id = p.a JOIN reports rb ON rb.id = p.b
        WHERE p.year IS DISTINCT FROM ra.year OR p.other_year IS DISTINCT FROM rb.year OR p.county_code IS DISTINCT FROM ra.county_code
          OR p.jurisdiction_code IS DISTINCT FROM ra.jurisdiction_code OR p.other_code IS DISTINCT FROM rb.jurisdiction_code
          OR p.name <> coalesce(ra.jurisdiction_name, ra.organ, '（未识别单位）') OR p.synthetic <> (ra.synthetic OR rb.synthetic)`)
    ).getRowObjectsJS() as { n: number }[];
    expect(mismatched).toBe(0);
    return { stored: [...stored].sort(order as never), folded: folded.sort(order) };
  };

  it('is the same whether a county’s years come in one ingest or year by year', async () => {
    const dir = tempDir();
    const corpus = writeSynthCorpus(join(dir, 'all'));
    const byYear = [2019, 2020, 2021, 2022, 2023].map((y) => writeSynthCorpus(join(dir, `y${y}`), [y]));
    const once = join(dir, 'once.duckdb');
    await ingestPaths(await openDatabase(once), [corpus.dir]);
    const stepwise = join(dir, 'steps.duckdb');
    for (const [i, c] of [3, 0, 4, 1, 2].map((i) => [i, byYear[i]] as const)) expect((await ingestPaths(await openDatabase(stepwise), [c.dir])).failed, String(i)).toBe(0);
    const strip = (rows: Record<string, unknown>[]) =>
      rows.map((r) => JSON.stringify({ ...r, a: String(r.a).replace(/.*\/32\//, ''), b: String(r.b).replace(/.*\/32\//, '') })).sort();
    const a = strip(await pairs(once));
    expect(a.length).toBeGreaterThan(0);
    expect(strip(await pairs(stepwise))).toEqual(a);
    for (const path of [once, stepwise]) {
      const { stored, folded } = await foldedPairs(await openDatabase(path));
      expect(stored.length).toBeGreaterThan(0);
      expect(stored).toEqual(folded);
    }
  }, 180_000);

  it('forgets a superseded report’s pairs and compares its new version', async () => {
    const dir = tempDir();
    const corpus = writeSynthCorpus(join(dir, 'c'), [2021, 2022]);
    const path = join(dir, 'db.duckdb');
    const db = await openDatabase(path);
    await ingestPaths(db, [corpus.dir]);
    const before = await pairs(path);
    const copied = before.find((r) => r.kind === 'same_year')!;
    const text = (await db.runAndReadAll(`SELECT source_text FROM reports WHERE source_path = $p`, { p: copied.a as string })).getRowsJS()[0][0] as string;
    const problems = (await db.runAndReadAll(`SELECT section_problems FROM reports WHERE source_path = $p`, { p: copied.a as string })).getRowsJS()[0][0] as string;
    const rewritten = join(dir, 'rewritten.txt');
    writeFileSync(rewritten, text.replace(problems, '本年度存在的问题另行专题报告，整改措施已逐项落实到人。'));
    expect((await ingestPaths(db, [rewritten])).superseded).toBe(1);
    const after = await pairs(path);
    expect(after.filter((r) => r.a === copied.a || r.b === copied.a)).toEqual([]);
    expect(after.some((r) => r.a === rewritten && r.part === 'overview')).toBe(true);
    const { stored, folded } = await foldedPairs(db);
    expect(stored).toEqual(folded);
  }, 120_000);

  it('drops a superseded report’s pairs from the 雷同 page as it is superseded, before its county is recompared', async () => {
    const dir = tempDir();
    const corpus = writeSynthCorpus(join(dir, 'c'), [2022]);
    const db = await openDatabase(join(dir, 'db.duckdb'));
    await ingestPaths(db, [corpus.dir]);
    const pairsOf = async (path: string) =>
      (
        await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM similar_pairs p JOIN reports r ON r.id IN (p.a, p.b) WHERE r.source_path = $path`, { path })
      ).getRowObjectsJS()[0].n;
    const [{ path: copied }] = (
      await db.runAndReadAll(`SELECT r.source_path AS path FROM similar_pairs p JOIN reports r ON r.id = p.a WHERE p.kind = 'same_year' LIMIT 1`)
    ).getRowObjectsJS() as { path: string }[];
    expect(await pairsOf(copied)).toBeGreaterThan(0);
    const rewritten = join(dir, 'rewritten.txt');
    writeFileSync(rewritten, readFileSync(copied, 'utf8') + '\n');
    const file = await stageFile(rewritten, new Set());
    if (file.status !== 'parsed') throw new Error(`${rewritten}: ${file.status}`);
    const [outcome] = await writeStaged(db, await loadState(db), [{ path: rewritten, sha256: file.sha256, staged: file.staged }]);
    expect(outcome.status).toBe('superseded');
    expect(await pairsOf(copied)).toBe(0);
  }, 120_000);

  /** The synthetic counties' 2022–2023 reports ingested into a new file, and their pairs. */
  const comparedFile = async (name: string) => {
    const dir = tempDir();
    const corpus = writeSynthCorpus(join(dir, 'c'), [2022, 2023]);
    const path = join(dir, name);
    const db = await openDatabase(path);
    await ingestPaths(db, [corpus.dir]);
    const compared = await pairs(path);
    expect(compared.length).toBeGreaterThan(0);
    return { path, db, compared };
  };

  it('compares at the next ingest the county years an interrupted ingest had queued', async () => {
    const { path, db, compared } = await comparedFile('queued.duckdb');
    expect((await db.runAndReadAll('SELECT count(*)::INTEGER FROM similarity_pending')).getRowsJS()[0][0]).toBe(0);
    // What a kill between the batches' commits and the comparison leaves: signed reports, their years queued.
    await db.run(`DELETE FROM similarity; INSERT INTO similarity_pending SELECT DISTINCT coalesce(${PEER_AREA_SQL}, ''), year FROM reports WHERE year IS NOT NULL`);
    await ingestPaths(db, []);
    expect(await pairs(path)).toEqual(compared);
    const { stored, folded } = await foldedPairs(db);
    expect(stored).toEqual(folded);
    expect((await db.runAndReadAll('SELECT count(*)::INTEGER FROM similarity_pending')).getRowsJS()[0][0]).toBe(0);
  }, 120_000);

  /** Every pair of current reports a 雷同 comparison stores, found by comparing every two. */
  const everyPair = async (db: DuckDBConnection) => {
    const signed = (
      await db.runAndReadAll(`SELECT r.id, r.chain, r.year, coalesce(${PEER_AREA_SQL}, '') AS area, s.part, s.signature
        FROM current_reports r JOIN prose_signatures s ON s.report_id = r.id WHERE s.signature IS NOT NULL AND r.year IS NOT NULL`)
    ).getRowObjectsJS() as { id: number; chain: string | null; year: number; area: string; part: string; signature: Uint8Array }[];
    const out: string[] = [];
    for (const a of signed) {
      for (const b of signed) {
        if (a === b || a.part !== b.part) continue;
        const kind =
          a.area !== '' && a.area === b.area && a.year === b.year ? 'same_year' : a.chain !== null && a.chain === b.chain && b.year === a.year - 1 ? 'previous_year' : null;
        const share = kind && containment(decodeSignature(a.signature), decodeSignature(b.signature));
        if (kind && share! >= SIMILARITY_FLOOR) out.push(JSON.stringify([a.id, b.id, a.part, kind, share]));
      }
    }
    return out.sort();
  };
  const stored = async (db: DuckDBConnection) =>
    (await db.runAndReadAll('SELECT report_id, other_id, part, kind, share FROM similarity')).getRowsJS().map((r) => JSON.stringify(r)).sort();

  it('stores what comparing every two reports finds, for areas of counties, cities, provinces and none, however many reports are read at once', async () => {
    const { db } = await comparedFile('areas.duckdb');
    const units = async (kind: string) =>
      (
        await db.runAndReadAll(`SELECT DISTINCT least(a.jurisdiction_code, b.jurisdiction_code) AS a, greatest(a.jurisdiction_code, b.jurisdiction_code) AS b
          FROM similarity JOIN reports a ON a.id = report_id JOIN reports b ON b.id = other_id WHERE kind = $kind ORDER BY ALL`, { kind })
      ).getRowObjectsJS() as { a: string; b: string }[];
    // Of three pairs of units copying each other in a year, one placed in its city only, one in its
    // province only, one nowhere (compared with no peer); and another organ copying its year before
    // with no place at all.
    const sameYear = await units('same_year');
    expect(sameYear.length).toBeGreaterThanOrEqual(3);
    const place = async (pair: { a: string; b: string }, codes: string) => db.run(`UPDATE reports SET ${codes} WHERE jurisdiction_code IN ($a, $b)`, pair);
    await place(sameYear[0], 'county_code = NULL, city_code = NULL');
    await place(sameYear[1], 'county_code = NULL, city_code = NULL, province_code = NULL');
    await place(sameYear[2], 'county_code = NULL');
    const [unplaced] = (await units('previous_year')).filter((u) => u.a.startsWith('320813'));
    await place(unplaced, 'county_code = NULL, city_code = NULL, province_code = NULL');
    const expected = await everyPair(db);
    for (const reportsAtOnce of [1, 7, 25_000]) {
      await db.run(`DELETE FROM similarity; DELETE FROM similar_pairs; INSERT INTO similarity_pending SELECT DISTINCT coalesce(${PEER_AREA_SQL}, ''), year FROM current_reports WHERE year IS NOT NULL`);
      await recomputeSimilarity(db, reportsAtOnce);
      expect(await stored(db), String(reportsAtOnce)).toEqual(expected);
      const { stored: pairs, folded } = await foldedPairs(db);
      expect(pairs).toEqual(folded);
    }
    const kinds = (
      await db.runAndReadAll(`SELECT DISTINCT coalesce(${PEER_AREA_SQL}, '') AS area, kind FROM similarity JOIN reports r ON r.id = report_id ORDER BY ALL`)
    ).getRowsJS();
    expect(kinds).toEqual(expect.arrayContaining([['', 'previous_year'], ['32', 'same_year'], ['3208', 'same_year'], ['320803', 'previous_year']]));
    expect(kinds).not.toContainEqual(['', 'same_year']);
  }, 120_000);

  it('signs again, and recompares, the reports of a file signed in the retired format', async () => {
    const { path, db, compared } = await comparedFile('retired.duckdb');
    const signatures = async () => (await db.runAndReadAll('SELECT report_id, part, signature FROM prose_signatures ORDER BY ALL')).getRowsJson();
    const current = await signatures();
    // The retired layout: the distinct shingles then 128 minima, as 129 uint32 with no format byte.
    await db.run(`UPDATE prose_signatures SET signature = unhex(repeat('00', ${4 * (SIGNATURE_SIZE + 1)})) WHERE signature IS NOT NULL; DELETE FROM similarity`);
    expect((await db.runAndReadAll('SELECT count(*)::INTEGER FROM prose_signatures WHERE octet_length(signature) = 516')).getRowsJS()[0][0]).toBeGreaterThan(0);
    await ingestPaths(db, []);
    expect(await signatures()).toEqual(current);
    expect(await pairs(path)).toEqual(compared);
    expect((await db.runAndReadAll('SELECT count(*)::INTEGER FROM similarity_pending')).getRowsJS()[0][0]).toBe(0);
  }, 120_000);

  /**
   * The synthetic counties' 2022–2023 reports in a file opened outside the app's instances, made to
   * look older by `age` (which returns what it saw before), then closed: what the next open upgrades.
   */
  const olderFile = async <T>(age: (old: DuckDBConnection) => Promise<T>) => {
    const dir = tempDir();
    const corpus = writeSynthCorpus(join(dir, 'c'), [2022, 2023]);
    const path = join(dir, 'old.duckdb');
    const instance = await DuckDBInstance.create(path);
    const old = await instance.connect();
    await ensureSchema(old);
    await ingestPaths(old, [corpus.dir]);
    const before = await age(old);
    old.closeSync();
    instance.closeSync();
    return { path, before };
  };

  it('is added to a database file made before it, without losing a row, and filled at the next ingest', async () => {
    const { path, before: reports } = await olderFile(async (old) => {
      const count = (await old.runAndReadAll('SELECT count(*)::INTEGER FROM reports')).getRowsJS()[0][0];
      await old.run('DROP TABLE similarity; DROP TABLE prose_signatures;');
      return count;
    });

    const db = await openDatabase(path);
    expect((await db.runAndReadAll('SELECT count(*)::INTEGER FROM reports')).getRowsJS()[0][0]).toBe(reports);
    expect((await db.runAndReadAll('SELECT count(*)::INTEGER FROM similarity')).getRowsJS()[0][0]).toBe(0);
    await ingestPaths(db, []);
    expect((await db.runAndReadAll('SELECT count(DISTINCT report_id)::INTEGER FROM prose_signatures')).getRowsJS()[0][0]).toBe(reports);
    expect((await db.runAndReadAll('SELECT count(*)::INTEGER FROM similarity')).getRowsJS()[0][0]).toBeGreaterThan(0);
  }, 120_000);

  it('folds the pairs of a database file made before similar_pairs when it is opened', async () => {
    const { path, before: stored } = await olderFile(async (old) => {
      const { stored } = await foldedPairs(old);
      expect(stored.length).toBeGreaterThan(0);
      await old.run('DROP TABLE similar_pairs');
      return stored;
    });

    const { stored: refolded, folded } = await foldedPairs(await openDatabase(path));
    expect(refolded).toEqual(stored);
    expect(refolded).toEqual(folded);
  }, 120_000);
});
