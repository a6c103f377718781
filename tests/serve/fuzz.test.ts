/**
 * Fuzzing what strangers control: the text and bytes of an uploaded file (reader, parser, staging) and
 * every page's URL state. Nothing may throw but a ReadError in words, and a URL state written back
 * and read again is the same state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stageReport } from '../../scripts/ingest/load/stage';
import { parseReport } from '../../scripts/ingest/parse/index';
import { incompleteParts, isAnnualReport } from '../../scripts/ingest/parse/recognize';
import { ReadError, readDocument } from '../../scripts/ingest/read/index';
import {
  parseCell,
  parseCompare,
  parseDivision,
  parseList,
  parseOverview,
  parseQuality,
  parseYears,
  serializeCompare,
  serializeList,
  serializeOverview,
  serializeQuality,
} from '../../app/lib/view-state';

/** Pieces of real reports, so that random strings reach the parser's table and header paths. */
const PIECES = [
  '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '规章', '行政规范性文件',
  '本年新收政府信息公开申请数量', '予以公开', '（七）总计', '结转下年度继续办理', '自然人', '商业企业', '总计', '|', ' | ', '\n', '\t',
  '0', '12', '-5', '+3', '1.5', '—', '/', '无', '１２', '年度报告', '政府信息公开工作', '2022年', '截止至2023年12月31日', '人民政府',
  '红土崖镇', '浑江区', '<table><tr><td>', '</td></tr></table>', '規(guī)章', '\u0000', '\uFFFD', '\u001f', '💥', 'Ⅻ', '⑴',
];
const reportish = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.nat({ max: 1e9 }).map(String)), { maxLength: 200 }).map((p) => p.join(''));

describe('the parser, fuzzed', () => {
  it('turns any text into a report that stages, or an error in words from staging, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(reportish, fc.string({ unit: 'binary', maxLength: 2000 })), (text) => {
        const report = parseReport(text, { source: 'fuzz.txt', withText: true });
        expect(typeof isAnnualReport(report, report.text ?? '')).toBe('boolean');
        expect(Array.isArray(incompleteParts(report))).toBe(true);
        try {
          const staged = stageReport(report, { path: 'fuzz.txt', sha256: '0'.repeat(64), format: 'txt', encoding: 'utf-8' });
          expect(staged.figures.key.length).toBe(staged.figures.value.length);
        } catch (e) {
          // staging refuses what the database must not hold, in words
          expect(e).toBeInstanceOf(Error);
          expect((e as Error).message).toMatch(/control character|not a|unknown/);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('reads any bytes under any name as text or refuses them with a ReadError', async () => {
    const names = fc.constantFrom('a.txt', 'a.html', 'a.pdf', 'a.docx', 'a.zip', 'a', 'a.xlsx', 'a.doc', '报告.TXT');
    const heads = fc.constantFrom('', '%PDF-1.7\n', 'PK\u0003\u0004', '\u00ef\u00bb\u00bf', '\u00ff\u00fe', '<html><meta charset="gbk">');
    await fc.assert(
      fc.asyncProperty(heads, fc.uint8Array({ maxLength: 3000 }), names, async (head, body, name) => {
        const bytes = new Uint8Array([...Uint8Array.from(head, (c) => c.charCodeAt(0)), ...body]);
        try {
          const doc = await readDocument(bytes, name);
          expect(typeof doc.text).toBe('string');
          parseReport(doc.text);
        } catch (e) {
          expect(e).toBeInstanceOf(ReadError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the URL state, fuzzed', () => {
  const KEYS = ['u', 'in', 'y', 'g', 'view', 'pct', 'decal', 'q', 'all', 'cell', 'checks', 'cols', 'data', 'page', 'size', 'sort', 'tpl', 'unit', 'rule', 'zz'];
  const value = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('2019-2023', '2023', '320813', '320813,320831', '99999999999999999999', '-1', 'NaN', '1e400', "' OR 1=1 --", '%', '%E4', '__proto__', 'constructor'),
  );
  const query = fc.oneof(
    fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 12 }).map((pairs) => new URLSearchParams(pairs).toString()),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

  it('parses any query string without throwing, and what it writes back reads as the same state', () => {
    const pages = [
      [parseCompare, serializeCompare],
      [parseList, serializeList],
      [parseOverview, serializeOverview],
      [parseQuality, serializeQuality],
    ] as const;
    fc.assert(
      fc.property(query, (q) => {
        for (const [parse, serialize] of pages) {
          const state = (parse as (q: string) => unknown)(q);
          const again = (parse as (q: string) => unknown)((serialize as (s: unknown) => string)(state));
          expect(again).toEqual(state);
        }
        parseCell(q);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads any year range and division text as valid or as nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const years = parseYears(text);
        if (years) expect(years.from).toBeLessThanOrEqual(years.to);
        const division = parseDivision(text);
        if (division !== null) expect(division).toMatch(/^\d+$/);
      }),
      { numRuns: 1000 },
    );
  });
});
