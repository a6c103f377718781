import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../scripts/ingest/load/db';
import { serverFilePath } from '../../scripts/ingest/load/server-file';
import { seedVariant } from '../support/seed-variant';
import { repoRoot, tempDir } from '../support/shared';

const TSX = join(repoRoot, 'node_modules/.bin/tsx');

/** A process of the project's own, with its output collected. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(TSX, args, { cwd: repoRoot, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
}

/** Runs until a line of output matches; the caller ends it. */
function startUntil(args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(TSX, args, { cwd: repoRoot, env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (ready.test(output)) resolve({ child, output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before ${ready}: ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null) return done();
    child.on('exit', () => done());
    child.kill('SIGTERM');
  });
}

describe('the server and the ingest command on one database file', () => {
  const dir = tempDir();
  const db = join(dir, 'nianbao.duckdb');
  const reports = join(dir, 'reports');
  let server: { child: ChildProcess; output: string };

  beforeAll(async () => {
    mkdirSync(reports);
    for (const year of [2019, 2020, 2021]) writeFileSync(join(reports, `${year}.txt`), seedVariant({ year, applications: { received_new: year - 2018, granted: year - 2018, total: year - 2018 } }));
    server = await startUntil(['scripts/start.ts'], /serving on http/, { NIANBAO_DB: db, PORT: '0', HOST: '127.0.0.1', NIANBAO_DEMO: '0' });
  });
  afterAll(async () => {
    if (server) await stop(server.child);
  });

  it('hands the files to the running server, which ingests them and answers with the summary', async () => {
    expect(existsSync(serverFilePath(db))).toBe(true);
    const url = /serving on (http:\/\/\S+)/.exec(server.output)![1];
    const first = await run(['scripts/ingest/cli.ts', reports, '--db', db, '--json']);
    expect(first.stderr).not.toMatch(/lock|IO Error/i);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ server: url, files: 3, ingested: 3, failed: 0 });

    const again = JSON.parse((await run(['scripts/ingest/cli.ts', reports, '--db', db, '--json'])).stdout);
    expect(again).toMatchObject({ server: url, files: 3, unchanged: 3 });

    const page = await (await fetch(`${url}/reports`)).text();
    expect(new Set(page.match(/href="\/reports\/\d+"/g))).toHaveProperty('size', 4);
  });

  it('leaves every committed report readable once the server has stopped', async () => {
    await stop(server.child);
    // tsx relays the signal to the server, which withdraws its file as it exits: allow it a moment.
    for (let i = 0; i < 50 && existsSync(serverFilePath(db)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(serverFilePath(db))).toBe(false);
    const connection = await openDatabase(db);
    const [row] = (await connection.runAndReadAll(`
      SELECT (SELECT count(*) FROM reports)::INTEGER AS reports, (SELECT count(*) FROM figures)::INTEGER AS figures,
        (SELECT sum("applications.received_new.total") FROM report_values)::INTEGER AS received,
        (SELECT count(*) FROM reports WHERE year IN (2019, 2020, 2021))::INTEGER AS handed`)).getRowObjectsJson();
    expect(row).toEqual({ reports: 4, figures: 800, received: 1 + 2 + 3, handed: 3 });
    connection.closeSync();
  });
});

describe('a second process while one holds the database', () => {
  const dir = tempDir();
  const db = join(dir, 'held.duckdb');
  let holder: { child: ChildProcess; output: string };

  beforeAll(async () => {
    holder = await startUntil(['tests/support/hold-db.ts', db], /holding pid \d+\n/);
  });
  afterAll(async () => {
    if (holder) await stop(holder.child);
  });

  it('the ingest command says in words who holds it and exits with status 3', async () => {
    const file = join(dir, 'r.txt');
    writeFileSync(file, seedVariant({}));
    const result = await run(['scripts/ingest/cli.ts', file, '--db', db]);
    expect(result.code).toBe(3);
    const pid = /holding pid (\d+)/.exec(holder.output)![1];
    expect(result.stderr).toContain(`The database ${db} is in use by another process (pid ${pid})`);
    expect(result.stderr).toContain('数据库正被另一个进程使用');
    expect(result.stderr).not.toMatch(/IO Error|Conflicting lock/);
  });

  it('npm start says the same instead of crashing', async () => {
    const result = await run(['scripts/start.ts'], { NIANBAO_DB: db, PORT: '0', HOST: '127.0.0.1', NIANBAO_DEMO: '0' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('is in use by another process');
    expect(result.stderr).not.toMatch(/IO Error|Conflicting lock/);
  });
});
