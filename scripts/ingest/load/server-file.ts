/**
 * DuckDB lets one process open a database file for writing and no other process open it at all.
 * The server therefore announces itself next to the file (`<db>.server.json`: pid and URL) while it
 * holds it, and takes ingests from the command line over a loopback-only endpoint; the command line
 * hands its files to a live server instead of opening the file itself.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ServerAnnouncement {
  pid: number;
  url: string;
  db: string;
}

export const serverFilePath = (db: string): string => `${resolve(db)}.server.json`;

export function announceServer(db: string, url: string): void {
  const a: ServerAnnouncement = { pid: process.pid, url, db: resolve(db) };
  writeFileSync(serverFilePath(db), `${JSON.stringify(a)}\n`);
}

/** Removes the announcement if it is this process's (a newer server may have replaced it). */
export function withdrawServer(db: string): void {
  const a = readAnnouncement(db);
  if (a?.pid === process.pid) rmSync(serverFilePath(db), { force: true });
}

function readAnnouncement(db: string): ServerAnnouncement | null {
  try {
    const a = JSON.parse(readFileSync(serverFilePath(db), 'utf8')) as ServerAnnouncement;
    return typeof a.pid === 'number' && typeof a.url === 'string' ? a : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server holding this database, if one is running and answers for it; a stale file is ignored. */
export async function liveServer(db: string): Promise<ServerAnnouncement | null> {
  const a = readAnnouncement(db);
  if (!a || !alive(a.pid)) return null;
  try {
    // The admin token also reads, when the server keeps reads behind a token (scripts/serve/access.ts).
    const token = process.env.NIANBAO_ADMIN_TOKEN;
    const res = await fetch(`${a.url}/api/ingest`, { signal: AbortSignal.timeout(5000), headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const body = (await res.json()) as { db?: string };
    return res.ok && body.db === resolve(db) ? a : null;
  } catch {
    return null;
  }
}
