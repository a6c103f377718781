/**
 * Synthetic data for the supervisor insights: the synth corpus of two counties over five years (with
 * its planted copies, late and undated reports), and one county's townships for 2022 written with
 * chosen figures, one of them an outlier, one whose prose states another count than its table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unitFiles } from '../../scripts/ingest/synth/corpus';
import { loadUnits, type Unit } from '../../scripts/ingest/synth/divisions';
import { proseSource, type InsightRecord } from '../../scripts/ingest/synth/insights';
import { balancedValues, renderReport } from './report-text';

export const SEED = 'insights-test';
export const SYNTH_COUNTIES = ['320813', '320803'];
export const SYNTH_YEARS = [2019, 2020, 2021, 2022, 2023];

export interface SynthCorpus {
  dir: string;
  /** absolute file path → unit code and year */
  files: Map<string, { code: string; year: number }>;
  insights: (InsightRecord & { path: string })[];
  units: Unit[];
}

export function writeSynthCorpus(dir: string, years = SYNTH_YEARS): SynthCorpus {
  const units = loadUnits().filter((u) => SYNTH_COUNTIES.includes(u.areaCode));
  const files = new Map<string, { code: string; year: number }>();
  const insights: SynthCorpus['insights'] = [];
  for (const unit of units) {
    const siblings = units.filter((u) => u.areaCode === unit.areaCode).map((u) => u.code);
    for (const f of unitFiles(unit, SYNTH_YEARS, SEED, siblings)) {
      if (!years.includes(f.year)) continue;
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.bytes);
      files.set(path, { code: f.code, year: f.year });
      for (const plant of f.insights) insights.push({ file: f.path, path, code: f.code, year: f.year, plant });
    }
  }
  return { dir, files, insights, units };
}

/**
 * The pairs a correct 雷同检测 finds: two reports of the corpus compared (same county and year, or the
 * same unit in consecutive years) whose prose was drawn from the same choices. Unordered, as
 * `pathA|pathB` with the paths sorted. Only reports the store could place (`placed`) are compared: a
 * report whose county is unknown has no peers and no chain.
 */
export function expectedCopies(corpus: SynthCorpus, placed: (path: string) => boolean = () => true): Set<string> {
  const county = new Map(corpus.units.map((u) => [u.code, u.areaCode]));
  const siblings = (code: string) => corpus.units.filter((u) => u.areaCode === county.get(code)).map((u) => u.code);
  const entries = [...corpus.files].filter(([path]) => placed(path)).map(([path, f]) => {
    const s = proseSource(SEED, f.code, f.year, SYNTH_YEARS, siblings(f.code));
    return { path, ...f, stream: `${s.code}:${s.year}` };
  });
  const out = new Set<string>();
  for (const a of entries) {
    for (const b of entries) {
      if (a.path >= b.path || a.stream !== b.stream) continue;
      const sameYear = a.year === b.year && county.get(a.code) === county.get(b.code);
      const consecutive = a.code === b.code && Math.abs(a.year - b.year) === 1;
      if (sameYear || consecutive) out.add(`${a.path}|${b.path}`);
    }
  }
  return out;
}

/** 清江浦区's townships, 2022: one has far more applications than the others. */
export const PEER_COUNTY = '320812';
export const PEER_YEAR = 2022;
export const PEER_RECEIVED = [12, 15, 9, 20, 14, 11, 17, 400];
export const OUTLIER_INDEX = 7;
/** this one's prose says 25 applications while its table says 12 */
export const PROSE_MISMATCH_INDEX = 0;
export const PROSE_STATED = 25;

export function writePeerReports(dir: string): Map<string, number> {
  const townships = loadUnits().filter((u) => u.areaCode === PEER_COUNTY).slice(0, PEER_RECEIVED.length);
  const byPath = new Map<string, number>();
  townships.forEach((t, i) => {
    const received = PEER_RECEIVED[i];
    let text = renderReport({
      organ: `${t.name}人民政府`,
      place: `江苏省淮安市清江浦区${t.name}`,
      year: PEER_YEAR,
      format: '2021',
      values: balancedValues(received, received - 2, 1),
    });
    if (i === PROSE_MISMATCH_INDEX) {
      text = text.replace('（测试用报告：正文从略。）', `全年共收到政府信息公开申请${PROSE_STATED}件，均按期答复。`);
    }
    const path = join(dir, `${t.code}-${PEER_YEAR}.txt`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
    byPath.set(path, i);
  });
  return byPath;
}
