/**
 * Staged reports into the database, a batch per transaction: the reports, their figures, checks
 * and wide rows are appended as whole columns and commit together or not at all. Everything that
 * could be wrong with a report was checked when it was staged, so a batch fails only for reasons of
 * the database; the caller then writes its files one per transaction to find the culprit.
 *
 * An unchanged file is recognised by its SHA-256 and skipped, and so is a row of a structured file
 * that repeats a current report (twins.ts: same identity and figures, e.g. an export loaded back);
 * a new file for the same organ (its
 * chain: name, places and synthetic flag, schema.ts) and year supersedes the current report, which
 * stays as history. A report without a chain or a year supersedes nothing: two such reports are not
 * known to be versions of one.
 */
import { blobValue, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { append, isTyped, isUtf8, type Column, type Utf8Column } from './columns';
import { COMPARED_PARTS } from '../insights/similarity';
import { CHAIN_SEPARATOR, WIDE_COLUMNS, enumValues, peerArea } from './schema';
import { NONE, RAW_SEPARATOR, type ReportRow, type StagedChecks, type StagedFigures, type StagedReport } from './stage';
import { findTwins } from './twins';
import { fillUnitKeys } from './unit-key';

/** What the writer knows of the database between batches; it is the only one to write. */
export interface StoreState {
  nextId: number;
  /** SHA-256 → id of the report made from that file */
  shas: Map<string, number>;
  /** chain and year → id of the current report */
  current: Map<string, number>;
}

export interface Staged {
  path: string;
  /** a report of a structured file: its row or line */
  where?: string;
  sha256: string;
  staged: StagedReport;
}

export type WriteOutcome =
  | { path: string; status: 'ingested'; id: number }
  | { path: string; status: 'superseded'; id: number; supersedes: number }
  | { path: string; status: 'unchanged'; id: number };

export function identity(r: Pick<ReportRow, 'chain' | 'year'>): string | null {
  return r.chain !== null && r.year !== null ? `${r.chain}${CHAIN_SEPARATOR}${r.year}` : null;
}

export async function loadState(db: DuckDBConnection): Promise<StoreState> {
  const reader = await db.runAndReadAll('SELECT id, sha256, chain, year, superseded_by IS NULL AS current FROM reports ORDER BY id');
  const state: StoreState = { nextId: 1, shas: new Map(), current: new Map() };
  for (const [id, sha, chain, year, current] of reader.getRowsJS() as [number, string, string | null, number | null, boolean][]) {
    state.nextId = Math.max(state.nextId, id + 1);
    state.shas.set(sha, id);
    const key = identity({ chain, year });
    if (current && key) state.current.set(key, id);
  }
  return state;
}

interface Plan {
  outcomes: WriteOutcome[];
  rows: { id: number; staged: StagedReport; supersedes: number | null; supersededBy: number | null }[];
  /** [old id, new id] for current reports already in the database */
  superseded: [number, number][];
  nextId: number;
  shas: Map<string, number>;
  current: Map<string, number>;
}

/** `twins`: position in the batch → the current report that structured row repeats (twins.ts). */
function plan(state: StoreState, batch: readonly Staged[], twins: ReadonlyMap<number, number>): Plan {
  const p: Plan = { outcomes: [], rows: [], superseded: [], nextId: state.nextId, shas: new Map(), current: new Map() };
  const newRow = new Map<number, Plan['rows'][number]>();
  for (const [at, { path, sha256, staged }] of batch.entries()) {
    const known = p.shas.get(sha256) ?? state.shas.get(sha256);
    if (known !== undefined) {
      p.outcomes.push({ path, status: 'unchanged', id: known });
      continue;
    }
    const key = identity(staged.report);
    const twin = twins.get(at);
    // An earlier row of this batch may have replaced the twin; then this row is a version again.
    if (twin !== undefined && !(key && p.current.has(key))) {
      p.shas.set(sha256, twin);
      p.outcomes.push({ path, status: 'unchanged', id: twin });
      continue;
    }
    const id = p.nextId++;
    p.shas.set(sha256, id);
    const previous = key ? (p.current.get(key) ?? state.current.get(key) ?? null) : null;
    if (key) p.current.set(key, id);
    const row = { id, staged, supersedes: previous, supersededBy: null as number | null };
    newRow.set(id, row);
    p.rows.push(row);
    if (previous === null) {
      p.outcomes.push({ path, status: 'ingested', id });
      continue;
    }
    const earlier = newRow.get(previous);
    if (earlier) earlier.supersededBy = id;
    else p.superseded.push([previous, id]);
    p.outcomes.push({ path, status: 'superseded', id, supersedes: previous });
  }
  return p;
}

/** Local wall-clock time in microseconds, as `current_timestamp` gives a TIMESTAMP column. */
function nowMicros(): number {
  const now = new Date();
  return (now.getTime() - now.getTimezoneOffset() * 60_000) * 1000;
}

export async function writeBatch(db: DuckDBConnection, state: StoreState, batch: readonly Staged[]): Promise<WriteOutcome[]> {
  const structured = [...batch.entries()].filter(([, b]) => b.where !== undefined);
  const found = await findTwins(db, structured.map(([, b]) => b.staged));
  const p = plan(state, batch, new Map([...found].map(([i, id]) => [structured[i][0], id])));
  if (p.rows.length > 0) {
    await db.run('BEGIN TRANSACTION');
    try {
      await appendReports(db, p);
      await fillUnitKeys(db, p.rows[0].id);
      await appendFigures(db, p);
      await appendChecks(db, p);
      await appendWide(db, p);
      await appendIncomplete(db, p);
      await appendSignatures(db, p);
      if (p.superseded.length > 0) {
        await db.run(
          `UPDATE reports SET superseded_by = s.new_id FROM (SELECT unnest($old::INTEGER[]) AS old_id, unnest($new::INTEGER[]) AS new_id) s
           WHERE reports.id = s.old_id`,
          { old: listValue(p.superseded.map((s) => s[0])), new: listValue(p.superseded.map((s) => s[1])) },
        );
        // the 雷同 page lists pairs without joining the current reports; the end of the ingest recompares the county
        await db.run('DELETE FROM similar_pairs WHERE a IN (SELECT unnest($old::INTEGER[])) OR b IN (SELECT unnest($old::INTEGER[]))', {
          old: listValue(p.superseded.map((s) => s[0])),
        });
      }
      const chains = [...new Set(p.rows.map((r) => r.staged.report.chain).filter((c) => c !== null))];
      if (chains.length > 0) await append(db, 'cross_year_pending', [chains], chains.length);
      await db.run('COMMIT');
    } catch (err) {
      await db.run('ROLLBACK');
      throw err;
    }
  }
  state.nextId = p.nextId;
  for (const [sha, id] of p.shas) state.shas.set(sha, id);
  for (const [key, id] of p.current) state.current.set(key, id);
  return p.outcomes;
}

async function appendReports(db: DuckDBConnection, p: Plan): Promise<void> {
  const at = nowMicros();
  const col = <K extends keyof ReportRow>(k: K) => p.rows.map((r) => r.staged.report[k]);
  await append(
    db,
    'reports',
    [
      p.rows.map((r) => r.id),
      col('organ'),
      col('jurisdiction_name'),
      col('jurisdiction_code'),
      col('jurisdiction_level'),
      col('parent'),
      col('county'),
      col('city'),
      col('province'),
      col('year'),
      col('template'),
      col('published'),
      col('synthetic'),
      col('source_path'),
      col('sha256'),
      col('input_format'),
      col('encoding'),
      p.rows.map(() => at),
      p.rows.map((r) => r.supersedes),
      p.rows.map((r) => r.supersededBy),
      p.rows.map((r) => listValue(r.staged.report.warnings)),
      col('candidates'),
      col('section_overview'),
      col('section_problems'),
      col('section_other'),
      col('source_text'),
      col('county_code'),
      col('city_code'),
      col('province_code'),
      col('chain'),
      col('failed_checks'),
      p.rows.map(() => null), // unit_key, set from its SQL definition by fillUnitKeys
    ],
    p.rows.length,
  );
}

/** For each figure key (index in WIDE_COLUMNS): its table, row and column as ENUM indexes. */
const KEY_TABLE = Uint8Array.from(WIDE_COLUMNS, (c) => enumValues('figure_table').indexOf(c.tbl));
const KEY_ROW = Uint8Array.from(WIDE_COLUMNS, (c) => enumValues('figure_row').indexOf(c.row));
const KEY_COLUMN = Uint8Array.from(WIDE_COLUMNS, (c) => (c.col === null ? NONE : enumValues('applicant_column').indexOf(c.col)));

function concat<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(make: new (n: number) => T, parts: T[]): T {
  const out = new make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p as never, at);
    at += p.length;
  }
  return out;
}

