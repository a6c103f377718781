/**
 * A parse worker: paths in, staged files out, in the order asked. It outlives one ingest (the pool
 * keeps it warm for the next), so the SHA-256s already stored come as a message before each one's paths.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { stagedBuffers } from './load/stage';
import { stageFile, type StagedFile } from './stage-file';

const port = parentPort!;
let known = new Set<string>();
let queue = Promise.resolve();

function buffers(file: StagedFile): ArrayBuffer[] {
  if (file.status === 'parsed') return stagedBuffers(file.staged);
  if (file.status === 'parsed-many') return file.reports.flatMap((r) => stagedBuffers(r.staged));
  return [];
}

port.on('message', (m: { known: string[] } | { index: number; path: string }) => {
  if ('known' in m) {
    known = new Set(m.known);
    return;
  }
  queue = queue.then(async () => {
    const file = await stageFile(m.path, known, readFileSync);
    port.postMessage({ index: m.index, file }, buffers(file));
  });
});
