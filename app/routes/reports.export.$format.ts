/**
 * GET /reports/export/csv|xlsx|jsonl with the list's query string: every filtered report in the
 * structured template (scripts/ingest/structured/template.ts), which `npm run ingest` and the upload
 * page read back unchanged. CSV and Excel carry Chinese label headers (`?headers=keys` for the keys).
 */
import { PassThrough, Readable } from 'node:stream';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportedReports, writeExport, type ExportFormat } from '../../scripts/ingest/structured/export';
import { parseList } from '../lib/view-state';
import { db } from '../models/db.server';
import { listedReportIds } from '../models/reports.server';

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

export async function loader({ params, request }: LoaderFunctionArgs) {
  const format = params.format as ExportFormat;
  if (!(format in TYPES)) throw new Response('导出格式应为 csv、xlsx 或 jsonl', { status: 404 });
  const url = new URL(request.url);
  const ids = await listedReportIds(parseList(url.search));
  const out = new PassThrough();
  const connection = await db();
  writeExport(exportedReports(connection, ids), format, out, url.searchParams.get('headers') === 'keys' ? 'keys' : 'labels').catch((err: Error) => out.destroy(err));
  const name = `Nianbao 报告 ${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': `attachment; filename="reports.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