const notNone = (a: Uint8Array) => a.map((v) => (v === NONE ? 0 : 1));

async function appendFigures(db: DuckDBConnection, p: Plan): Promise<void> {
  const figures = p.rows.map((r) => r.staged.figures);
  const key = concat(Uint16Array, figures.map((f) => f.key));
  const n = key.length;
  const reportId = new Int32Array(n);
  let at = 0;
  for (const { id, staged } of p.rows) {
    reportId.fill(id, at, at + staged.figures.key.length);
    at += staged.figures.key.length;
  }
  const located = concat(Uint8Array, figures.map((f) => f.located));
  const table = new Uint8Array(n);
  const row = new Uint8Array(n);
  const col = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    table[i] = KEY_TABLE[key[i]];
    row[i] = KEY_ROW[key[i]];
    col[i] = KEY_COLUMN[key[i]];
  }
  await append(
    db,
    'figures',
    [
      { typed: reportId },
      { typed: table },
      { typed: row },
      { typed: col, valid: notNone(col) },
      { typed: concat(Float64Array, figures.map((f) => f.value)), valid: concat(Uint8Array, figures.map((f) => f.printed)) },
      cellTexts(figures, located, n),
      { typed: concat(Int32Array, figures.map((f) => f.start)), valid: located },
      { typed: concat(Int32Array, figures.map((f) => f.end)), valid: located },
    ],
    n,
  );
}

