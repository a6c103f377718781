/**
 * Correcting a figure by hand: the change is a row of `corrections` (who, when, why, before, after),
 * the current value goes into `figures` and `report_values`, the report's own checks are run again
 * and its organ's cross-year checks recomputed. Reverting the latest change of a cell is a change
 * too, so the history only grows and the parsed figure (the first change's old value) is never lost.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { exclusive } from '../ingest';
import type { TableId } from '../keys';
import { checkFigures } from '../parse/checks';
import type { Figure, Report } from '../report';
import { FIGURE_COLUMNS, figureValue, type FigureColumn } from '../structured/template';
import { refreshAreaSummaries } from './area-summaries';
import { recheckCrossYear } from './cross-year';
import { inTransaction } from './transaction';

export interface Correction {
  id: number;
  report_id: number;
  tbl: TableId;
  row_key: string;
  col_key: string | null;
  /** the database's figure key (`applications.granted.total`) */
  key: string;
  old_value: Figure;
  new_value: Figure;
  who: string;
  /** local time, `YYYY-MM-DD HH:MM:SS` */
  at: string;
  reason: string;
  /** this change undoes that one */
  reverts: number | null;
  /** a later change undid this one */
  reverted_by: number | null;
}

/** A refusal a person can act on (the form shows it); anything else is a fault. */
export class CorrectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorrectionError';
  }
}

const BY_WIDE = new Map(FIGURE_COLUMNS.map((c) => [c.wide, c]));

async function rows<T>(db: DuckDBConnection, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await db.runAndReadAll(sql, params as never)).getRowObjectsJson() as T[];
}

const SELECT = `SELECT id, report_id, tbl, row_key, col_key,
  CASE WHEN col_key IS NULL THEN tbl || '.' || row_key ELSE tbl || '.' || row_key || '.' || col_key END AS key,
  old_value, new_value, who, strftime(made_at, '%Y-%m-%d %H:%M:%S') AS at, reason, reverts, reverted_by FROM corrections`;

/** Every change of a report's figures, newest first. */
export async function listCorrections(db: DuckDBConnection, reportId: number): Promise<Correction[]> {
  return rows<Correction>(db, `${SELECT} WHERE report_id = $id ORDER BY id DESC`, { id: reportId });
}

export interface CorrectionInput {
  reportId: number;
  /** the database's figure key, e.g. `applications.granted.total` */
  key: string;
  /** as typed: a number, or blank (or a dash) for a blank cell */
  value: string;
  who: string;
  reason: string;
}

function required(text: string, what: string): string {
  const t = text.trim();
  if (!t) throw new CorrectionError(`${what}不能为空`);
  return t;
}

function column(key: string): FigureColumn {
  const c = BY_WIDE.get(key);
  if (!c) throw new CorrectionError(`没有这个数字：${key}`);
  return c;
}

const cellWhere = `report_id = $report AND tbl = $tbl AND row_key = $row AND col_key IS NOT DISTINCT FROM $col`;
const cellParams = (reportId: number, c: FigureColumn) => ({ report: reportId, tbl: c.tbl, row: c.row, col: c.col });


/** Sets a figure to `value` as of now, records the change, and re-runs the checks. */
async function change(db: DuckDBConnection, reportId: number, c: FigureColumn, value: Figure, who: string, reason: string, reverts: number | null): Promise<Correction> {
  const [report] = await rows<{ superseded_by: number | null; chain: string | null }>(db, 'SELECT superseded_by, chain FROM reports WHERE id = $id', { id: reportId });
  if (!report) throw new CorrectionError(`找不到报告 ${reportId}`);
  if (report.superseded_by !== null) throw new CorrectionError('这份报告已被新版本替换，请更正现行版本');
  const [cell] = await rows<{ value: Figure }>(db, `SELECT value FROM figures WHERE ${cellWhere}`, cellParams(reportId, c));
  if (!cell) throw new CorrectionError('本报告的格式没有这一项，不能更正');
  if (cell.value === value) throw new CorrectionError(`新值与现值相同（${value ?? '空白'}）`);
  const [{ id }] = await rows<{ id: number }>(db, 'SELECT coalesce(max(id), 0)::INTEGER + 1 AS id FROM corrections');
  await db.run(
    `INSERT INTO corrections VALUES ($id, $report, $tbl, $row, $col, $old, $new, $who, current_localtimestamp()::TIMESTAMP, $reason, $reverts, NULL)`,
    { id, ...cellParams(reportId, c), old: cell.value, new: value, who, reason, reverts },
  );
  if (reverts !== null) await db.run('UPDATE corrections SET reverted_by = $id WHERE id = $reverts', { id, reverts });
  await db.run(`UPDATE figures SET value = $value WHERE ${cellWhere}`, { value, ...cellParams(reportId, c) });
  await db.run(`UPDATE report_values SET "${c.wide}" = $value WHERE report_id = $report`, { value, report: reportId });
  await recheckOwn(db, reportId);
  if (report.chain !== null) await db.run('INSERT INTO cross_year_pending VALUES ($chain)', { chain: report.chain });
  const [made] = await rows<Correction>(db, `${SELECT} WHERE id = $id`, { id });
  return made;
}

