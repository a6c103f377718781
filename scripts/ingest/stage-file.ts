/**
 * One file → what the writer needs, or why not: the pure part of ingestion, run in a parse worker
 * (or in-process for a few files). A file whose SHA-256 is already stored is not parsed again.
 */
import { readFile } from 'node:fs/promises';
import { stageReport, type StagedReport } from './load/stage';
import { NOT_A_REPORT, isAnnualReport } from './parse/recognize';
import { ReadError } from './read/errors';
import { describeError, parseBytes, sha256 } from './parse-file';

export type StagedFile =
  | { status: 'parsed'; path: string; sha256: string; staged: StagedReport }
  | { status: 'known'; path: string; sha256: string }
  | { status: 'failed'; path: string; error: string };

export async function stageFile(path: string, known: ReadonlySet<string>): Promise<StagedFile> {
  try {
    const bytes = new Uint8Array(await readFile(path));
    const sha = sha256(bytes);
    if (known.has(sha)) return { status: 'known', path, sha256: sha };
    const { report, file } = await parseBytes(bytes, path, sha, { withText: true });
    if (!isAnnualReport(report, report.text ?? '')) throw new ReadError(NOT_A_REPORT);
    return { status: 'parsed', path, sha256: sha, staged: stageReport(report, file) };
  } catch (err) {
    return { status: 'failed', path, error: describeError(err) };
  }
}