const encoder = new TextEncoder();
const SEPARATOR_BYTE = RAW_SEPARATOR.charCodeAt(0);

/**
 * The figures' cell texts (NULL where not located) as UTF-8 for the writer's bulk string copy: each
 * report's joined texts encoded at once and cut at the separator, which no cell contains (stage.ts)
 * and no multi-byte character's bytes can be.
 */
function cellTexts(figures: readonly StagedFigures[], located: Uint8Array, n: number): Utf8Column {
  const utf8 = new Uint8Array(figures.reduce((bytes, f) => bytes + 3 * f.raw.length, 0));
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  let at = 0;
  let cell = 0;
  for (const f of figures) {
    if (f.key.length === 0) continue;
    const stop = at + encoder.encodeInto(f.raw, utf8.subarray(at)).written;
    start[cell] = at;
    for (let b = at; b < stop; b++) {
      if (utf8[b] !== SEPARATOR_BYTE) continue;
      end[cell++] = b;
      start[cell] = b + 1;
    }
    end[cell++] = stop;
    at = stop;
  }
  if (cell !== n) throw new Error(`${cell} cell texts for ${n} figures`);
  return { utf8, start, end, valid: located };
}

/** The rows of typed columns at the given positions. */
function pick(column: Column, at: number[]): Column {
  if (isUtf8(column)) throw new Error('pick takes no UTF-8 column');
  if (!isTyped(column)) return at.map((i) => column[i]);
  const { typed, valid } = column;
  const out = new (typed.constructor as new (n: number) => typeof typed)(at.length);
  at.forEach((i, j) => (out[j] = typed[i]));
  return { typed: out, valid: valid ? Uint8Array.from(at, (i) => valid[i]) : undefined };
}

