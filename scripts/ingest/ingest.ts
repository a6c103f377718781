/**
 * Files → database. Files are parsed on every core and written in batches, each batch one
 * transaction; a batch that fails is written again one file per transaction, so a file that cannot
 * be written fails alone and leaves nothing behind. Then the cross-year checks of the organs touched
 * are recomputed, the prose of the counties and years touched is compared (雷同检测) and the area
 * summaries count the new reports. One ingest at a time per process: a second call waits for the first.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { summariseNewReports } from './load/area-summaries';
import { recheckCrossYear } from './load/cross-year';
import { withOneThread } from './load/one-thread';
import { inTransaction } from './load/transaction';
import { recomputeSimilarity } from './load/similarity';
import { loadState, writeBatch, type Staged, type StoreState, type WriteOutcome } from './load/write';
import { describeError } from './parse-file';
import { findReportFiles } from './files';
import { stageAll, type PoolOptions } from './stage-pool';

export interface FileResult {
  path: string;
  /** of a structured file's reports: which row or line */
  where?: string;
  status: 'ingested' | 'superseded' | 'unchanged' | 'failed';
  id?: number;
  supersedes?: number;
  error?: string;
}

export interface IngestSummary {
  files: number;
  /** one per report (a structured file holds many) and one per file that failed or was skipped */
  ingested: number;
  superseded: number;
  unchanged: number;
  failed: number;
  results: FileResult[];
  seconds: number;
  /** organs whose cross-year checks were recomputed */
  cross_year_organs: number;
  /** wall seconds of each phase: files read, parsed and written; then the work over what was written */
  phases: { files_s: number; cross_year_s: number; similarity_s: number; summaries_s: number };
}

export interface Progress {
  /** files staged and written (or skipped, or failed) so far */
  done: number;
  total: number;
  /** reports committed so far */
  written: number;
}

export interface IngestOptions extends PoolOptions {
  /** reports per transaction */
  batch?: number;
}

declare global {
  // eslint-disable-next-line no-var
  var __nianbaoWrites: Promise<unknown> | undefined;
}

/**
 * Writes one at a time per process (ingests, corrections): the queue lives on globalThis because the
 * server's app bundle and its ingest endpoint each load their own copy of this module.
 */
export function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = (globalThis.__nianbaoWrites ?? Promise.resolve()).then(work);
  globalThis.__nianbaoWrites = run.catch(() => {});
  return run;
}

export function ingestPaths(
  db: DuckDBConnection,
  paths: string[],
  onProgress: (done: number, total: number, progress: Progress) => void = () => {},
  options: IngestOptions = {},
): Promise<IngestSummary> {
  return exclusive(() => ingestNow(db, paths, onProgress, options));
}

async function ingestNow(
  db: DuckDBConnection,
  paths: string[],
  onProgress: (done: number, total: number, progress: Progress) => void,
  options: IngestOptions,
): Promise<IngestSummary> {
  const t0 = performance.now();
  const { files, missing } = await findReportFiles(paths);
  const results: FileResult[] = missing.map((path) => ({ path, status: 'failed', error: 'file not found' }));
  const state = await loadState(db);
  const batchSize = options.batch ?? 1000;
  let batch: Staged[] = [];
  let done = 0;
  let written = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const outcomes = await writeStaged(db, state, batch);
    for (const o of outcomes) results.push(o);
    written += outcomes.filter((o) => o.status === 'ingested' || o.status === 'superseded').length;
    done += new Set(batch.map((b) => b.path)).size;
    batch = [];
    onProgress(done, files.length, { done, total: files.length, written });
  };

  await withOneThread(db, async () => {
    for await (const file of stageAll(files, new Set(state.shas.keys()), options)) {
      if (file.status === 'parsed' || file.status === 'parsed-many') {
        // A structured file's reports go into one batch: the file is written whole or not at all.
        if (file.status === 'parsed') batch.push({ path: file.path, sha256: file.sha256, staged: file.staged });
        else for (const r of file.reports) batch.push({ path: file.path, sha256: r.sha256, staged: r.staged, where: r.where });
        if (batch.length >= batchSize) await flush();
        continue;
      }
      results.push(
        file.status === 'known'
          ? { path: file.path, status: 'unchanged', id: state.shas.get(file.sha256) }
          : { path: file.path, status: 'failed', error: file.error },
      );
      done++;
      const pending = new Set(batch.map((b) => b.path)).size;
      if (done % 100 === 0 || batch.length === 0) onProgress(done + pending, files.length, { done: done + pending, total: files.length, written });
    }
    await flush();
  });
  const lap = stopwatch(t0);
  const filesS = lap();
  const crossYearOrgans = await recheckCrossYear(db);
  const crossYearS = lap();
  await recomputeSimilarity(db);
  const similarityS = lap();
  await inTransaction(db, () => summariseNewReports(db));
  const summariesS = lap();

  const order = new Map([...missing, ...files].map((p, i) => [p, i]));
  results.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  const count = (s: FileResult['status']) => results.filter((r) => r.status === s).length;
  return {
    files: missing.length + files.length,
    ingested: count('ingested'),
    superseded: count('superseded'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    results,
    seconds: (performance.now() - t0) / 1000,
    cross_year_organs: crossYearOrgans,
    phases: { files_s: filesS, cross_year_s: crossYearS, similarity_s: similarityS, summaries_s: summariesS },
  };
}

/** Seconds since the previous call (the first: since `start`). */
function stopwatch(start: number): () => number {
  let last = start;
  return () => {
    const now = performance.now();
    const s = (now - last) / 1000;
    last = now;
    return s;
  };
}

/** The batch in one transaction; if that fails, each file in its own, so only the culprit fails. */
export async function writeStaged(db: DuckDBConnection, state: StoreState, batch: Staged[]): Promise<(WriteOutcome | FileResult)[]> {
  try {
    const outcomes: (WriteOutcome | FileResult)[] = await writeBatch(db, state, batch);
    return outcomes.map((o, i) => (batch[i].where ? { ...o, where: batch[i].where } : o));
  } catch (err) {
    const byFile = new Map<string, Staged[]>();
    for (const b of batch) byFile.set(b.path, [...(byFile.get(b.path) ?? []), b]);
    if (byFile.size === 1) return [{ path: batch[0].path, status: 'failed', error: `not written: ${describeError(err)}` }];
    const outcomes: (WriteOutcome | FileResult)[] = [];
    for (const one of byFile.values()) outcomes.push(...(await writeStaged(db, state, one)));
    return outcomes;
  }
}
