/** Worker thread: writes its share of units and reports progress and the summary to the parent. */
import { parentPort, workerData } from 'node:worker_threads';
import { writeUnits, type WriteJob } from './write';

const job = workerData as WriteJob;
const summary = writeUnits(job, (files) => parentPort!.postMessage({ type: 'progress', files }));
parentPort!.postMessage({ type: 'done', summary });
