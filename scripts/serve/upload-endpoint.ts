/**
 * `POST /api/upload` (multipart/form-data, any number of files): files, and the reports inside ZIP
 * archives, go through the same ingest as the command line (ingest.ts: the reader chooses by the
 * file's content and extension), on the server's own database. The answer is JSON, one result per
 * file in Chinese: ingested, unchanged, superseded an older version, or failed and why; for each
 * report written, a glance at it. Files are kept under `<database folder>/uploads/` as the reports'
 * source; those that failed or were already there are removed again. A failed file writes nothing.
 */
import busboy from 'busboy';
import express, { type Request, type Response, type Router } from 'express';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { ingestPaths, type FileResult } from '../ingest/ingest';
import { openDatabase } from '../ingest/load/db';
import { STATUS_ZH, failureInChinese } from './messages-zh';
import { glanceAtReports, type ReportGlance } from './upload-summary';
import { isZip, unzipReports } from './unzip';
import { megabytes, uploadLimits, type UploadLimits } from './upload-limits';

export interface UploadResult {
  /** the file's name as uploaded; `archive.zip/inner/name.txt` for a file from an archive */
  name: string;
  status: FileResult['status'];
  /** the outcome in Chinese */
  message: string;
  report?: ReportGlance;
  /** for a superseding report: the id of the version it replaced */
  supersedes?: number;
}

interface Received {
  name: string;
  path: string;
  truncated: boolean;
}

/** A name safe to write in our own folder: its last path segment, no control or reserved characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '').slice(-120);
  return clean || 'file';
}

function receive(req: Request, dir: string, limits: UploadLimits): Promise<{ files: Received[]; tooMany: boolean }> {
  return new Promise((done, fail) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: limits.fileBytes, files: limits.files, fields: 20 } });
    } catch (err) {
      fail(err);
      return;
    }
    const files: Received[] = [];
    const writes: Promise<void>[] = [];
    let tooMany = false;
    bb.on('file', (_field, stream, info) => {
      const name = info.filename || 'file';
      const received: Received = { name, path: join(dir, `${files.length + 1}-${safeFileName(name)}`), truncated: false };
      files.push(received);
      stream.on('limit', () => (received.truncated = true));
      writes.push(pipeline(stream, createWriteStream(received.path)));
    });
    bb.on('filesLimit', () => (tooMany = true));
    bb.on('error', fail);
    bb.on('close', () => Promise.all(writes).then(() => done({ files, tooMany }), fail));
    req.on('aborted', () => fail(new Error('the upload was interrupted')));
    req.pipe(bb);
  });
}

/** The received files as report files on disk: archives unpacked, oversized files refused. */
async function unpack(files: Received[], dir: string, limits: UploadLimits): Promise<{ paths: Map<string, string>; refused: UploadResult[] }> {
  const paths = new Map<string, string>();
  const refused: UploadResult[] = [];
  const fail = (name: string, error: string) => refused.push({ name, status: 'failed', message: `${STATUS_ZH.failed}：${error}` });
  for (const [i, f] of files.entries()) {
    if (f.truncated) {
      await rm(f.path, { force: true });
      fail(f.name, `文件过大，超过上限 ${megabytes(limits.fileBytes)}`);
      continue;
    }
    if (!/\.zip$/i.test(f.name)) {
      paths.set(f.path, f.name);
      continue;
    }
    const bytes = new Uint8Array(await readFile(f.path));
    await rm(f.path, { force: true });
    if (!isZip(bytes)) {
      fail(f.name, bytes.length === 0 ? '空文件：文件中没有内容' : '不是有效的 zip 压缩包');
      continue;
    }
    const { entries, refused: bad } = unzipReports(f.name, bytes, limits);
    for (const b of bad) fail(b.name, b.error);
    if (entries.length === 0 && bad.length === 0) fail(f.name, '压缩包中没有文件');
    for (const [j, e] of entries.entries()) {
      const path = join(dir, `${i + 1}-${j + 1}-${safeFileName(e.name)}`);
      await writeFile(path, e.bytes);
      paths.set(path, e.name);
    }
  }
  return { paths, refused };
}

export function uploadRouter(db: string, limits: UploadLimits = uploadLimits()): Router {
  const router = express.Router();
  const file = resolve(db);
  const uploads = join(dirname(file), 'uploads');
  router.get('/', (_req, res) => {
    res.json({ limits });
  });
  router.post('/', async (req: Request, res: Response) => {
    if (!req.is('multipart/form-data')) {
      res.status(400).json({ error: '请以 multipart/form-data 上传文件 (POST files as multipart/form-data)' });
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.fileBytes * limits.files + 1024 * 1024) {
      res.status(413).json({ error: `上传内容过大：${megabytes(declared)}` });
      return;
    }
    const dir = join(uploads, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    try {
      const { files, tooMany } = await receive(req, dir, limits);
      if (files.length === 0) {
        res.status(400).json({ error: '没有收到文件' });
        return;
      }
      const { paths, refused } = await unpack(files, dir, limits);
      const results = [...refused];
      if (paths.size > 0) {
        const connection = await openDatabase(file);
        try {
          const summary = await ingestPaths(connection, [...paths.keys()]);
          const glances = await glanceAtReports(connection, summary.results.flatMap((r) => (r.status === 'ingested' || r.status === 'superseded') && r.id ? [r.id] : []));
          for (const r of summary.results) {
            if (r.status === 'failed' || r.status === 'unchanged') await rm(r.path, { force: true });
            results.push({
              name: paths.get(r.path) ?? r.path,
              status: r.status,
              message: r.status === 'failed' ? `${STATUS_ZH.failed}：${failureInChinese(r.error ?? '')}` : STATUS_ZH[r.status],
              ...(r.id !== undefined && glances.has(r.id) ? { report: glances.get(r.id) } : {}),
              ...(r.supersedes !== undefined ? { supersedes: r.supersedes } : {}),
            });
          }
        } finally {
          connection.closeSync();
        }
      }
      const order = new Map(files.map((f, i) => [f.name, i]));
      const rank = (name: string) => order.get(name) ?? order.get(name.split('/')[0]) ?? files.length;
      results.sort((a, b) => rank(a.name) - rank(b.name));
      res.json({ results, ...(tooMany ? { error: `一次最多上传 ${limits.files} 个文件，其余文件未处理` } : {}) });
    } catch (err) {
      if (!res.headersSent) res.status(400).json({ error: `上传失败：${err instanceof Error ? err.message : String(err)}` });
    } finally {
      if ((await readdir(dir).catch(() => ['?'])).length === 0) await rmdir(dir).catch(() => {});
    }
  });
  return router;
}
