/**
 * One report into the database, all or nothing: the report row, its figures and its checks commit
 * together or not at all. An unchanged file is recognised by its SHA-256 and skipped; a new file for
 * the same organ and year supersedes the old report, which stays as history.
 */
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { REVIEW_KEYS } from '../keys';
import type { Figure, Report } from '../report';

export interface SourceFile {
  path: string;
  sha256: string;
  format: string;
  encoding: string | null;
}

export type WriteOutcome = { status: 'ingested' | 'superseded'; id: number; supersedes?: number } | { status: 'unchanged'; id: number };

interface FigureRow {
  tbl: string;
  row: string;
  col: string | null;
  value: Figure;
  key: string;
}

export function figureRows(report: Report): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const [k, v] of Object.entries(report.active)) rows.push({ tbl: 'active', row: k, col: null, value: v, key: `active.${k}` });
  for (const [r, cols] of Object.entries(report.applications)) {
    for (const [c, v] of Object.entries(cols)) rows.push({ tbl: 'applications', row: r, col: c, value: v, key: `applications.${r}.${c}` });
  }
  for (const k of REVIEW_KEYS) if (k in report.review) rows.push({ tbl: 'review', row: k, col: null, value: report.review[k], key: `review.${k}` });
  return rows;
}

async function scalar<T>(
  db: DuckDBConnection,
  sql: string,
  params: Record<string, unknown>,
  types?: Record<string, DuckDBType>,
): Promise<T | undefined> {
  const reader = await db.runAndReadAll(sql, params as never, types);
  return reader.getRowsJS()[0]?.[0] as T | undefined;
}

export async function writeReport(db: DuckDBConnection, report: Report, file: SourceFile): Promise<WriteOutcome> {
  const existing = await scalar<number>(db, 'SELECT id FROM reports WHERE sha256 = $sha LIMIT 1', { sha: file.sha256 });
  if (existing !== undefined) return { status: 'unchanged', id: existing };

  await db.run('BEGIN TRANSACTION');
  try {
    const previous =
      report.organ && report.year !== null
        ? await scalar<number>(
            db,
            'SELECT id FROM reports WHERE organ = $organ AND year = $year AND superseded_by IS NULL AND synthetic = $synthetic ORDER BY id DESC LIMIT 1',
            { organ: report.organ, year: report.year, synthetic: report.synthetic ?? false },
          )
        : undefined;
    const j = report.jurisdiction;
    const id = (await scalar<number>(
      db,
      `INSERT INTO reports (organ, jurisdiction_name, jurisdiction_code, jurisdiction_level, parent, county, city, province,
         year, template, published, synthetic, source_path, sha256, input_format, encoding, supersedes, warnings, candidates,
         section_overview, section_problems, section_other, source_text)
       VALUES ($organ, $jname, $jcode, $jlevel, $parent, $county, $city, $province, $year, $template, $published::DATE, $synthetic,
         $path, $sha, $format, $encoding, $supersedes, $warnings, $candidates::JSON, $overview, $problems, $other, $text)
       RETURNING id`,
      {
        organ: report.organ,
        jname: j.name,
        jcode: j.code,
        jlevel: j.level ?? null,
        parent: j.parent,
        county: j.county,
        city: j.city,
        province: j.province,
        year: report.year,
        template: report.template,
        published: report.published ?? null,
        synthetic: report.synthetic ?? false,
        path: file.path,
        sha: file.sha256,
        format: file.format,
        encoding: file.encoding,
        supersedes: previous ?? null,
        warnings: listValue(report.warnings),
        candidates: j.candidates ? JSON.stringify(j.candidates) : null,
        overview: report.sections.overview,
        problems: report.sections.problems,
        other: report.sections.other,
        text: report.text ?? null,
      },
      { warnings: LIST(VARCHAR) },
    ))!;
    if (previous !== undefined) await db.run('UPDATE reports SET superseded_by = $id WHERE id = $prev', { id, prev: previous });

    const figures = await db.createAppender('figures');
    for (const f of figureRows(report)) {
      const origin = report.origins?.[f.key];
      figures.appendInteger(id);
      figures.appendVarchar(f.tbl);
      figures.appendVarchar(f.row);
      if (f.col === null) figures.appendNull();
      else figures.appendVarchar(f.col);
      if (f.value === null) figures.appendNull();
      else figures.appendDouble(f.value);
      if (origin) {
        figures.appendVarchar(origin.raw);
        figures.appendInteger(origin.start);
        figures.appendInteger(origin.end);
      } else {
        figures.appendNull();
        figures.appendNull();
        figures.appendNull();
      }
      figures.endRow();
    }
    figures.closeSync();

    const checks = await db.createAppender('checks');
    for (const c of report.checks) {
      checks.appendInteger(id);
      checks.appendVarchar(c.rule);
      for (const v of [c.row, c.column, c.group]) {
        if (v === undefined) checks.appendNull();
        else checks.appendVarchar(v);
      }
      checks.appendBoolean(c.ok);
      for (const v of [c.expected, c.actual]) {
        if (v === null) checks.appendNull();
        else checks.appendDouble(v);
      }
      checks.appendBoolean(c.assumed_blank_zero ?? false);
      checks.endRow();
    }
    checks.closeSync();
    await db.run('COMMIT');
    return previous !== undefined ? { status: 'superseded', id, supersedes: previous } : { status: 'ingested', id };
  } catch (err) {
    await db.run('ROLLBACK');
    throw err;
  }
}
