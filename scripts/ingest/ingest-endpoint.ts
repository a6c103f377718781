/**
 * `/api/ingest` on the server that holds the database: the command line's way in while the server
 * runs (server-file.ts). Loopback callers only, JSON only (a cross-site page cannot send that
 * without a preflight this endpoint never answers). GET says which database it serves; POST
 * `{"paths": [absolute paths]}` streams NDJSON: `{"progress": …}` lines, then `{"summary": …}`.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { isAbsolute, resolve } from 'node:path';
import { openDatabase } from './load/db';
import { ingestPaths } from './ingest';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Requests from this machine only (the command line's hand-offs to the server). */
export function loopbackOnly(req: Request, res: Response, next: NextFunction): void {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) res.status(403).json({ error: 'accepted from this machine only' });
  else next();
}

export function ingestRouter(db: string): Router {
  const router = express.Router();
  const file = resolve(db);
  router.use(loopbackOnly);
  router.get('/', (_req, res) => {
    res.json({ db: file });
  });
  router.post('/', express.json({ limit: '50mb' }), async (req: Request, res: Response) => {
    const paths = (req.body as { paths?: unknown })?.paths;
    if (!req.is('application/json') || !Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && isAbsolute(p))) {
      res.status(400).json({ error: 'POST {"paths": [absolute file or folder paths]} as application/json' });
      return;
    }
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.flushHeaders();
    const connection = await openDatabase(file);
    try {
      let last = 0;
      const summary = await ingestPaths(connection, paths as string[], (_done, _total, progress) => {
        const now = Date.now();
        if (now - last < 200 && progress.done < progress.total) return;
        last = now;
        res.write(`${JSON.stringify({ progress })}\n`);
      });
      res.end(`${JSON.stringify({ summary })}\n`);
    } catch (err) {
      res.end(`${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n`);
    } finally {
      connection.closeSync();
    }
  });
  return router;
}
