/**
 * toSimplified converts only the pieces of a text that OpenCC can change; its result must be the
 * converter's own result on the whole text, character for character.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { toSimplified } from '../../scripts/ingest/parse/simplified';
import { fixture } from '../support/shared';

const whole = Converter({ from: 'tw', to: 'cn' });

describe('toSimplified', () => {
  it('gives what converting the whole text gives, on real traditional report text', () => {
    const texts = readdirSync(fixture('meta')).map((f) => readFileSync(path.join(fixture('meta'), f), 'utf8').normalize('NFKC'));
    const traditional = texts.filter((t) => whole(t) !== t);
    expect(traditional.length).toBeGreaterThan(0);
    for (const t of traditional) {
      expect(toSimplified(t)).toBe(whole(t));
      // Text the converter leaves alone is returned as it is.
      const simplified = whole(t);
      if (whole(simplified) === simplified) expect(toSimplified(simplified)).toBe(simplified);
    }
  });

  // Phrases the dictionaries convert as words (乾淨, 著作, 頭髮), characters converted alone, characters
  // outside every dictionary, a character beyond the BMP, and an ideographic description character,
  // which the converter steps over together with what follows it.
  const pieces = ['乾', '淨', '著', '作', '頭', '髮', '總', '體', '情', '況', '規', '章', '數', '據', '開', '報', '的', '了', '年', '𠄢', '⿰', '⿱', '0', '7', ',', '。', '、', '\n', ' ', '|', '(', ')', 'a'];
  it('gives what converting the whole text gives, on any mix of convertible and inert characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        expect(toSimplified(text)).toBe(whole(text));
      }),
      { numRuns: 2000 },
    );
  });
});
