/** A parse worker: paths in, staged files out, in the order asked. */
import { parentPort, workerData } from 'node:worker_threads';
import { stagedBuffers } from './load/stage';
import { stageFile } from './stage-file';

const known = new Set<string>((workerData as { known: string[] }).known);
const port = parentPort!;
let queue = Promise.resolve();

port.on('message', (job: { index: number; path: string }) => {
  queue = queue.then(async () => {
    const file = await stageFile(job.path, known);
    port.postMessage({ index: job.index, file }, file.status === 'parsed' ? stagedBuffers(file.staged) : []);
  });
});
