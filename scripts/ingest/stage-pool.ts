/**
 * Staging many files on every core: a pool of parse workers fed a few paths ahead, results handed
 * back in the order of the paths (so that, of two versions of one report, the later path is the
 * one that stays current). A few files are staged in-process: starting a worker costs more.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { stageFile, type StagedFile } from './stage-file';

/** Below this many files, workers cost more to start (≈ 0.5 s each) than they save. */
export const IN_PROCESS_BELOW = 64;

/**
 * Files queued in each worker: enough for the ≈ 0.5 s the writer's thread is busy appending a batch,
 * when it cannot hand out work (with 4, the workers stood idle through every batch's writing).
 */
const QUEUED_PER_WORKER = 256;

export interface PoolOptions {
  /** parse workers; 0 stages in this thread. Default: one per core, or 0 for a few files. */
  workers?: number;
  /** how many staged files may wait for the writer before parsing pauses */
  ahead?: number;
}

export async function* stageAll(paths: string[], known: ReadonlySet<string>, options: PoolOptions = {}): AsyncGenerator<StagedFile> {
  const workers = options.workers ?? (paths.length < IN_PROCESS_BELOW ? 0 : availableParallelism());
  if (workers === 0) {
    for (const path of paths) yield await stageFile(path, known);
    return;
  }
  const ahead = Math.max(options.ahead ?? 2000, workers * 4);
  const knownList = [...known];
  const pool = Array.from({ length: Math.min(workers, paths.length) }, () =>
    new Worker(new URL('./parse-worker.mjs', import.meta.url), { workerData: { known: knownList } }),
  );
  const done = new Map<number, StagedFile>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const inFlight = pool.map(() => 0);
  let sent = 0;
  let next = 0;
  for (const [w, worker] of pool.entries()) {
    worker.on('message', (m: { index: number; file: StagedFile }) => {
      inFlight[w]--;
      done.set(m.index, m.file);
      // Fed here too, not only when the consumer asks: while it writes a batch, the workers keep parsing.
      feed();
      wake?.();
    });
    worker.on('error', (err) => {
      failure = err;
      wake?.();
    });
  }
  const feed = () => {
    // Each worker up to QUEUED_PER_WORKER files ahead, all of them at most `ahead` past what was consumed.
    while (sent < paths.length && sent - next < ahead) {
      const w = inFlight.indexOf(Math.min(...inFlight));
      if (inFlight[w] >= QUEUED_PER_WORKER) break;
      inFlight[w]++;
      pool[w].postMessage({ index: sent, path: paths[sent] });
      sent++;
    }
  };
  try {
    while (next < paths.length) {
      feed();
      const file = done.get(next);
      if (file) {
        done.delete(next);
        next++;
        yield file;
        continue;
      }
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
