/**
 * One unit's synthetic reports: figures for its years, each year written in a layout and an
 * encoding drawn (deterministically by seed) from the mix seen on real sites. Pure; the CLI writes.
 */
import { Converter as toTraditionalConverter } from 'opencc-js/cn2t';
import { Converter as toSimplifiedConverter } from 'opencc-js/t2cn';
import type { CheckRule } from '../keys';
import type { Unit } from './divisions';
import { isUrban, organFor } from './divisions';
import { generateUnitYears, type UnitYear } from './figures';
import type { IdentityRef } from './identities';
import { applicationRoles } from './identities';
import { proseSource, publishedDate, type InsightPlant, type InsightRecord } from './insights';
import { hashString, rngFor, weighted } from './prng';
import { unitSections } from './prose';
import { renderBytes } from './render';
import type { Encoding, Layout, RenderInput } from './types';

const LAYOUT_WEIGHTS: Readonly<Record<Layout, number>> = {
  cell_per_line: 25,
  row_per_line: 25,
  pipe_newline: 10,
  blank_lines: 15,
  spaces: 7,
  html: 10,
  traditional: 8,
};
const TEXT_ENCODINGS: Readonly<Partial<Record<Encoding, number>>> = { 'utf-8': 78, gb18030: 14, 'utf-8-bom': 5, 'utf-16le': 3 };
const HTML_ENCODINGS: Readonly<Partial<Record<Encoding, number>>> = { 'utf-8': 85, gb18030: 15 };

let roundTrip: ((s: string) => string) | null = null;

/**
 * 57 units' names do not survive simplified → traditional → simplified (乾安县 → 干安县, 澄江 →
 * 澂江): a traditional page of theirs would test OpenCC, not the parser, so they get another layout.
 */
export function namesRoundTrip(unit: Unit): boolean {
  if (!roundTrip) {
    const toTraditional = toTraditionalConverter({ from: 'cn', to: 'tw' });
    const toSimplified = toSimplifiedConverter({ from: 'tw', to: 'cn' });
    roundTrip = (s) => toSimplified(toTraditional(s));
  }
  const names = [unit.province, unit.city ?? '', unit.county, unit.name].join('/');
  return roundTrip(names) === names;
}

export interface CorpusFile {
  /** relative to the output directory */
  path: string;
  bytes: Uint8Array;
  code: string;
  year: number;
  layout: Layout;
  encoding: Encoding;
  template: UnitYear['template'];
  /** the figures and text the file was rendered from: what a correct parse gives back */
  input: RenderInput;
  planted: UnitYear['planted'];
  /** what the file plants for the supervisor insights (a copy, a late or missing date) */
  insights: InsightPlant[];
}

export interface PlantedRecord {
  file: string;
  code: string;
  year: number;
  rule: CheckRule;
  detail: string;
  failing: IdentityRef[];
}

export type { InsightRecord };

/**
 * `siblings`: codes of the corpus's units in the same county, from which a same-year copy is drawn
 * (only units that are in the corpus, so that every planted copy can be found).
 */
export function renderInputFor(unit: Unit, f: UnitYear, seed: string, years: readonly number[] = [f.year], siblings: readonly string[] = []): RenderInput & { insights: InsightPlant[] } {
  const source = proseSource(seed, unit.code, f.year, years, siblings);
  const rng = rngFor(seed, 'prose', source.code, source.year);
  const date = publishedDate(seed, unit.code, f.year);
  const organ = organFor(unit.name);
  const roles = applicationRoles(f.template);
  const received = f.applications[roles.receivedNew]?.total ?? 0;
  return {
    organ,
    jurisdiction: { name: unit.name, parent: unit.county },
    year: f.year,
    template: f.template,
    active: f.active,
    applications: f.applications,
    review: f.review,
    sections: unitSections(unit, organ, f.year, received ?? 0, rng),
    published: date.published,
    synthetic: true,
    insights: [source.plant, date.plant].filter((p) => p !== null),
  };
}

export function unitFiles(unit: Unit, years: readonly number[], seed: string, siblings: readonly string[] = []): CorpusFile[] {
  const figures = generateUnitYears({ code: unit.code, urban: isUrban(unit.name) }, years, seed);
  return figures.map((f) => {
    const rng = rngFor(seed, 'file', unit.code, f.year);
    const drawn = weighted(rng, LAYOUT_WEIGHTS);
    const layout = drawn === 'traditional' && !namesRoundTrip(unit) ? 'row_per_line' : drawn;
    const encoding = weighted(rng, (layout === 'html' ? HTML_ENCODINGS : TEXT_ENCODINGS) as Record<Encoding, number>);
    const { insights, ...input } = renderInputFor(unit, f, seed, years, siblings);
    const bytes = renderBytes(input, layout, encoding, { seed: hashString(`${seed}:render:${unit.code}:${f.year}`) });
    return {
      path: `${unit.provinceCode}/${unit.areaCode}/${unit.code}-${f.year}.${layout === 'html' ? 'html' : 'txt'}`,
      bytes,
      code: unit.code,
      year: f.year,
      layout,
      encoding,
      template: f.template,
      input,
      planted: f.planted,
      insights,
    };
  });
}
