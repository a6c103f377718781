/**
 * Stored reports → the template (CSV, Excel) or JSON Lines in the parser's shape: what the import
 * reads back unchanged. Figures are the current ones (after corrections by hand); the keys a person
 * corrected are listed in the `corrected` column (JSON: `corrected`). Reports are read and written a
 * chunk at a time, so a national export never holds every report at once.
 */
import { checkOfRow, type CheckRow } from '../load/stored-check';
import type { Writable } from 'node:stream';
import { listValue, INTEGER, LIST, type DuckDBConnection } from '@duckdb/node-api';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { TableId, Template } from '../keys';
import type { Report } from '../report';
import { TEMPLATE_COLUMNS, headerOf, templateKey, templateRow, type Cell, type HeaderStyle } from './template';

export type ExportFormat = 'csv' | 'xlsx' | 'jsonl';

export interface ExportedReport {
  id: number;
  report: Report;
  /** template keys of the figures corrected by hand (current value ≠ parsed value) */
  corrected: string[];
}

const CHUNK = 500;

async function rows<T>(db: DuckDBConnection, sql: string, ids: number[]): Promise<T[]> {
  return (await db.runAndReadAll(sql, { ids: listValue(ids) }, { ids: LIST(INTEGER) })).getRowObjectsJson() as T[];
}

interface ReportRow {
  id: number;
  source_path: string;
  organ: string | null;
  jurisdiction_name: string | null;
  jurisdiction_code: string | null;
  jurisdiction_level: string | null;
  parent: string | null;
  county: string | null;
  city: string | null;
  province: string | null;
  candidates: string | null;
  year: number | null;
  published: string | null;
  synthetic: boolean;
  template: Template;
  section_overview: string | null;
  section_problems: string | null;
  section_other: string | null;
  warnings: string[] | null;
}

/** The reports of `ids`, in that order, a chunk at a time. */
export async function* exportedReports(db: DuckDBConnection, ids: readonly number[]): AsyncGenerator<ExportedReport[]> {
  for (let at = 0; at < ids.length; at += CHUNK) {
    const chunk = ids.slice(at, at + CHUNK);
    const inChunk = 'IN (SELECT unnest($ids))';
    const [reports, figures, checks, corrected] = await Promise.all([
      rows<ReportRow>(
        db,
        `SELECT id, source_path, organ, jurisdiction_name, jurisdiction_code, jurisdiction_level, parent, county, city, province,
           candidates::VARCHAR AS candidates, year, strftime(published, '%Y-%m-%d') AS published, synthetic, template,
           section_overview, section_problems, section_other, warnings
         FROM reports WHERE id ${inChunk}`,
        chunk,
      ),
      rows<{ report_id: number; tbl: TableId; row_key: string; col_key: string | null; value: number | null }>(
        db,
        `SELECT f.report_id, f.tbl::VARCHAR AS tbl, f.row_key::VARCHAR AS row_key, f.col_key::VARCHAR AS col_key, f.value
         FROM figures f JOIN (SELECT unnest($ids) AS id) i ON i.id = f.report_id ORDER BY f.report_id, f.rowid`,
        chunk,
      ),
      rows<{ report_id: number } & CheckRow>(
        db,
        `SELECT report_id, rule::VARCHAR AS rule, row_key::VARCHAR AS row_key, col_key::VARCHAR AS col_key, grp::VARCHAR AS grp, ok, expected, actual, assumed_blank_zero
         FROM checks WHERE prev_report_id IS NULL AND report_id ${inChunk} ORDER BY report_id, rowid`,
        chunk,
      ),
      rows<{ report_id: number; tbl: TableId; row_key: string; col_key: string | null }>(
        db,
        `SELECT DISTINCT report_id, tbl, row_key, col_key FROM current_corrections WHERE report_id ${inChunk} ORDER BY ALL`,
        chunk,
      ),
    ]);
    const byId = new Map<number, ExportedReport>();
    for (const r of reports) byId.set(r.id, { id: r.id, report: toReport(r), corrected: [] });
    for (const f of figures) {
      const report = byId.get(f.report_id)!.report;
      if (f.tbl === 'applications') (report.applications[f.row_key] ??= {})[f.col_key!] = f.value;
      else report[f.tbl][f.row_key] = f.value;
    }
    for (const c of checks) {
      byId.get(c.report_id)!.report.checks.push(checkOfRow(c));
    }
    for (const c of corrected) byId.get(c.report_id)!.corrected.push(templateKey(c.tbl, c.row_key, c.col_key));
    yield chunk.map((id) => byId.get(id)).filter((r): r is ExportedReport => r !== undefined);
  }
}

function toReport(r: ReportRow): Report {
  return {
    source: r.source_path,
    organ: r.organ,
    jurisdiction: {
      name: r.jurisdiction_name,
      parent: r.parent,
      code: r.jurisdiction_code,
      county: r.county,
      city: r.city,
      province: r.province,
      ...(r.jurisdiction_level !== null ? { level: r.jurisdiction_level } : {}),
      ...(r.candidates !== null ? { candidates: JSON.parse(r.candidates) as Report['jurisdiction']['candidates'] } : {}),
    },
    year: r.year,
    published: r.published,
    ...(r.synthetic ? { synthetic: true } : {}),
    template: r.template,
    active: {},
    applications: {},
    review: {},
    sections: { overview: r.section_overview, problems: r.section_problems, other: r.section_other },
    checks: [],
    warnings: r.warnings ?? [],
  };
}

/** One JSON line per report, the parser's shape plus `corrected` when a person corrected a figure. */
export function jsonLine(e: ExportedReport): string {
  return `${JSON.stringify(e.corrected.length ? { ...e.report, corrected: e.corrected } : e.report)}\n`;
}

const CSV_OPTIONS = { cast: { boolean: (b: boolean) => (b ? 'true' : 'false') }, record_delimiter: '\r\n' } as const;

/** Writes the reports to `out` in the format; resolves with how many there were. */
export async function writeExport(
  chunks: AsyncIterable<ExportedReport[]>,
  format: ExportFormat,
  out: Writable,
  headers: HeaderStyle = 'keys',
): Promise<number> {
  let n = 0;
  const write = (s: string) => new Promise<void>((done, fail) => out.write(s, (err) => (err ? fail(err) : done())));
  if (format === 'xlsx') {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = book.addWorksheet('报告', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
    sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: headerOf(c, headers), width: c.kind === 'id' ? 16 : 12 }));
    sheet.getRow(1).font = { bold: true };
    for await (const chunk of chunks) {
      for (const e of chunk) sheet.addRow(templateRow(e.report, e.corrected) as ExcelJS.CellValue[]).commit();
      n += chunk.length;
    }
    sheet.commit();
    await book.commit();
    return n;
  }
  if (format === 'csv') await write(`\uFEFF${stringify([TEMPLATE_COLUMNS.map((c) => headerOf(c, headers))], CSV_OPTIONS)}`);
  for await (const chunk of chunks) {
    await write(format === 'csv' ? stringify(chunk.map((e) => templateRow(e.report, e.corrected) as Cell[]), CSV_OPTIONS) : chunk.map(jsonLine).join(''));
    n += chunk.length;
  }
  out.end();
  return n;
}

/** Ids of every current report, in id order: what `npm run export -- --csv` writes. */
export async function currentReportIds(db: DuckDBConnection): Promise<number[]> {
  return (await db.runAndReadAll('SELECT id FROM current_reports ORDER BY id')).getRowsJS().map((r) => r[0] as number);
}
