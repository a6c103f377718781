/**
 * Damaged documents never make the reader or the parser throw: a cut, shuffled or byte-corrupted
 * report still gives a report (with warnings naming what is missing) or a read error in words.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../scripts/ingest/parse/index';
import { ReadError, readDocument } from '../../scripts/ingest/read/index';
import { fixture } from '../support/shared';

const seed = readFileSync(fixture('hongtuya-2022.txt'), 'utf8');
const texts = [seed, ...readdirSync(fixture('meta')).map((f) => readFileSync(path.join(fixture('meta'), f), 'utf8'))];

function expectWellFormed(r: ReturnType<typeof parseReport>): void {
  expect(() => JSON.stringify(r)).not.toThrow();
  expect(Array.isArray(r.warnings)).toBe(true);
  expect(Array.isArray(r.checks)).toBe(true);
  for (const v of Object.values(r.active)) expect(v === null || Number.isFinite(v)).toBe(true);
}

describe('damaged reports', () => {
  it('a report cut anywhere parses, and says what is missing when a table is cut off', () => {
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.double({ min: 0, max: 1, noNaN: true }), (text, at) => {
        const cut = text.slice(0, Math.floor(text.length * at));
        const r = parseReport(cut);
        expectWellFormed(r);
        if (text === seed && !cut.includes('四、政府信息公开行政复议')) expect(r.warnings.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('shuffled lines never throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), (text, salt) => {
        const lines = text.split('\n');
        const shuffled = lines.map((l, i) => [((i + 1) * 2654435761 + salt) % 4294967296, l] as const).sort((a, b) => a[0] - b[0]).map(([, l]) => l);
        expectWellFormed(parseReport(shuffled.join('\n')));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes in a file give a report or a read error in words, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }), async (text, edits) => {
        const bytes = new TextEncoder().encode(text);
        for (const [at, byte] of edits) bytes[at % bytes.length] = byte;
        try {
          const doc = await readDocument(bytes, 'damaged.txt');
          expectWellFormed(parseReport(doc.text));
        } catch (e) {
          expect(e).toBeInstanceOf(ReadError);
          expect((e as Error).message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pure noise gives a report with nothing in it, not invented figures', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (noise) => {
        const r = parseReport(noise);
        expectWellFormed(r);
        expect(Object.values(r.review).every((v) => v === null)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
