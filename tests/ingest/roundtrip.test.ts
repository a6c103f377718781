/**
 * The renderer writes a report in every layout seen in the wild; reading it back must give the same
 * figures, format, organ and year: parse(read(render(r))) = r, over random reports of both formats
 * with blanks, decimals, signs and values in the millions, in every encoding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../scripts/ingest/parse/index';
import { readDocument } from '../../scripts/ingest/read/index';
import type { Report } from '../../scripts/ingest/report';
import { renderBytes } from '../../scripts/ingest/synth/render';
import { ENCODINGS, LAYOUTS, type RenderInput } from '../../scripts/ingest/synth/types';
import { renderInputArb } from '../support/arbitraries';

const RUNS = 300;

function comparable(r: Pick<Report, 'organ' | 'year' | 'template' | 'active' | 'applications' | 'review'> & { synthetic?: boolean }) {
  return {
    organ: r.organ,
    year: r.year,
    template: r.template,
    active: r.active,
    applications: r.applications,
    review: r.review,
    synthetic: r.synthetic ?? false,
  };
}

describe.each(LAYOUTS)('parse(render(r)) = r, layout %s', (layout) => {
  it(`holds for ${RUNS} random reports in every encoding`, async () => {
    await fc.assert(
      fc.asyncProperty(renderInputArb(), fc.constantFrom(...ENCODINGS), fc.nat(), async (r: RenderInput, encoding, seed) => {
        const bytes = renderBytes(r, layout, encoding, { seed });
        const doc = await readDocument(bytes, layout === 'html' ? 'report.html' : 'report.txt');
        const parsed = parseReport(doc.text);
        expect(comparable(parsed)).toEqual(comparable(r));
      }),
      { numRuns: RUNS },
    );
  });
});