/** Every check into `checks`, and the failing ones also into `check_failures`, which the checks pages read. */
async function appendChecks(db: DuckDBConnection, p: Plan): Promise<void> {
  const checks = p.rows.map((r) => r.staged.checks);
  const rule = concat(Uint8Array, checks.map((c) => c.rule));
  const n = rule.length;
  const reportId = new Int32Array(n);
  let at = 0;
  for (const { id, staged } of p.rows) {
    reportId.fill(id, at, at + staged.checks.rule.length);
    at += staged.checks.rule.length;
  }
  const byKey = (key: (c: StagedChecks) => Uint8Array) => {
    const typed = concat(Uint8Array, checks.map(key));
    return { typed, valid: notNone(typed) };
  };
  const valued = concat(Uint8Array, checks.map((c) => c.valued));
  const ok = concat(Uint8Array, checks.map((c) => c.ok));
  const columns: Column[] = [
    { typed: reportId },
    { typed: rule },
    byKey((c) => c.row),
    byKey((c) => c.col),
    byKey((c) => c.grp),
    { typed: ok },
    { typed: concat(Float64Array, checks.map((c) => c.expected)), valid: valued.map((v) => v & 1) },
    { typed: concat(Float64Array, checks.map((c) => c.actual)), valid: valued.map((v) => (v >> 1) & 1) },
    { typed: concat(Uint8Array, checks.map((c) => c.blank)) },
    { typed: new Int32Array(n), valid: new Uint8Array(n) },
  ];
  await append(db, 'checks', columns, n);
  const failing: number[] = [];
  ok.forEach((v, i) => v || failing.push(i));
  await append(db, 'check_failures', columns.map((c) => pick(c, failing)), failing.length);
}

async function appendIncomplete(db: DuckDBConnection, p: Plan): Promise<void> {
  const rows = p.rows.filter((r) => r.staged.incomplete.length > 0);
  if (rows.length > 0) await append(db, 'incomplete_reports', [rows.map((r) => r.id), rows.map((r) => listValue(r.staged.incomplete))], rows.length);
}

/** Each report's prose signatures, and its county's year queued for comparison (similarity.ts). */
async function appendSignatures(db: DuckDBConnection, p: Plan): Promise<void> {
  const ids = p.rows.flatMap((r) => COMPARED_PARTS.map(() => r.id));
  const parts = p.rows.flatMap(() => COMPARED_PARTS);
  const signatures = p.rows.flatMap((r) => r.staged.signatures.map((s) => s && blobValue(s)));
  await append(db, 'prose_signatures', [ids, parts, signatures], ids.length);
  const scopes = new Map<string, [string, number]>();
  for (const { staged } of p.rows) {
    const { year } = staged.report;
    const area = peerArea(staged.report);
    if (year !== null) scopes.set(`${area}${CHAIN_SEPARATOR}${year}`, [area, year]);
  }
  const pending = [...scopes.values()];
  await append(db, 'similarity_pending', [pending.map((s) => s[0]), pending.map((s) => s[1])], pending.length);
}

/** One row per report in report_values, from the same staged figures as the tidy rows. */
async function appendWide(db: DuckDBConnection, p: Plan): Promise<void> {
  const n = p.rows.length;
  const values = WIDE_COLUMNS.map(() => ({ typed: new Float64Array(n), valid: new Uint8Array(n) }));
  p.rows.forEach(({ staged }, r) => {
    const f = staged.figures;
    for (let i = 0; i < f.key.length; i++) {
      if (!f.printed[i]) continue;
      values[f.key[i]].typed[r] = f.value[i];
      values[f.key[i]].valid[r] = 1;
    }
  });
  await append(db, 'report_values', [{ typed: Int32Array.from(p.rows, (r) => r.id) }, ...values], n);
}
