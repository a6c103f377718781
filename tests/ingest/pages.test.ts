/**
 * The real page beginnings in ../shared/fixtures/pages, with what a careful reader takes from them:
 * every visible table-二 cell, the format version, and who, when, where.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../scripts/ingest/parse/index';
import { sharedFile } from '../support/shared';

const expectedFile = sharedFile('fixtures/pages/expected.jsonl');
const pages: { file: string; template: string; active: Record<string, number | null>; organ: string | null; year: number }[] = expectedFile
  ? readFileSync(expectedFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  : [];

describe.skipIf(!expectedFile)('real pages, every layout (../shared/fixtures/pages)', () => {
  it.each(pages.map((p) => [p.file, p] as const))('%s: format, organ, year and every visible table-二 cell', (file, page) => {
    const report = parseReport(readFileSync(path.join(path.dirname(expectedFile!), file), 'utf8'));
    expect(report.template).toBe(page.template);
    expect(report.organ).toBe(page.organ);
    expect(report.year).toBe(page.year);
    for (const [key, value] of Object.entries(page.active)) expect([key, report.active[key]]).toEqual([key, value]);
  });
});
