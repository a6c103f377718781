// A parse worker's entry: the ingest scripts are TypeScript, run through tsx in every thread.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
