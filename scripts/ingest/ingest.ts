/** Files → database, one transaction per file, with a summary of what happened to each. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeReport } from './load/write';
import { describeError, parseFile } from './parse-file';
import { findReportFiles } from './files';

export interface FileResult {
  path: string;
  status: 'ingested' | 'superseded' | 'unchanged' | 'failed';
  id?: number;
  error?: string;
  warnings?: number;
}

export interface IngestSummary {
  files: number;
  ingested: number;
  superseded: number;
  unchanged: number;
  failed: number;
  results: FileResult[];
  seconds: number;
}

export async function ingestPaths(
  db: DuckDBConnection,
  paths: string[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<IngestSummary> {
  const t0 = performance.now();
  const { files, missing } = await findReportFiles(paths);
  const results: FileResult[] = missing.map((path) => ({ path, status: 'failed', error: 'file not found' }));
  for (const [i, path] of files.entries()) {
    try {
      const { report, file } = await parseFile(path, { withText: true });
      const outcome = await writeReport(db, report, file);
      results.push({ path, status: outcome.status, id: outcome.id, warnings: report.warnings.length });
    } catch (err) {
      results.push({ path, status: 'failed', error: describeError(err) });
    }
    onProgress(i + 1, files.length);
  }
  const count = (s: FileResult['status']) => results.filter((r) => r.status === s).length;
  return {
    files: results.length,
    ingested: count('ingested'),
    superseded: count('superseded'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    results,
    seconds: (performance.now() - t0) / 1000,
  };
}
