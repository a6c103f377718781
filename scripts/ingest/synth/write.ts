/**
 * Writes units' reports to disk and returns what it wrote. Writes are synchronous: each worker
 * thread is one writer, and a blocking write costs a third of a promise-based one (measured:
 * 50,000 files of 5 KB in 3.7 s against 8 s at 16 in flight).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unitFiles, type InsightRecord, type PlantedRecord } from './corpus';
import type { Unit } from './divisions';

export interface WriteJob {
  units: Unit[];
  years: number[];
  seed: string;
  out: string;
  /** county code → codes of the corpus's units there (same-year copies are drawn among them) */
  counties: Record<string, string[]>;
}

export interface WriteSummary {
  files: number;
  bytes: number;
  counts: Record<string, Record<string, number>>;
  planted: PlantedRecord[];
  insights: InsightRecord[];
}

function count(counts: WriteSummary['counts'], dimension: string, value: string): void {
  const c = (counts[dimension] ??= {});
  c[value] = (c[value] ?? 0) + 1;
}

export function writeUnits(job: WriteJob, progress: (files: number) => void): WriteSummary {
  const summary: WriteSummary = { files: 0, bytes: 0, counts: {}, planted: [], insights: [] };
  const dirs = new Set<string>();
  for (const unit of job.units) {
    for (const f of unitFiles(unit, job.years, job.seed, job.counties[unit.areaCode] ?? [])) {
      const target = path.join(job.out, f.path);
      const dir = path.dirname(target);
      if (!dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        dirs.add(dir);
      }
      writeFileSync(target, f.bytes);
      summary.files++;
      summary.bytes += f.bytes.length;
      count(summary.counts, 'layout', f.layout);
      count(summary.counts, 'encoding', f.encoding);
      count(summary.counts, 'template', f.template);
      count(summary.counts, 'year', String(f.year));
      if (f.planted) {
        summary.planted.push({ file: f.path, code: f.code, year: f.year, ...f.planted });
        count(summary.counts, 'planted', f.planted.rule);
      }
      for (const plant of f.insights) {
        summary.insights.push({ file: f.path, code: f.code, year: f.year, plant });
        count(summary.counts, 'insights', plant.kind);
      }
      if (summary.files % 500 === 0) progress(summary.files);
    }
  }
  progress(summary.files);
  return summary;
}
