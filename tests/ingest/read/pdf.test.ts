import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReadError } from '../../../scripts/ingest/read/errors';
import { pdfToText, readPdf } from '../../../scripts/ingest/read/pdf';
import { pipeRow } from '../../../scripts/ingest/read/rows';
import { layoutReport, type ReportBlock } from '../../support/pdf-report';
import { writePdf } from '../../support/pdf-writer';
import { sharedFile } from '../../support/shared';
import type { TableSpec } from '../../support/table-spec';
import { PROSE, SECTIONS, TABLE_2, TABLE_3, TABLE_4, TITLE } from '../../fixtures/huaian-2024-tables';

const table2 = structuredClone(TABLE_2);
table2.rows[3][2] = { text: '' };

function report(): ReportBlock[] {
  return [
    ...TITLE.map((line) => ({ line, size: 22 })),
    { line: SECTIONS[0] },
    { line: PROSE },
    { line: SECTIONS[1] },
    { table: table2 },
    { line: SECTIONS[2] },
    { table: TABLE_3 },
    { line: SECTIONS[3] },
    { table: TABLE_4 },
    { line: SECTIONS[4] },
    { line: PROSE },
  ];
}

/** Rows of a table cut by a page break start with the empty remainder of the merged cells beside them. */
const expectRows = (lines: string[], spec: TableSpec) => {
  for (const row of spec.rows) {
    const expected = pipeRow(row.map((cell) => cell.text));
    expect(
      lines.some((line) => line.endsWith(expected)),
      expected,
    ).toBe(true);
  }
};

describe('pdfToText on a generated report in the shape of 淮安市 2024 (ruled tables, page breaks)', () => {
  const pages = layoutReport(report());
  let lines: string[] = [];
  beforeAll(async () => {
    lines = (await pdfToText(writePdf(pages))).split('\n');
  });

  it('spans more than one page, so the page-break handling is exercised', () => {
    expect(pages.length).toBeGreaterThan(1);
  });

  it('rebuilds every table row from the rules, merged cells once, in order', () => {
    for (const spec of [table2, TABLE_3, TABLE_4]) expectRows(lines, spec);
    expect(lines).toContain('| 72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |');
    expect(lines).toContain('| 三、本年度办理结果 | （一）予以公开 | 1288 | 21 | 0 | 0 | 50 | 3 | 1362 |');
    expect(lines).toContain('| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 447 | 7 | 0 | 0 | 0 | 0 | 454 |');
  });

  it('keeps a cell with no text as an empty cell', () => {
    expect(lines).toContain('| 行政规范性文件 | 8 |  | 66 |');
  });

  it('drops the page-number footers so a table runs on across pages', () => {
    expect(lines.filter((l) => /^- \d+ -$/.test(l))).toEqual([]);
    const first = lines.indexOf(pipeRow(TABLE_3.rows[3].map((c) => c.text)));
    const last = lines.indexOf(pipeRow(TABLE_3.rows[TABLE_3.rows.length - 1].map((c) => c.text)));
    expect(lines.slice(first, last + 1).every((l) => l.startsWith('|'))).toBe(true);
  });

  it('gives headings and prose as plain lines in reading order', () => {
    const at = (l: string) => lines.indexOf(l);
    expect(at(TITLE[0])).toBe(0);
    expect(SECTIONS.slice(0, 5).map(at)).toEqual([...SECTIONS.slice(0, 5).map(at)].sort((a, b) => a - b));
    expect(at(SECTIONS[1])).toBeLessThan(at('| 规章 | 1 | 0 | 11 |'));
    expect(at(SECTIONS[4])).toBeGreaterThan(at('| 72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |'));
  });
});

