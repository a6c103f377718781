/**
 * ../shared beside the repository (the real reports in corpus/). CI and developers have it; a bare
 * clone does not, and tests that need it skip loudly. NIANBAO_SHARED points elsewhere when the
 * checkout is not beside it (a git worktree).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const sharedDir = process.env.NIANBAO_SHARED ?? path.resolve(repoRoot, '../shared');

/** The path of a file in ../shared, or null after a warning when it is absent. */
export function sharedFile(relative: string): string | null {
  const file = path.join(sharedDir, relative);
  if (existsSync(file)) return file;
  console.warn(`SKIPPED: ${file} is absent (../shared not beside the repository; set NIANBAO_SHARED) — tests on it do not run`);
  return null;
}

/** A file of the project's own stand-alone fixtures. */
export const fixture = (name: string) => path.join(repoRoot, 'tests/fixtures', name);

export function tempDir(prefix = 'nianbao-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
