import iconv from 'iconv-lite';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ReadError, SUPPORTED_EXTENSIONS, readDocument } from '../../../scripts/ingest/read/index';
import { writeDocx } from '../../support/docx-writer';
import { writePdf } from '../../support/pdf-writer';
import { TABLE_4 } from '../../fixtures/huaian-2024-tables';

const utf8 = (s: string) => new TextEncoder().encode(s);
const PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>一、总体情况</p><table><tr><td>规章</td><td>1</td><td></td></tr></table></body></html>';

describe('readDocument: choosing the reader', () => {
  it('keeps plain text and Markdown exactly as they are', async () => {
    const md = '# 2024年政府信息公开工作年度报告\n\n| 规章 | 1 | 0 | 11 |\n|  行政许可 | 5 |\n';
    expect(await readDocument(utf8(md), 'report.md')).toEqual({ text: md, format: 'txt', encoding: 'utf-8', warnings: [] });
    expect((await readDocument(utf8(md), 'README')).text).toBe(md);
  });

  it('reads an HTML page as HTML even when it is named .txt', async () => {
    const result = await readDocument(utf8(PAGE), 'saved-page.txt');
    expect(result).toMatchObject({ format: 'html', encoding: 'utf-8', text: '一、总体情况\n| 规章 | 1 |  |' });
  });

  it('converts HTML tables inside Markdown to rows and keeps the rest of the text as is', async () => {
    const md =
      '一、总体情况\n正文第一行。\n<table><tr><td colspan="2">第二十条第（一）项</td></tr><tr><td>规章</td><td>&nbsp;</td></tr></table>\n五、存在的主要问题';
    const result = await readDocument(utf8(md), 'converted.md');
    expect(result.format).toBe('txt');
    expect(result.text.split('\n').filter(Boolean)).toEqual([
      '一、总体情况',
      '正文第一行。',
      '| 第二十条第（一）项 |',
      '| 规章 |  |',
      '五、存在的主要问题',
    ]);
    expect(result.warnings).toEqual(['1 HTML table(s) inside the text were converted to rows']);
  });

  it('reads GBK text and says which encoding it found', async () => {
    const result = await readDocument(iconv.encode('规章 1 0 11\n', 'gbk'), 'gbk.txt');
    expect(result).toEqual({ text: '规章 1 0 11\n', format: 'txt', encoding: 'gb18030', warnings: [] });
  });

  it('warns when a page declares a charset its bytes do not have', async () => {
    const page = '<html><head><meta charset="utf-8"></head><body>规章</body></html>';
    const result = await readDocument(iconv.encode(page, 'gbk'), 'page.html');
    expect(result.encoding).toBe('gb18030');
    expect(result.text).toBe('规章');
    expect(result.warnings).toEqual(['the page declares charset utf-8 but its bytes are gb18030; read as gb18030']);
  });

  it('recognises PDF and Word content whatever the file is called, with a warning', async () => {
    const pdf = await readDocument(writePdf([{ texts: [{ x: 72, y: 700, size: 12, str: '一、总体情况' }], lines: [] }]), 'download.html');
    expect(pdf).toEqual({
      text: '一、总体情况',
      format: 'pdf',
      encoding: null,
      warnings: ['the file is named .html but is a PDF document'],
    });
    const docx = await readDocument(
      writeDocx([{ paragraph: '四、政府信息公开行政复议、行政诉讼情况' }, { table: TABLE_4 }]),
      'report.docx',
    );
    expect(docx.format).toBe('docx');
    expect(docx.warnings).toEqual([]);
    expect(docx.text.split('\n')).toContain('| 72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |');
  });

  it('lists the extensions it reads', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(expect.arrayContaining(['.txt', '.md', '.html', '.htm', '.docx', '.pdf']));
    expect(SUPPORTED_EXTENSIONS).not.toContain('.doc');
  });
});

describe('readDocument: refusals a user can act on', () => {
  const refuses = async (bytes: Uint8Array, name: string, message: string | RegExp) => {
    const attempt = readDocument(bytes, name);
    await expect(attempt).rejects.toBeInstanceOf(ReadError);
    await expect(attempt).rejects.toThrow(message);
  };

  it('refuses empty files', async () => {
    await refuses(new Uint8Array(), 'a.txt', 'empty file');
    await refuses(utf8(' \n\u3000\n'), 'a.txt', 'empty file');
  });

  it('names unsupported types', async () => {
    await refuses(utf8('a,b\n1,2\n'), 'table.xls', 'unsupported file type .xls');
    await refuses(utf8('{"a": 1}'), 'report.json', 'unsupported file type .json');
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await refuses(ole, 'report.doc', /unsupported file type \.doc \(old Microsoft Office format.*save it as \.docx\)/);
    await refuses(
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'scan.png',
      /image; OCR is not supported/,
    );
    await refuses(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }), 'tables.xlsx', 'unsupported file type .xlsx (Excel workbook)');
  });

  it('refuses a file whose name promises PDF or Word but whose content is not', async () => {
    await refuses(utf8('<html><body>404 Not Found</body></html>'), 'report.pdf', /not a PDF/);
    await refuses(utf8('规章'), 'report.docx', /not a ZIP archive/);
    await refuses(zipSync({ 'content.xml': strToU8('<doc/>') }), 'report.docx', /has no word\/document.xml/);
  });

  it('refuses binary data that is no known format', async () => {
    await refuses(
      Uint8Array.from([0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x13, 0x37]),
      'data',
      'not a text, HTML, Word or PDF document (binary data)',
    );
  });
});
