/** One file on disk → its Report, with what the reader learnt about the file. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseReport } from './parse/index';
import { readDocument } from './read/index';
import type { Report } from './report';
import type { SourceFile } from './load/write';

export interface ParsedFile {
  report: Report;
  file: SourceFile;
}

export async function parseFile(path: string, options: { withText?: boolean } = {}): Promise<ParsedFile> {
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const doc = await readDocument(new Uint8Array(bytes), path);
  const report = parseReport(doc.text, { source: path, withText: options.withText });
  report.warnings.unshift(...doc.warnings);
  return { report, file: { path, sha256, format: doc.format, encoding: doc.encoding } };
}

/** Why a file could not be read, in words a user understands. */
export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'file not found';
  if (e?.code === 'EACCES') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a folder, not a file';
  return e instanceof Error ? e.message : String(err);
}
