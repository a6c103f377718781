/**
 * Who may write and read: on 127.0.0.1 without tokens anyone on this machine; with tokens (and always
 * when bound beyond this machine) a write needs the admin token as a Bearer header, never from a page
 * of another site; reads behind NIANBAO_READ_TOKEN. Security headers on every response.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessConfigError, accessConfig } from '../../scripts/serve/access';
import { startServer } from '../../server';
import { startInProcess, type InProcessServer } from '../support/app-server';
import { repoRoot } from '../support/shared';

const ADMIN = 'admin-token-0123456789abcdef';
const READER = 'read-token-0123456789abcdef';
const basic = (password: string) => `Basic ${Buffer.from(`anyone:${password}`).toString('base64')}`;

function emptyUpload(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array()]), 'empty.txt');
  return form;
}

describe('starting', () => {
  it('refuses a non-loopback address without an admin token, and a short token', () => {
    const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
    expect(() => accessConfig('0.0.0.0', env({}))).toThrow(AccessConfigError);
    expect(() => accessConfig('192.168.1.5', env({ NIANBAO_ADMIN_TOKEN: 'short' }))).toThrow(/too short/);
    expect(accessConfig('0.0.0.0', env({ NIANBAO_ADMIN_TOKEN: ADMIN })).adminToken).toBe(ADMIN);
    expect(accessConfig('127.0.0.1', env({})).adminToken).toBeNull();
  });

  it('npm start on 0.0.0.0 without a token exits with status 2 and says why, before touching the database', () => {
    const run = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
      cwd: repoRoot,
      env: { ...process.env, HOST: '0.0.0.0', PORT: '0', NIANBAO_ADMIN_TOKEN: '', NIANBAO_DB: '/nonexistent/never.duckdb' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('NIANBAO_ADMIN_TOKEN');
  });

  it('startServer refuses 0.0.0.0 without a token', async () => {
    delete process.env.NIANBAO_ADMIN_TOKEN;
    await expect(startServer({ host: '0.0.0.0', port: 0 })).rejects.toThrow(AccessConfigError);
  });
});

describe('on loopback without tokens', () => {
  let server: InProcessServer;
  beforeAll(async () => {
    server = await startInProcess({ NIANBAO_ADMIN_TOKEN: '', NIANBAO_READ_TOKEN: '' });
  });
  afterAll(() => server?.close());

  it('accepts a write from this machine, but not one sent by a page of another site', async () => {
    expect((await fetch(`${server.url}/api/upload`, { method: 'POST', body: emptyUpload() })).status).toBe(200);
    const cross = await fetch(`${server.url}/api/upload`, { method: 'POST', body: emptyUpload(), headers: { Origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    const fetchMeta = await fetch(`${server.url}/api/upload`, { method: 'POST', body: emptyUpload(), headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(fetchMeta.status).toBe(403);
  });

  it('puts the security headers on every response: pages, errors, data, assets, API', async () => {
    const paths = ['/', '/reports', '/reports/987654', '/quality?rule=x', '/upload', '/favicon.svg', '/api/upload', '/no/such/page', '/reports.data'];
    for (const path of paths) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('gives each page its own nonce, and every inline script carries it', async () => {
    const a = await fetch(`${server.url}/reports`);
    const b = await fetch(`${server.url}/reports`);
    const nonce = /'nonce-([^']+)'/.exec(a.headers.get('content-security-policy')!)![1];
    expect(nonce).not.toBe(/'nonce-([^']+)'/.exec(b.headers.get('content-security-policy')!)![1]);
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
  });
});

describe('with an admin token and a read token, bound to every address', () => {
  let server: InProcessServer;
  let url: string;
  beforeAll(async () => {
    server = await startInProcess({ NIANBAO_ADMIN_TOKEN: ADMIN, NIANBAO_READ_TOKEN: READER }, { host: '0.0.0.0' });
    url = server.url.replace('0.0.0.0', '127.0.0.1');
  });
  afterAll(async () => {
    await server?.close();
    process.env.NIANBAO_ADMIN_TOKEN = '';
    process.env.NIANBAO_READ_TOKEN = '';
  });

  it('refuses writes without the admin token as a Bearer header', async () => {
    const post = (headers: Record<string, string>) => fetch(`${url}/api/upload`, { method: 'POST', body: emptyUpload(), headers });
    expect((await post({})).status).toBe(401);
    expect((await post({ Authorization: `Bearer ${READER}` })).status).toBe(401);
    expect((await post({ Authorization: `Bearer ${ADMIN}x` })).status).toBe(401);
    expect((await post({ Authorization: basic(ADMIN) })).status).toBe(401);
    expect((await post({ Authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    expect((await post({ Authorization: `Bearer ${ADMIN}`, Origin: 'https://evil.example' })).status).toBe(403);
    // a page's form (a correction) carries it in the cookie the upload page sets
    expect((await post({ Cookie: `other=1; nianbao_admin=${ADMIN}` })).status).toBe(200);
    expect((await post({ Cookie: `nianbao_admin=${READER}` })).status).toBe(401);
    expect((await post({ Cookie: `nianbao_admin=${ADMIN}`, Origin: 'https://evil.example' })).status).toBe(403);
    const ingest = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"paths":["/tmp"]}' });
    expect(ingest.status).toBe(401);
    const remixAction = await fetch(`${url}/reports?index`, { method: 'POST', body: new URLSearchParams({ q: 'x' }) });
    expect(remixAction.status).toBe(401);
  });

  it('refuses reads without the read (or admin) token, and lets a browser give it through Basic auth', async () => {
    const none = await fetch(`${url}/reports`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await none.text()).not.toContain('<table');
    expect((await fetch(`${url}/charts/overview-reports.svg`)).status).toBe(401);
    expect((await fetch(`${url}/reports`, { headers: { Authorization: basic('wrong-token-0123456789') } })).status).toBe(401);
    expect((await fetch(`${url}/reports`, { headers: { Authorization: basic(READER) } })).status).toBe(200);
    expect((await fetch(`${url}/reports`, { headers: { Authorization: `Bearer ${READER}` } })).status).toBe(200);
    expect((await fetch(`${url}/reports`, { headers: { Authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
  });

  it('tells the upload page that writes need the token', async () => {
    const html = await (await fetch(`${url}/upload`, { headers: { Authorization: basic(READER) } })).text();
    expect(html).toContain('管理令牌');
  });
});
