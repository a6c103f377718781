import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxToText } from '../../../scripts/ingest/read/docx';
import { ReadError } from '../../../scripts/ingest/read/errors';
import { pipeRow } from '../../../scripts/ingest/read/rows';
import { writeDocx } from '../../support/docx-writer';
import { sharedFile } from '../../support/shared';
import type { TableSpec } from '../../support/table-spec';
import { SECTIONS, TABLE_2, TABLE_3, TABLE_4, TITLE } from '../../fixtures/huaian-2024-tables';

/** Word users leave a figure blank by typing full-width spaces, as in the official template. */
const WORD_BLANK = '\u3000\u3000';

function withBlank(spec: TableSpec, row: number, cell: number): TableSpec {
  const copy = structuredClone(spec);
  copy.rows[row][cell] = { text: WORD_BLANK };
  return copy;
}

describe('docxToText on a Word report in the official template’s shape', () => {
  const table2 = withBlank(TABLE_2, 2, 2);
  let lines: string[] = [];
  beforeAll(async () => {
    const text = await docxToText(
      writeDocx([
        ...TITLE.map((paragraph) => ({ paragraph, bold: true })),
        { paragraph: SECTIONS[1], bold: true },
        { table: table2 },
        { paragraph: SECTIONS[2], bold: true },
        { table: TABLE_3 },
        { paragraph: SECTIONS[3], bold: true },
        { table: TABLE_4 },
      ]),
    );
    lines = text.split('\n');
  });

  it('gives every table row as a pipe row, merged cells (gridSpan, vMerge) once', () => {
    for (const spec of [table2, TABLE_3, TABLE_4]) {
      for (const row of spec.rows) expect(lines).toContain(pipeRow(row.map((cell) => cell.text)));
    }
    expect(lines).toContain('| 三、本年度办理结果 | （一）予以公开 | 1288 | 21 | 0 | 0 | 50 | 3 | 1362 |');
    expect(lines).toContain('| 72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |');
  });

  it('reads a cell of full-width spaces as a blank cell, not a vanished one', () => {
    expect(lines).toContain('| 规章 | 1 |  | 11 |');
  });

  it('keeps headings as plain lines in document order', () => {
    const at = (line: string) => lines.indexOf(line);
    expect(at(SECTIONS[1])).toBeGreaterThan(at(TITLE[1]));
    expect(at('| 规章 | 1 |  | 11 |')).toBeGreaterThan(at(SECTIONS[1]));
    expect(at(SECTIONS[2])).toBeGreaterThan(at('| 行政事业性收费 | 96171.6 |'));
  });

  it('refuses a corrupt file with a ReadError a user understands', async () => {
    await expect(docxToText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(ReadError);
    await expect(docxToText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(/corrupt or unreadable Word document/);
  });
});

const template = sharedFile('corpus/govnianbao__政务公开年报模版.docx');

describe('docxToText on the real blank official template', () => {
  it.skipIf(!template)('reads its three tables with every figure cell blank', async () => {
    const lines = (await docxToText(readFileSync(template!))).split('\n');
    expect(lines).toContain('| 规章 |  |  |  |');
    expect(lines).toContain('| 一、本年新收政府信息公开申请数量 |  |  |  |  |  |  |  |');
    expect(lines).toContain('| 三、本年度办理结果 | （一）予以公开 |  |  |  |  |  |  |  |');
    expect(lines.filter((l) => l.startsWith('|')).join('\n')).not.toMatch(/\| \d+ \|/);
  });
});
