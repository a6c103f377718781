import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../scripts/ingest/read/decode';
import { ReadError } from '../../../scripts/ingest/read/errors';

const REPORT = '淮安市人民政府2024年政府信息公开工作年度报告\n| 规章 | 1 | 0 | 11 |\n行政事业性收费 96171.6 万元\n';
const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, dropping the BOM', () => {
    expect(decodeText(utf8(REPORT))).toEqual({ text: REPORT, encoding: 'utf-8' });
    expect(decodeText(concat([0xef, 0xbb, 0xbf], utf8(REPORT)))).toEqual({ text: REPORT, encoding: 'utf-8' });
  });

  it('keeps every character of UTF-8 text: astral Han, a ZWNBSP inside, NBSP, the euro sign', () => {
    const text = `${REPORT}𠀀𪚥 条\uFEFF例 1\u00A02 €\n`;
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(concat([0xef, 0xbb, 0xbf], utf8(`\uFEFF${text}`)))).toEqual({ text: `\uFEFF${text}`, encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decodeText(concat([0xff, 0xfe], iconv.encode(REPORT, 'utf-16le')))).toEqual({ text: REPORT, encoding: 'utf-16le' });
    expect(decodeText(concat([0xfe, 0xff], iconv.encode(REPORT, 'utf-16be')))).toEqual({ text: REPORT, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a BOM by the NUL bytes of its ASCII characters', () => {
    expect(decodeText(iconv.encode(REPORT, 'utf-16le'))).toEqual({ text: REPORT, encoding: 'utf-16le' });
    expect(decodeText(iconv.encode(REPORT, 'utf-16be'))).toEqual({ text: REPORT, encoding: 'utf-16be' });
  });

  it('reads GB18030 and GBK bytes, which are not valid UTF-8', () => {
    const text = `${REPORT}𠀀 and 4-byte GB18030 only characters: €\n`;
    expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeText(iconv.encode(REPORT, 'gbk'))).toEqual({ text: REPORT, encoding: 'gb18030' });
  });

  it('prefers GBK when the same bytes read as UTF-8 give no Chinese at all', () => {
    // 一业为 in GBK is D2BB D2B5 CEAA: also valid UTF-8 (Cyrillic/Greek letters).
    const page = '<html><head><meta charset="gbk"></head><body><p>2024 一业为</p></body></html>';
    expect(decodeText(iconv.encode(page, 'gbk'))).toEqual({ text: page, encoding: 'gb18030' });
  });

  it('keeps UTF-8 when a page declares GBK but its bytes are UTF-8 Chinese', () => {
    const page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>规章</body></html>';
    expect(decodeText(utf8(page))).toEqual({ text: page, encoding: 'utf-8' });
  });

  it('reads Big5 when the page declares it', () => {
    const page = '<html><head><meta charset="big5"></head><body>政府資訊公開 規章 1 件</body></html>';
    expect(decodeText(iconv.encode(page, 'big5'))).toEqual({ text: page, encoding: 'big5' });
  });

  it('refuses binary data and bytes no encoding reads cleanly, instead of returning mojibake', () => {
    expect(() => decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]))).toThrow(
      ReadError,
    );
    expect(() => decodeText(Uint8Array.from([0x41, 0xff, 0xfe, 0x80, 0x42, 0xff]))).toThrow(/cannot decode/);
    // valid GB18030 pairs around control characters: text no one wrote
    expect(() => decodeText(Uint8Array.from([0x81, 0x40, 0x01, 0x02, 0x03, 0x81, 0x41, 0x04]))).toThrow(ReadError);
  });
});
