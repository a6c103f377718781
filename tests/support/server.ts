/** `npm start` as a user runs it, against a database (and demo folder) of its own, on a free port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './shared';

export interface Started {
  child: ChildProcess;
  url: string;
  log: string[];
}

export function startServer(dbPath: string, demoDir: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, NIANBAO_DB: dbPath, NIANBAO_DEMO_DIR: demoDir, PORT: '0', HOST: '127.0.0.1', ...env },
  });
  const log: string[] = [];
  return new Promise((resolveStart, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      log.push(d.toString());
      const m = /serving on (http:\/\/\S+)/.exec(log.join(''));
      if (m) resolveStart({ child, url: m[1], log });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${log.join('')}`)));
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.removeAllListeners('exit');
    child.on('exit', () => done());
    child.kill('SIGTERM');
  });
}
