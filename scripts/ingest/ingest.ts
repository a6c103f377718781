/**
 * Files → database. Files are parsed on every core and written in batches, each batch one
 * transaction; a batch that fails is written again one file per transaction, so a file that cannot
 * be written fails alone and leaves nothing behind. Then the cross-year checks of the organs touched
 * are recomputed, and the prose of the counties and years touched is compared (雷同检测). One ingest
 * at a time per process: a second call waits for the first.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { recheckCrossYear } from './load/cross-year';
import { recomputeSimilarity } from './load/similarity';
import { loadState, writeBatch, type Staged, type StoreState, type WriteOutcome } from './load/write';
import { describeError } from './parse-file';
import { findReportFiles } from './files';
import { stageAll, type PoolOptions } from './stage-pool';

export interface FileResult {
  path: string;
  status: 'ingested' | 'superseded' | 'unchanged' | 'failed';
  id?: number;
  supersedes?: number;
  error?: string;
}

export interface IngestSummary {
  files: number;
  ingested: number;
  superseded: number;
  unchanged: number;
  failed: number;
  results: FileResult[];
  seconds: number;
  /** organs whose cross-year checks were recomputed */
  cross_year_organs: number;
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

let running: Promise<unknown> = Promise.resolve();

export function ingestPaths(
  db: DuckDBConnection,
  paths: string[],
  onProgress: (done: number, total: number, progress: Progress) => void = () => {},
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const run = running.then(() => ingestNow(db, paths, onProgress, options));
  running = run.catch(() => {});
  return run;
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
    done += batch.length;
    batch = [];
    onProgress(done, files.length, { done, total: files.length, written });
  };

  for await (const file of stageAll(files, new Set(state.shas.keys()), options)) {
    if (file.status === 'parsed') {
      batch.push({ path: file.path, sha256: file.sha256, staged: file.staged });
      if (batch.length >= batchSize) await flush();
      continue;
    }
    results.push(
      file.status === 'known'
        ? { path: file.path, status: 'unchanged', id: state.shas.get(file.sha256) }
        : { path: file.path, status: 'failed', error: file.error },
    );
    done++;
    if (done % 100 === 0 || batch.length === 0) onProgress(done + batch.length, files.length, { done: done + batch.length, total: files.length, written });
  }
  await flush();
  const crossYearOrgans = await recheckCrossYear(db);
  await recomputeSimilarity(db);

  const order = new Map([...missing, ...files].map((p, i) => [p, i]));
  results.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  const count = (s: FileResult['status']) => results.filter((r) => r.status === s).length;
  return {
    files: results.length,
    ingested: count('ingested'),
    superseded: count('superseded'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    results,
    seconds: (performance.now() - t0) / 1000,
    cross_year_organs: crossYearOrgans,
  };
}

/** The batch in one transaction; if that fails, each file in its own, so only the culprit fails. */
export async function writeStaged(db: DuckDBConnection, state: StoreState, batch: Staged[]): Promise<(WriteOutcome | FileResult)[]> {
  try {
    return await writeBatch(db, state, batch);
  } catch (err) {
    if (batch.length === 1) return [{ path: batch[0].path, status: 'failed', error: `not written: ${describeError(err)}` }];
    const outcomes: (WriteOutcome | FileResult)[] = [];
    for (const one of batch) outcomes.push(...(await writeStaged(db, state, [one])));
    return outcomes;
  }
}
