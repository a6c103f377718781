/**
 * The production server: the Remix build behind Express, on 127.0.0.1:3000 unless HOST/PORT say
 * otherwise. Every response carries the security headers; writes and (optionally) reads are guarded
 * by tokens (scripts/serve/access.ts), and bound beyond this machine it will not start without one.
 */
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { ingestRouter } from './scripts/ingest/ingest-endpoint';
import { SUPPORTED_EXTENSIONS } from './scripts/ingest/read/index';
import { accessConfig, accessControl, writesNeedToken } from './scripts/serve/access';
import { backupRouter } from './scripts/serve/backup-endpoint';
import { securityHeaders } from './scripts/serve/security-headers';
import { uploadRouter } from './scripts/serve/upload-endpoint';
import { uploadLimits } from './scripts/serve/upload-limits';

const root = fileURLToPath(new URL('.', import.meta.url));

export async function startServer(options: { host?: string; port?: number; db?: string } = {}) {
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const access = accessConfig(host);
  const build = (await import(`${root}build/index.js`)) as ServerBuild;
  const limits = uploadLimits();
  const uploadAccept = [...SUPPORTED_EXTENSIONS, '.zip'].join(',');
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(accessControl(access));
  if (options.db) {
    app.use('/api/ingest', ingestRouter(options.db));
    app.use('/api/upload', uploadRouter(options.db, limits));
    app.use('/api/backup', backupRouter(options.db));
  }
  app.use('/build', express.static(`${root}public/build`, { immutable: true, maxAge: '1y' }));
  app.use(express.static(`${root}public`, { maxAge: '1h' }));
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: 'production',
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce, writesNeedToken: writesNeedToken(access), uploadLimits: limits, uploadAccept }),
    }),
  );
  return new Promise<{ url: string; close: () => Promise<void> }>((resolveStart, reject) => {
    const server = app.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolveStart({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.on('error', reject);
  });
}
