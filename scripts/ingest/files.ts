/** Finding report files: the paths given, and every supported file below a folder given. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SUPPORTED_EXTENSIONS } from './read/index';

export async function findReportFiles(paths: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  async function walk(path: string, explicit: boolean): Promise<void> {
    const info = await stat(path).catch(() => null);
    if (!info) {
      missing.push(path);
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      for (const e of entries) if (!e.startsWith('.')) await walk(join(path, e), false);
    } else if (explicit || SUPPORTED_EXTENSIONS.includes(extname(path).toLowerCase())) {
      files.push(path);
    }
  }
  for (const p of paths) await walk(p, true);
  return { files, missing };
}
