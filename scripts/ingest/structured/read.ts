/**
 * Structured files → reports: CSV and Excel in the template (template.ts), JSON Lines in the
 * parser's shape (jsonl.ts). A file holds many reports and is accepted whole or not at all: any
 * problem throws TemplateError naming the row (or line) and column.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { Buffer as ExcelBuffer, CellValue } from 'exceljs';
import { decodeText } from '../read/decode';
import type { Report } from '../report';
import { readJsonl } from './jsonl';
import { resolvePlace } from './places';
import { TemplateError, readTemplateRows, type Cell } from './template';

export const STRUCTURED_EXTENSIONS: readonly string[] = ['.csv', '.xlsx', '.jsonl'];

export type StructuredFormat = 'csv' | 'xlsx' | 'jsonl';

export function structuredFormat(path: string): StructuredFormat | null {
  const m = /\.(csv|xlsx|jsonl)$/i.exec(path);
  return m ? (m[1].toLowerCase() as StructuredFormat) : null;
}

export interface StructuredReport {
  /** where in the file: `row 3` or `line 3` */
  where: string;
  report: Report;
}

export interface StructuredFile {
  format: StructuredFormat;
  encoding: string | null;
  reports: StructuredReport[];
}

function csvRows(text: string): Cell[][] {
  try {
    return parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new TemplateError([`not a readable CSV file: ${(err as Error).message}`]);
  }
}

function excelCell(v: CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return v.text;
  if ('error' in v) return v.error;
  if ('result' in v) return v.result === undefined ? null : excelCell(v.result);
  return null;
}

async function excelRows(bytes: Uint8Array): Promise<Cell[][]> {
  // Loaded here, not with the module: loading exceljs cost every parse worker ≈ 0.65 s of CPU at start-up, for the rare .xlsx.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ExcelBuffer);
  } catch (err) {
    throw new TemplateError([`not a readable Excel workbook (.xlsx): ${(err as Error).message}`]);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new TemplateError(['the workbook has no worksheet']);
  const rows: Cell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(excelCell(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

export async function readStructured(bytes: Uint8Array, path: string): Promise<StructuredFile> {
  const format = structuredFormat(path);
  if (!format) throw new Error(`${path} is not a .csv, .xlsx or .jsonl file`);
  if (bytes.length === 0) throw new TemplateError(['empty file']);
  if (format === 'jsonl') {
    const { text, encoding } = decodeText(bytes);
    return { format, encoding, reports: readJsonl(text).map((r) => ({ where: `line ${r.line}`, report: r.report })) };
  }
  const { rows, encoding } = format === 'csv' ? (() => {
    const { text, encoding } = decodeText(bytes);
    return { rows: csvRows(text), encoding };
  })() : { rows: await excelRows(bytes), encoding: null };
  const reports = readTemplateRows(rows, resolvePlace);
  if (reports.length === 0) throw new TemplateError(['the file holds no report (only a header)']);
  return { format, encoding, reports: reports.map((r) => ({ where: `row ${r.row}`, report: r.report })) };
}
