/** The project's commands as a user runs them (through tsx), in a child process. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { repoRoot } from './shared';

const TSX = join(repoRoot, 'node_modules/.bin/tsx');

export function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(TSX, [script, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
}

/** One process (node with tsx's loader, not tsx's wrapper), so that killing it kills the command. */
export function startScript(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Rows of a query on a database file, opened and closed again (so that a command can open it next). */
export async function readDb<T>(file: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(file);
  const db = await instance.connect();
  try {
    return (await db.runAndReadAll(sql)).getRowObjectsJson() as T[];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
