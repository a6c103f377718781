/** A parse worker: paths in, staged files out, in the order asked. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { stagedBuffers } from './load/stage';
import { stageFile, type StagedFile } from './stage-file';

const known = new Set<string>((workerData as { known: string[] }).known);
const port = parentPort!;
let queue = Promise.resolve();

function buffers(file: StagedFile): ArrayBuffer[] {
  if (file.status === 'parsed') return stagedBuffers(file.staged);
  if (file.status === 'parsed-many') return file.reports.flatMap((r) => stagedBuffers(r.staged));
  return [];
}

port.on('message', (job: { index: number; path: string }) => {
  queue = queue.then(async () => {
    const file = await stageFile(job.path, known, readFileSync);
    port.postMessage({ index: job.index, file }, buffers(file));
  });
});
