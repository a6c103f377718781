/** A parse worker: paths in, staged files out, in the order asked. */
import { parentPort, workerData } from 'node:worker_threads';
import { stageFile } from './stage-file';

const known = new Set<string>((workerData as { known: string[] }).known);
const port = parentPort!;
let queue = Promise.resolve();

port.on('message', (job: { index: number; path: string }) => {
  queue = queue.then(async () => port.postMessage({ index: job.index, file: await stageFile(job.path, known) }));
});
