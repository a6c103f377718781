/** Text of one report → Report: the tables by the vocabulary of keys, prose parts, checks, warnings. */
import { SYNTHETIC_MARK } from '../keys';
import type { Origin, Report } from '../report';
import { readActive } from './active';
import { addApplicationOrigins, readApplications, type ApplicationsRead } from './applications';
import { runChecks } from './checks';
import { LEGACY_MARKERS } from './labels';
import { extractMeta, type Meta } from './meta';
import { normalizeText } from './normalize';
import { readReview } from './review';
import { findParts, partRange, proseSections, type Part } from './sections';
import { tokenize } from './tokens';
import { isFlattened, unflatten } from './unflatten';

const MARK = normalizeText(SYNTHETIC_MARK);

/** Where each table lies: its part's body, or (headings lost) from its first recognisable words. */
function tableRanges(text: string, parts: Part[]): Record<'二' | '三' | '四', [number, number] | null> {
  const at = (n: '二' | '三' | '四') => partRange(parts, n, text.length);
  const four = at('四');
  let three = at('三');
  const threeStart = three ? -1 : text.search(/申请人情况|本年新收政府信息公开申请/);
  if (!three && threeStart !== -1) three = [threeStart, four?.[0] ?? text.length];
  let two = at('二');
  const twoStart = two ? -1 : text.indexOf('第二十条');
  if (!two && twoStart !== -1) two = [twoStart, three?.[0] ?? four?.[0] ?? text.length];
  return { 二: two, 三: three, 四: four };
}

/**
 * Every figure's origin in one object, written key by key: copying an object of some hundred keys
 * cost more than the rest of the parse (spread 2 ms, Object.assign into or from it 0.15 ms).
 */
function allOrigins(active: Record<string, Origin>, applications: ApplicationsRead, review: Record<string, Origin>): Record<string, Origin> {
  const origins: Record<string, Origin> = {};
  for (const key in active) origins[key] = active[key];
  addApplicationOrigins(applications, origins);
  for (const key in review) origins[key] = review[key];
  return origins;
}

export interface ParseOptions {
  source?: string;
  /** keep the normalised text and each figure's origin in it (for storage and the source view) */
  withText?: boolean;
}

/** The report's leading fields in their printed order; the rest are added by the caller, in order too. */
function reportHead(options: ParseOptions, meta: Meta, text: string): Report {
  // Built field by field: an object spread into a literal of some fifteen fields cost ≈ 2 % of a parse.
  const report = {} as Report;
  if (options.source !== undefined) report.source = options.source;
  report.organ = meta.organ;
  report.jurisdiction = meta.jurisdiction;
  report.year = meta.year;
  report.published = meta.published;
  if (text.includes(MARK)) report.synthetic = true;
  return report;
}

function pushAll(to: string[], from: string[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]);
}

export function parseReport(raw: string, options: ParseOptions = {}): Report {
  const normalized = normalizeText(raw);
  const flattened = isFlattened(normalized);
  const text = flattened ? unflatten(normalized) : normalized;
  const meta = extractMeta(text);
  const parts = findParts(text);
  const warnings = meta.warnings.slice();
  if (flattened) warnings.push('the tables were flattened to one line with no cell separators; figures are read only where the split is certain');
  const report = reportHead(options, meta, text);
  const sections = proseSections(text, parts);

  if (LEGACY_MARKERS.some((word) => text.includes(word))) {
    warnings.push('the tables follow the pre-2019 statistics format (当面申请数…), which the keys do not describe: no figures extracted');
    report.template = 'legacy';
    report.active = {};
    report.applications = {};
    report.review = {};
    report.sections = sections;
    report.checks = [];
    report.warnings = warnings;
    if (options.withText) report.text = text;
    return report;
  }

  const ranges = tableRanges(text, parts);
  const tok = (r: [number, number] | null) => (r ? tokenize(text, r[0], r[1]).tokens : []);
  const active = readActive(tok(ranges.二), flattened);
  const applications = readApplications(tok(ranges.三), active.template, flattened);
  const review = readReview(tok(ranges.四), flattened);
  if (!ranges.二) warnings.push('part 二 (主动公开政府信息情况) not found');
  if (!ranges.三) warnings.push('part 三 (收到和处理政府信息公开申请情况) not found');
  if (!ranges.四) warnings.push('part 四 (行政复议、行政诉讼情况) not found');

  let template = active.template;
  if (template === 'unknown' && ranges.三) template = applications.otherAsOneRow ? 'unknown' : '2021';
  report.template = template;
  if (template === 'hybrid') report.template_parts = { 'active.一': active.parts.一!, 'active.五六八九': active.parts.items! };
  report.active = template === 'unknown' ? {} : active.values;
  report.applications = applications.values;
  report.review = review.values;
  report.sections = sections;
  report.checks = runChecks(applications, review);
  if (template !== 'unknown') pushAll(warnings, active.warnings);
  pushAll(warnings, applications.warnings);
  pushAll(warnings, review.warnings);
  report.warnings = warnings;
  if (options.withText) {
    report.origins = allOrigins(active.origins, applications, review.origins);
    report.text = text;
  }
  return report;
}
