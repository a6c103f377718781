/** Finding report files: the paths given, and every supported file below a folder given. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SUPPORTED_EXTENSIONS as DOCUMENT_EXTENSIONS } from './read/index';
import { STRUCTURED_EXTENSIONS } from './structured/read';

/** Documents and structured files (CSV, Excel, JSON Lines) alike. */
export const SUPPORTED_EXTENSIONS: readonly string[] = [...DOCUMENT_EXTENSIONS, ...STRUCTURED_EXTENSIONS];

/**
 * The answer keys a synthetic corpus keeps beside its reports (synth/cli.ts, with manifest.json): JSON
 * Lines, but of planted errors, copies and late reports, not reports. Skipped when walking a folder
 * that has the manifest.
 */
const SYNTH_ANSWER_KEYS: ReadonlySet<string> = new Set(['planted.jsonl', 'insights.jsonl']);

export async function findReportFiles(paths: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  // Entries below a folder are typed by readdir: a national corpus is 200,000 files, one stat each is seconds.
  async function walkFolder(dir: string): Promise<void> {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const synthCorpus = entries.some((e) => e.name === 'manifest.json');
    for (const e of entries) {
      if (e.name.startsWith('.') || (synthCorpus && SYNTH_ANSWER_KEYS.has(e.name))) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) await walkFolder(path);
      else if (e.isSymbolicLink()) await walk(path, false);
      else if (e.isFile() && SUPPORTED_EXTENSIONS.includes(extname(e.name).toLowerCase())) files.push(path);
    }
  }
  async function walk(path: string, explicit: boolean): Promise<void> {
    const info = await stat(path).catch(() => null);
    if (!info) {
      missing.push(path);
      return;
    }
    if (info.isDirectory()) await walkFolder(path);
    else if (explicit || SUPPORTED_EXTENSIONS.includes(extname(path).toLowerCase())) files.push(path);
  }
  for (const p of paths) await walk(p, true);
  return { files, missing };
}
