/**
 * JSON Lines in the shape `npm run -s parse -- --jsonl` prints, one report per line: a parse saved,
 * corrected in an editor and loaded back. Every field is checked against keys.ts; the checks are
 * recomputed from the figures (an edited line's stored checks would be stale).
 */
import { ACTIVE_KEYS, APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_KEYS, SECTION_KEYS, TEMPLATE_LABELS, type Template } from '../keys';
import { checkFigures } from '../parse/checks';
import type { Figure, Jurisdiction, Report } from '../report';
import { FIGURE_COLUMNS, TemplateError, figureValue, isCalendarDate, type FigureColumn } from './template';

export interface JsonlReport {
  line: number;
  report: Report;
}

const MAX_PROBLEMS = 20;
const ACTIVE = new Set(ACTIVE_KEYS.map((k) => k.key));
const ROWS = new Set(APPLICATION_ROWS.map((r) => r.key));
const COLUMNS = new Set(APPLICANT_COLUMNS.map((c) => c.key));
const REVIEW = new Set(REVIEW_KEYS);
const COLUMN_OF = new Map(FIGURE_COLUMNS.map((c) => [c.key, c]));
const PLACE_FIELDS = ['name', 'parent', 'code', 'county', 'city', 'province', 'level'] as const;

type Problem = (field: string, why: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function optionalText(v: unknown, field: string, problem: Problem): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') problem(field, 'is not text or null');
  return typeof v === 'string' ? v : null;
}

function figure(v: unknown, c: FigureColumn, problem: Problem): Figure {
  if (v === null) return null;
  if (typeof v !== 'number') {
    problem(c.key, `${JSON.stringify(v)} is not a number or null`);
    return null;
  }
  try {
    return figureValue(v, c);
  } catch (err) {
    problem(c.key, (err as Error).message);
    return null;
  }
}

function figures(o: Record<string, unknown>, problem: Problem): Pick<Report, 'active' | 'applications' | 'review'> {
  const out: Pick<Report, 'active' | 'applications' | 'review'> = { active: {}, applications: {}, review: {} };
  for (const [table, known] of [
    ['active', ACTIVE],
    ['review', REVIEW],
  ] as const) {
    const held = o[table] ?? {};
    if (!isObject(held)) {
      problem(table, 'is not an object of figures');
      continue;
    }
    for (const [key, v] of Object.entries(held)) {
      if (!known.has(key)) problem(`${table}.${key}`, `not a figure key of ${table} (keys.ts)`);
      else out[table][key] = figure(v, COLUMN_OF.get(key)!, problem);
    }
  }
  const apps = o.applications ?? {};
  if (!isObject(apps)) problem('applications', 'is not an object of rows');
  else {
    for (const [row, cols] of Object.entries(apps)) {
      if (!ROWS.has(row)) problem(`applications.${row}`, 'not a row key of table 三 (keys.ts)');
      else if (!isObject(cols)) problem(`applications.${row}`, 'is not an object of applicant columns');
      else {
        out.applications[row] = {};
        for (const [col, v] of Object.entries(cols)) {
          const key = `applications.${row}.${col}`;
          if (!COLUMNS.has(col)) problem(key, 'not an applicant column of table 三 (keys.ts)');
          else out.applications[row][col] = figure(v, COLUMN_OF.get(key)!, problem);
        }
      }
    }
  }
  return out;
}

function jurisdiction(v: unknown, problem: Problem): Jurisdiction {
  const j: Jurisdiction = { name: null, parent: null, code: null, county: null, city: null, province: null };
  if (!isObject(v)) {
    problem('jurisdiction', 'is not an object');
    return j;
  }
  for (const f of PLACE_FIELDS) {
    const t = optionalText(v[f], `jurisdiction.${f}`, problem);
    if (f === 'level') {
      if (v.level !== undefined) j.level = t;
    } else j[f] = t;
  }
  if (v.candidates !== undefined && v.candidates !== null) {
    if (!Array.isArray(v.candidates) || !v.candidates.every((c) => isObject(c) && typeof c.code === 'string' && typeof c.name === 'string')) {
      problem('jurisdiction.candidates', 'is not a list of divisions with code and name');
    } else j.candidates = v.candidates as Jurisdiction['candidates'];
  }
  return j;
}

function line(text: string, problem: Problem): Report | null {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (err) {
    problem('', `not JSON: ${(err as Error).message}`);
    return null;
  }
  if (!isObject(o)) {
    problem('', 'is not a JSON object');
    return null;
  }
  if ('error' in o) {
    problem('error', `the parse of ${JSON.stringify(o.source ?? '?')} failed (${JSON.stringify(o.error)}); remove the line or fix the document`);
    return null;
  }
  const template = o.template as Template;
  if (typeof o.template !== 'string' || !(o.template in TEMPLATE_LABELS)) problem('template', `${JSON.stringify(o.template)} is not a format version (2021, 2019, hybrid, legacy or unknown)`);
  const year = o.year ?? null;
  if (year !== null && (!Number.isInteger(year) || (year as number) < 1990 || (year as number) > 2100)) problem('year', `${JSON.stringify(year)} is not a year`);
  const published = optionalText(o.published, 'published', problem);
  if (published !== null && !isCalendarDate(published)) problem('published', `${JSON.stringify(published)} is not a date YYYY-MM-DD`);
  if (o.synthetic !== undefined && typeof o.synthetic !== 'boolean') problem('synthetic', 'is not true or false');
  const sectionsIn = o.sections ?? {};
  const sections = {} as Report['sections'];
  if (!isObject(sectionsIn)) problem('sections', 'is not an object');
  for (const s of SECTION_KEYS) sections[s.key] = isObject(sectionsIn) ? optionalText(sectionsIn[s.key], `sections.${s.key}`, problem) : null;
  const warnings = o.warnings ?? [];
  if (!Array.isArray(warnings) || !warnings.every((w) => typeof w === 'string')) problem('warnings', 'is not a list of texts');
  const parts = o.template_parts;
  if (parts !== undefined && !(isObject(parts) && Object.values(parts).every((p) => p === '2021' || p === '2019'))) problem('template_parts', 'is not an object of 2021/2019');
  const report: Report = {
    organ: optionalText(o.organ, 'organ', problem),
    jurisdiction: jurisdiction(o.jurisdiction, problem),
    year: year as number | null,
    published,
    ...(o.synthetic === true ? { synthetic: true } : {}),
    template,
    ...(parts !== undefined ? { template_parts: parts as Report['template_parts'] } : {}),
    ...figures(o, problem),
    sections,
    checks: [],
    warnings: Array.isArray(warnings) ? (warnings as string[]) : [],
  };
  report.checks = checkFigures(report.applications, report.review);
  return report;
}

/** The lines of a JSON Lines file → reports; any problem (line and field named) rejects the whole file. */
export function readJsonl(text: string): JsonlReport[] {
  const problems: string[] = [];
  const out: JsonlReport[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const n = i + 1;
    let bad = false;
    const problem: Problem = (field, why) => {
      bad = true;
      if (problems.length < MAX_PROBLEMS) problems.push(`line ${n}${field ? `, ${field}` : ''}: ${why}`);
    };
    const report = line(raw, problem);
    if (report && !bad) out.push({ line: n, report });
  });
  if (problems.length) throw new TemplateError(problems);
  if (out.length === 0) throw new TemplateError(['the file holds no report']);
  return out;
}
