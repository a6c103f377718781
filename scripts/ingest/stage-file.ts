/**
 * One file → what the writer needs, or why not: the pure part of ingestion, run in a parse worker
 * (or in-process for a few files). A file whose SHA-256 is already stored is not parsed again.
 * A structured file (CSV, Excel, JSON Lines) holds many reports, each with the SHA-256 of its
 * content: a report loaded again unchanged is skipped, a changed one is a new version.
 */
import { readFile } from 'node:fs/promises';
import { stageReport, type StagedReport } from './load/stage';
import { NOT_A_REPORT, isAnnualReport } from './parse/recognize';
import { ReadError } from './read/errors';
import { describeError, parseBytes, sha256 } from './parse-file';
import type { Report } from './report';
import { readStructured, structuredFormat } from './structured/read';

export type StagedFile =
  | { status: 'parsed'; path: string; sha256: string; staged: StagedReport }
  | { status: 'parsed-many'; path: string; sha256: string; reports: { where: string; sha256: string; staged: StagedReport }[] }
  | { status: 'known'; path: string; sha256: string }
  | { status: 'failed'; path: string; error: string };

/**
 * `read` is Node's asynchronous read unless the caller can block: a parse worker passes readFileSync,
 * which costs a twentieth of the CPU for a report-sized file.
 */
export async function stageFile(path: string, known: ReadonlySet<string>, read: (path: string) => Uint8Array | Promise<Uint8Array> = readFile): Promise<StagedFile> {
  try {
    const bytes = new Uint8Array(await read(path));
    const sha = sha256(bytes);
    if (known.has(sha)) return { status: 'known', path, sha256: sha };
    if (structuredFormat(path)) return await stageStructured(bytes, path, sha);
    const { report, file } = await parseBytes(bytes, path, sha, { withText: true });
    if (!isAnnualReport(report, report.text ?? '')) throw new ReadError(NOT_A_REPORT);
    return { status: 'parsed', path, sha256: sha, staged: stageReport(report, file) };
  } catch (err) {
    return { status: 'failed', path, error: describeError(err) };
  }
}

/** Every report of the file staged, or the file fails with the first row that cannot be. */
async function stageStructured(bytes: Uint8Array, path: string, sha: string): Promise<StagedFile> {
  const file = await readStructured(bytes, path);
  const reports = file.reports.map(({ where, report }) => {
    const content = contentSha(report);
    try {
      const source = `${path}#${where.replace(' ', '=')}`;
      return { where, sha256: content, staged: stageReport({ ...report, source }, { path: source, sha256: content, format: file.format, encoding: file.encoding }) };
    } catch (err) {
      throw new Error(`${where}: ${describeError(err)}`);
    }
  });
  return { status: 'parsed-many', path, sha256: sha, reports };
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
}

/** A report's identity as data: the same figures and facts give the same hash whatever the file. */
export function contentSha(report: Report): string {
  const { source: _source, checks: _checks, ...content } = report;
  return sha256(new TextEncoder().encode(`nianbao-structured\n${JSON.stringify(canonical(content))}`));
}
