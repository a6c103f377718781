/**
 * `POST /api/backup {"dir": absolute path}` on the server that holds the database: `npm run backup`'s
 * way in while the server runs (no other process can open the file then). Loopback and JSON only,
 * like /api/ingest; the admin token when the server has one.
 */
import express, { type Request, type Response, type Router } from 'express';
import { isAbsolute, resolve } from 'node:path';
import { loopbackOnly } from '../ingest/ingest-endpoint';
import { BackupError, backupDatabase } from '../ingest/load/backup';
import { openDatabase } from '../ingest/load/db';

export function backupRouter(db: string): Router {
  const router = express.Router();
  const file = resolve(db);
  router.use(loopbackOnly);
  router.post('/', express.json(), async (req: Request, res: Response) => {
    const dir = (req.body as { dir?: unknown })?.dir;
    if (!req.is('application/json') || typeof dir !== 'string' || !isAbsolute(dir)) {
      res.status(400).json({ error: 'POST {"dir": absolute folder path} as application/json' });
      return;
    }
    const connection = await openDatabase(file);
    try {
      res.json({ dir, ...(await backupDatabase(connection, dir)) });
    } catch (err) {
      res.status(err instanceof BackupError ? 400 : 500).json({ error: err instanceof Error ? err.message : String(err) });
    } finally {
      connection.closeSync();
    }
  });
  return router;
}