describe('pdfToText refusals', () => {
  it('refuses a PDF without a text layer, saying OCR is not supported', async () => {
    const scanned = writePdf([{ texts: [], lines: [{ x1: 10, y1: 10, x2: 500, y2: 800 }] }]);
    await expect(pdfToText(scanned)).rejects.toThrow('PDF has no text layer (scanned image); OCR is not supported');
  });

  it('refuses a password-protected PDF', async () => {
    const locked = writePdf([{ texts: [{ x: 72, y: 700, size: 12, str: '规章' }], lines: [] }], { encrypted: true });
    await expect(pdfToText(locked)).rejects.toThrow(/password-protected/);
  });

  it('refuses a corrupt PDF with a ReadError', async () => {
    await expect(pdfToText(new TextEncoder().encode('%PDF-1.7\nnot really'))).rejects.toThrow(ReadError);
  });

  it('warns about pages without text in a PDF that has text elsewhere', async () => {
    const pdf = writePdf([
      { texts: [{ x: 72, y: 700, size: 12, str: '一、总体情况' }], lines: [] },
      { texts: [], lines: [] },
    ]);
    const result = await readPdf(pdf);
    expect(result.text).toBe('一、总体情况');
    expect(result.warnings).toEqual(['PDF pages without text (scanned or blank), not read: 2']);
  });
});

/** The real reports of ../shared/corpus with the figures its README gives. */
const corpus = [
  {
    file: 'corpus/govnianbao__szfgs2024.pdf',
    rows: [
      '| 第二十条第（一）项 |',
      '| 规章 | 1 | 0 | 11 |',
      '| 行政规范性文件 | 8 | 26 | 66 |',
      '| 行政许可 | 447228 |',
      '| 行政处罚 | 3985758 |',
      '| 行政强制 | 88283 |',
      '| 行政事业性收费 | 96171.6 |',
      '| 一、本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3119 |',
      '| 二、上年结转政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34 |',
      '| 三、本年度办理结果 | （一）予以公开 | 1288 | 21 | 0 | 0 | 50 | 3 | 1362 |',
      '| （七）总计 | 2932 | 53 | 0 | 0 | 61 | 4 | 3050 |',
      '| 四、结转下年度继续办理 | 103 | 0 | 0 | 0 | 0 | 0 | 103 |',
      '| 72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |',
    ],
  },
  {
    file: 'corpus/KIROGOVCOMPARE__hzq2023_working.pdf',
    rows: [
      '| 规章 | 0 | 0 | 0 |',
      '| 行政规范性文件 | 0 | 5 | 5 |',
      '| 行政许可 | 550 |',
      '| 行政处罚 | 4119 |',
      '| 行政强制 | 195 |',
      '| 行政事业性收费 | 7730.28 |',
      '| 一、本年新收政府信息公开申请数量 | 21 | 0 | 0 | 0 | 0 | 0 | 21 |',
      '| （七）总计 | 21 | 0 | 0 | 0 | 0 | 0 | 21 |',
      '| 10 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 0 |',
    ],
  },
  {
    file: 'corpus/KIROGOVCOMPARE__hzq2024_working.pdf',
    rows: [
      '| 行政规范性文件 | 3 | 0 | 8 |',
      '| 行政许可 | 9487 |',
      '| 行政处罚 | 2776 |',
      '| 行政事业性收费 | 7545 |',
      '| 一、本年新收政府信息公开申请数量 | 95 | 0 | 0 | 0 | 0 | 0 | 95 |',
    ],
  },
];

describe.each(corpus)('pdfToText on the real $file', ({ file, rows }) => {
  const found = sharedFile(file);
  let lines: string[] = [];
  beforeAll(async () => {
    if (found) lines = (await pdfToText(readFileSync(found))).split('\n');
  });

  it.skipIf(!found)('gives the known figures as pipe rows', () => {
    for (const row of rows) expect(lines).toContain(row);
  });

  it.skipIf(!found)('keeps the section headings on their own lines and drops the page numbers', () => {
    for (const heading of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '五、存在的主要问题及改进情况',
    ]) {
      expect(lines).toContain(heading);
    }
    expect(lines.filter((l) => /^- \d+ -$/.test(l.trim()))).toEqual([]);
  });
});
