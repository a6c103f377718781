/** The production server: the Remix build behind Express, on 127.0.0.1:3000 unless HOST/PORT say otherwise. */
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { ingestRouter } from './scripts/ingest/ingest-endpoint';

const root = fileURLToPath(new URL('.', import.meta.url));

export async function startServer(options: { host?: string; port?: number; db?: string } = {}) {
  const build = (await import(`${root}build/index.js`)) as ServerBuild;
  const app = express();
  app.disable('x-powered-by');
  if (options.db) app.use('/api/ingest', ingestRouter(options.db));
  app.use('/build', express.static(`${root}public/build`, { immutable: true, maxAge: '1y' }));
  app.use(express.static(`${root}public`, { maxAge: '1h' }));
  app.all('*', createRequestHandler({ build, mode: 'production' }));
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.PORT ?? 3000);
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
