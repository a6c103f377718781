/**
 * npm run synth -- --out DIR [--units all|N] [--years 2019-2023] [--seed S] [--county CODE] [--workers K]
 *
 * Writes one synthetic report per township-level unit and year, plus DIR/planted.jsonl (every
 * planted error), DIR/insights.jsonl (every planted copy, late and undated report: synth/insights.ts)
 * and DIR/manifest.json (seed, units, years, counts, the generator's fingerprint).
 */
import { writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { PLANT_RATE } from './figures';
import { generatorFingerprint } from './fingerprint';
import { loadUnits, type Unit } from './divisions';
import { hashString } from './prng';
import type { WriteJob, WriteSummary } from './write';

function parseYears(spec: string): number[] {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(spec);
  if (!m) throw new Error(`--years: expected YYYY or YYYY-YYYY, got ${spec}`);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (to < from) throw new Error(`--years: ${spec} runs backwards`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** N units spread over the country, the same N for the same seed. */
function sample(units: Unit[], spec: string, seed: string): Unit[] {
  if (spec === 'all') return units;
  const n = Number(spec);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--units: expected all or a positive integer, got ${spec}`);
  const ranked = units.map((u) => ({ u, h: hashString(`${seed}:sample:${u.code}`) })).sort((a, b) => a.h - b.h);
  return ranked.slice(0, n).map((r) => r.u).sort((a, b) => a.code.localeCompare(b.code));
}

function runWorker(job: WriteJob, onProgress: (files: number) => void): Promise<WriteSummary> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: job });
    w.on('message', (m: { type: 'progress'; files: number } | { type: 'done'; summary: WriteSummary }) => {
      if (m.type === 'progress') onProgress(m.files);
      else resolve(m.summary);
    });
    w.on('error', reject);
    w.on('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

function merge(parts: WriteSummary[]): WriteSummary {
  const out: WriteSummary = { files: 0, bytes: 0, counts: {}, planted: [], insights: [] };
  for (const p of parts) {
    out.files += p.files;
    out.bytes += p.bytes;
    out.planted.push(...p.planted);
    out.insights.push(...p.insights);
    for (const [dim, values] of Object.entries(p.counts)) {
      const c = (out.counts[dim] ??= {});
      for (const [k, v] of Object.entries(values)) c[k] = (c[k] ?? 0) + v;
    }
  }
  out.planted.sort((a, b) => a.file.localeCompare(b.file));
  out.insights.sort((a, b) => a.file.localeCompare(b.file) || a.plant.kind.localeCompare(b.plant.kind));
  for (const dim of Object.keys(out.counts)) {
    out.counts[dim] = Object.fromEntries(Object.entries(out.counts[dim]).sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      units: { type: 'string', default: 'all' },
      years: { type: 'string', default: '2019-2023' },
      seed: { type: 'string', default: 'nianbao' },
      county: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  const out = path.resolve(values.out);
  const years = parseYears(values.years!);
  const seed = values.seed!;
  let units = loadUnits();
  if (values.county) {
    units = units.filter((u) => u.areaCode === values.county);
    if (units.length === 0) throw new Error(`--county ${values.county}: no township-level unit has this county code`);
  }
  units = sample(units, values.units!, seed);
  const total = units.length * years.length;
  // a worker costs about a second to start: small runs stay on the main thread
  const fallback = total < 5000 ? 1 : Math.min(2, os.availableParallelism());
  const workers = Math.max(1, Math.min(Number(values.workers ?? fallback), units.length));

  await mkdir(out, { recursive: true });
  const started = performance.now();
  const done = new Array<number>(workers).fill(0);
  const tty = process.stderr.isTTY;
  const report = (i: number, files: number) => {
    done[i] = files;
    if (!tty) return;
    const n = done.reduce((a, b) => a + b, 0);
    const s = (performance.now() - started) / 1000;
    process.stderr.write(`\r${n}/${total} files  ${Math.round(n / Math.max(s, 0.001))}/s  `);
  };
  const shares = Array.from({ length: workers }, (_, i) => units.filter((_, j) => j % workers === i));
  const counties: Record<string, string[]> = {};
  for (const u of units) (counties[u.areaCode] ??= []).push(u.code);
  const jobs = shares.map((share) => ({ units: share, years, seed, out, counties }));
  // the main thread loads the renderer only when it does the work itself
  const parts =
    workers === 1
      ? [(await import('./write')).writeUnits(jobs[0], (f) => report(0, f))]
      : await Promise.all(jobs.map((job, i) => runWorker(job, (f) => report(i, f))));
  const summary = merge(parts);
  const seconds = (performance.now() - started) / 1000;

  await writeFile(
    path.join(out, 'planted.jsonl'),
    summary.planted.map((p) => JSON.stringify(p)).join('\n') + (summary.planted.length ? '\n' : ''),
  );
  await writeFile(
    path.join(out, 'insights.jsonl'),
    summary.insights.map((p) => JSON.stringify(p)).join('\n') + (summary.insights.length ? '\n' : ''),
  );
  const manifest = {
    generator: generatorFingerprint(),
    seed,
    years,
    county: values.county ?? null,
    units: units.length,
    files: summary.files,
    bytes: summary.bytes,
    plant_rate: PLANT_RATE,
    planted: summary.planted.length,
    counts: summary.counts,
  };
  await writeFile(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  if (tty) process.stderr.write('\n');
  process.stderr.write(
    `synth: ${summary.files} files (${(summary.bytes / 1e6).toFixed(1)} MB), ${summary.planted.length} planted, ` +
      `${units.length} units × ${years.length} years, ${workers} worker(s), ${seconds.toFixed(1)} s → ${out}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`synth: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
