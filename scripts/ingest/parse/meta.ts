/**
 * Who, when and where of a report: the issuing organ, the statistical year, the publication date
 * and the jurisdiction with its division code. Input is normalised text (normalize.ts).
 */
import type { Jurisdiction } from '../report';
import { mentionsPlace, resolveJurisdiction, superiorName } from '../resolve/resolve';
import { findOrgan } from './organ';
import { organParts } from './organ-name';
import { chromeDate } from './published';
import { findYear } from './report-year';
import { signatureAtEnd, signatureAtStart } from './signature';
import { findTitle, HEAD_LINES } from './title';

export interface Meta {
  organ: string | null;
  /** the statistical year, not the year of publication */
  year: number | null;
  /** YYYY-MM-DD */
  published: string | null;
  jurisdiction: Jurisdiction;
  warnings: string[];
}

/** Title, chrome and the opening sentences sit in the first few thousand characters … */
const HEAD_CHARS = 4000;
/** … the signature in the last lines. */
const TAIL_CHARS = 1500;

/** The lines of `text` up to its `count`th non-blank one: all that findTitle reads. */
function leadingLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let filled = 0;
  for (let start = 0; filled < count; ) {
    const nl = text.indexOf('\n', start);
    const line = text.slice(start, nl === -1 ? text.length : nl);
    lines.push(line);
    if (line.trim()) filled++;
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

export function extractMeta(text: string): Meta {
  const head = text.slice(0, HEAD_CHARS);
  const title = findTitle(leadingLines(head, HEAD_LINES));
  const endSignature = signatureAtEnd(text.slice(-TAIL_CHARS));
  const chrome = chromeDate(head);
  // The date under a title is looked for only when nothing better names the organ or the date.
  const startSignature = (chrome ?? endSignature?.date) && (title.organ ?? endSignature?.organ) ? null : signatureAtStart(head.split('\n'));
  const signatureOrgan = endSignature?.organ ?? startSignature?.organ ?? null;

  const { year, warnings } = findYear(text, title.year);
  const published = chrome ?? endSignature?.date ?? startSignature?.date ?? null;
  const found = findOrgan(title.organ, head, signatureOrgan, text);
  if (!found) return { organ: null, year, published, jurisdiction: unknownJurisdiction(null), warnings };

  const parts = organParts(found.organ);
  if (parts.dropped) warnings.push(`organ: “${parts.dropped}” before ${parts.place} is no division; dropped`);
  if (found.source === 'title' && signatureOrgan) {
    const signed = organParts(signatureOrgan).place;
    if (signed && parts.place && signed !== parts.place) warnings.push(`organ: the title names ${parts.place}, the signature ${signed}`);
  }
  const jurisdiction = parts.place
    ? locate(parts.place, parts.level, parts.prefixes[parts.prefixes.length - 1] ?? null, text, warnings)
    : unknownJurisdiction(parts.level);
  return { organ: parts.organ, year, published, jurisdiction, warnings };
}

/**
 * The division of `place`. The parent is the resolved unit's direct superior when the text names
 * it, else the division printed before the place in the organ's name; never a name outside the
 * list. A zone resolved through the county it governs gets no parent from that county's superior.
 */
function locate(place: string, level: string | null, printedParent: string | null, text: string, warnings: string[]): Jurisdiction {
  let found = resolveJurisdiction(place, level, text);
  if (found.warning) warnings.push(`jurisdiction: ${found.warning}`);
  if (printedParent && found.code && ![found.county, found.city, found.province].includes(printedParent)) {
    warnings.push(`jurisdiction: ${place} resolves to ${found.code} (${found.county ?? found.city}), not under ${printedParent} as printed; code dropped`);
    const { code, county, city, province } = found;
    found = { code: null, county: null, city: null, province: null, candidates: [{ code, name: place, county, city, province }] };
  } else if (printedParent && found.candidates && !found.candidates.some((c) => c.county === printedParent || c.city === printedParent)) {
    warnings.push(`jurisdiction: none of the ${found.candidates.length} divisions called ${place} lies in ${printedParent} as printed`);
  }
  const superior = found.code && !found.approximate ? superiorName(found.code) : null;
  const parent = superior && mentionsPlace(text, superior) ? superior : printedParent;
  const jurisdiction: Jurisdiction = {
    name: place,
    level,
    parent,
    code: found.code,
    county: found.county,
    city: found.city,
    province: found.province,
  };
  if (found.candidates) jurisdiction.candidates = found.candidates;
  return jurisdiction;
}

function unknownJurisdiction(level: string | null): Jurisdiction {
  return { name: null, level, parent: null, code: null, county: null, city: null, province: null };
}
