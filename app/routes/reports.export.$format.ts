/** GET /reports/export/csv|xlsx with the list's query string: every filtered report, streamed. */
import { PassThrough, Readable } from 'node:stream';
import type { LoaderFunctionArgs } from '@remix-run/node';
import ExcelJS from 'exceljs';
import { cellValue, columnLabel } from '../lib/list-columns';
import { parseList, type ListState } from '../lib/view-state';
import { exportReports } from '../models/reports.server';

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a BOM so that Excel reads it as UTF-8; a blank is an empty field, never 0. */
function csv(state: ListState): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = exportReports(state);
  let header = true;
  return new ReadableStream({
    async pull(controller) {
      if (header) {
        header = false;
        controller.enqueue(encoder.encode(`\uFEFF${['ID', ...state.columns.map(columnLabel)].map(csvField).join(',')}\r\n`));
        return;
      }
      const next = await rows.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value.map((r) => [r.id, ...state.columns.map((c) => cellValue(r, c))].map(csvField).join(',')).join('\r\n');
      controller.enqueue(encoder.encode(`${text}\r\n`));
    },
  });
}

function xlsx(state: ListState): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet('报告列表', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ header: 'ID', key: 'id', width: 8 }, ...state.columns.map((c) => ({ header: columnLabel(c), key: c, width: c === 'unit' || c === 'parent' ? 24 : 14 }))];
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const chunk of exportReports(state)) {
        for (const r of chunk) sheet.addRow([r.id, ...state.columns.map((c) => cellValue(r, c))]).commit();
      }
      sheet.commit();
      await book.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const format = params.format;
  if (format !== 'csv' && format !== 'xlsx') throw new Response('导出格式应为 csv 或 xlsx', { status: 404 });
  const state = parseList(new URL(request.url).search);
  const name = `Nianbao 报告列表 ${new Date().toISOString().slice(0, 10)}.${format}`;
  return new Response(format === 'csv' ? csv(state) : xlsx(state), {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="reports.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
