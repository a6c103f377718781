/**
 * Staging many files on every core: a pool of parse workers fed a few paths ahead, results handed
 * back in the order of the paths (so that, of two versions of one report, the later path is the
 * one that stays current). A few files are staged in-process when no pool is kept: starting a worker
 * costs more.
 *
 * A pool that finished its files is kept a while for the next ingest: a server is handed one after
 * another, and a new worker takes ≈ 0.9 s to start and its first few hundred reports to warm up.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { stageFile, type StagedFile } from './stage-file';

/** Below this many files, new workers cost more to start (≈ 0.5 s each) than they save. */
export const IN_PROCESS_BELOW = 64;

/**
 * Files queued in each worker: enough for the ≈ 0.5 s the writer's thread is busy appending a batch,
 * when it cannot hand out work (with 4, the workers stood idle through every batch's writing).
 */
const QUEUED_PER_WORKER = 256;

/** How long a finished pool waits for the next ingest by default. */
const KEEP_IDLE_MS = 60_000;

export interface PoolOptions {
  /** parse workers; 0 stages in this thread. Default: defaultPoolSize (the kept pool, one per core, or 0 for a few files). */
  workers?: number;
  /** how many staged files may wait for the writer before parsing pauses */
  ahead?: number;
  /** milliseconds the workers wait for the next ingest once done; 0 ends them at once */
  keepIdle?: number;
}

/** The one idle pool, if any; its workers do not keep the process alive. */
let parked: { workers: Worker[]; timer: NodeJS.Timeout } | null = null;

function endAll(workers: Worker[]): Promise<unknown> {
  return Promise.all(workers.map((w) => w.terminate()));
}

function takePool(size: number): Worker[] {
  if (parked?.workers.length === size) {
    const { workers, timer } = parked;
    parked = null;
    clearTimeout(timer);
    for (const w of workers) w.ref();
    return workers;
  }
  return Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url));
    // A kept worker that fails or stops takes its pool with it, rather than an ingest later.
    const drop = () => {
      if (!parked?.workers.includes(worker)) return;
      clearTimeout(parked.timer);
      void endAll(parked.workers);
      parked = null;
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    return worker;
  });
}

/** Keeps the pool for the next ingest, or ends it when another is kept already or none should be. */
async function park(workers: Worker[], keepIdle: number): Promise<void> {
  if (parked || keepIdle <= 0) {
    await endAll(workers);
    return;
  }
  for (const w of workers) w.unref();
  const timer = setTimeout(() => {
    parked = null;
    void endAll(workers);
  }, keepIdle);
  timer.unref();
  parked = { workers, timer };
}

/** The thread ids of the idle pool's workers (none when no pool waits). */
export function parkedWorkers(): number[] {
  return parked?.workers.map((w) => w.threadId) ?? [];
}

/**
 * Workers for an ingest of `files` files when the caller does not say. A kept pool is warm: it stages
 * even three files faster than this thread (3–60 files: 1.5–3× faster), so it takes every ingest of
 * more than one file, whole (a smaller pool would be a new one, ≈ 0.5 s to start).
 */
function defaultPoolSize(files: number): number {
  if (parked && files > 1) return parked.workers.length;
  return files < IN_PROCESS_BELOW ? 0 : Math.min(availableParallelism(), files);
}

export async function* stageAll(paths: string[], known: ReadonlySet<string>, options: PoolOptions = {}): AsyncGenerator<StagedFile> {
  const workers = options.workers === undefined ? defaultPoolSize(paths.length) : Math.min(options.workers, paths.length);
  if (workers === 0) {
    for (const path of paths) yield await stageFile(path, known);
    return;
  }
  const ahead = Math.max(options.ahead ?? 2000, workers * 4);
  const pool = takePool(workers);
  const knownList = [...known];
  const done = new Map<number, StagedFile>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const inFlight = pool.map(() => 0);
  let sent = 0;
  let next = 0;
  const onMessage = pool.map((_, w) => (m: { index: number; file: StagedFile }) => {
    inFlight[w]--;
    done.set(m.index, m.file);
    // Fed here too, not only when the consumer asks: while it writes a batch, the workers keep parsing.
    feed();
    wake?.();
  });
  const onError = (err: Error) => {
    failure = err;
    wake?.();
  };
  for (const [w, worker] of pool.entries()) {
    worker.on('message', onMessage[w]);
    worker.on('error', onError);
    worker.postMessage({ known: knownList });
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
    for (const [w, worker] of pool.entries()) {
      worker.off('message', onMessage[w]);
      worker.off('error', onError);
    }
    // Only a pool with nothing left in it serves another ingest: a stopped one still holds this one's files.
    if (failure || next < paths.length) await endAll(pool);
    else await park(pool, options.keepIdle ?? KEEP_IDLE_MS);
  }
}