/** The report's own checks from its current figures, replacing the stored ones. */
async function recheckOwn(db: DuckDBConnection, reportId: number): Promise<void> {
  const figures = await rows<{ tbl: TableId; row_key: string; col_key: string | null; value: Figure }>(
    db,
    'SELECT tbl::VARCHAR AS tbl, row_key::VARCHAR AS row_key, col_key::VARCHAR AS col_key, value FROM figures WHERE report_id = $id',
    { id: reportId },
  );
  const applications: Report['applications'] = {};
  const review: Report['review'] = {};
  for (const f of figures) {
    if (f.tbl === 'applications') (applications[f.row_key] ??= {})[f.col_key!] = f.value;
    else if (f.tbl === 'review') review[f.row_key] = f.value;
  }
  const checks = checkFigures(applications, review);
  for (const table of ['checks', 'check_failures']) await db.run(`DELETE FROM ${table} WHERE report_id = $id AND prev_report_id IS NULL`, { id: reportId });
  for (const check of checks) {
    const params = {
      id: reportId,
      rule: check.rule,
      row: check.row ?? null,
      col: check.column ?? null,
      grp: check.group ?? null,
      ok: check.ok,
      expected: check.expected,
      actual: check.actual,
      blank: check.assumed_blank_zero === true,
    };
    const values = 'VALUES ($id, $rule, $row, $col, $grp, $ok, $expected, $actual, $blank, NULL)';
    await db.run(`INSERT INTO checks ${values}`, params);
    if (!check.ok) await db.run(`INSERT INTO check_failures ${values}`, params);
  }
  await db.run('UPDATE reports SET failed_checks = $n WHERE id = $id', { n: checks.filter((c) => !c.ok).length, id: reportId });
  await refreshAreaSummaries(db, 'SELECT $corrected::INTEGER', { corrected: reportId });
}

/** A person's correction of one figure. */
export async function correctFigure(db: DuckDBConnection, input: CorrectionInput): Promise<Correction> {
  const c = column(input.key);
  const who = required(input.who, '更正人');
  const reason = required(input.reason, '更正理由');
  let value: Figure;
  try {
    value = figureValue(input.value, c);
  } catch (err) {
    throw new CorrectionError(`新值无效：${(err as Error).message}`);
  }
  return exclusive(async () => {
    const made = await inTransaction(db, () => change(db, input.reportId, c, value, who, reason, null));
    await recheckCrossYear(db);
    return made;
  });
}

/** Undoes a correction: only the latest standing change of its cell, so that the history stays a line. */
export async function revertCorrection(db: DuckDBConnection, input: { id: number; who: string; reason: string }): Promise<Correction> {
  const who = required(input.who, '撤销人');
  const reason = required(input.reason, '撤销理由');
  return exclusive(async () => {
    const made = await inTransaction(db, async () => {
    const [target] = await rows<Correction>(db, `${SELECT} WHERE id = $id`, { id: input.id });
    if (!target) throw new CorrectionError(`没有更正 #${input.id}`);
    if (target.reverts !== null) throw new CorrectionError(`#${target.id} 本身是一次撤销，不能再撤销；请重新更正`);
    if (target.reverted_by !== null) throw new CorrectionError(`#${target.id} 已由 #${target.reverted_by} 撤销`);
    const [latest] = await rows<{ id: number }>(
      db,
      `SELECT max(id)::INTEGER AS id FROM current_corrections WHERE ${cellWhere}`,
      { report: target.report_id, tbl: target.tbl, row: target.row_key, col: target.col_key },
    );
    if (latest.id !== target.id) throw new CorrectionError(`这一格此后又被 #${latest.id} 更正，请先撤销 #${latest.id}`);
      return change(db, target.report_id, column(target.key), target.old_value, who, reason, target.id);
    });
    await recheckCrossYear(db);
    return made;
  });
}
