/**
 * A minimal .docx writer for tests, shaped like the official template (政务公开年报模版.docx):
 * paragraphs, and tables whose merged cells are gridSpan (across) and vMerge (down), with blank
 * cells holding full-width spaces as Word users type them.
 */
import { strToU8, zipSync } from 'fflate';
import { place, type TableSpec } from './table-spec';

export type DocxBlock = { paragraph: string; bold?: boolean } | { table: TableSpec };

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

export function writeDocx(blocks: DocxBlock[]): Uint8Array {
  const body = blocks.map((b) => ('table' in b ? table(b.table) : paragraph(b.paragraph, b.bold))).join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(document),
  });
}

function paragraph(text: string, bold = false): string {
  const props = bold ? '<w:rPr><w:b/></w:rPr>' : '';
  return `<w:p><w:r>${props}<w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;
}

/** Word keeps one w:tc per grid slot run: a cell merged from above is repeated with <w:vMerge/>. */
function table(spec: TableSpec): string {
  const placed = place(spec);
  const grid = spec.widths.map((w) => `<w:gridCol w:w="${Math.round(w * 20)}"/>`).join('');
  const rows = spec.rows.map((_, r) => {
    const cells: string[] = [];
    let col = 0;
    while (col < spec.widths.length) {
      const origin = placed.find((p) => p.col === col && p.row <= r && r < p.row + p.rowspan);
      if (!origin) {
        col++;
        continue;
      }
      const span = origin.colspan > 1 ? `<w:gridSpan w:val="${origin.colspan}"/>` : '';
      const merge = origin.rowspan > 1 ? (origin.row === r ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>') : '';
      const content = origin.row === r ? paragraph(origin.text) : '<w:p/>';
      cells.push(`<w:tc><w:tcPr>${span}${merge}</w:tcPr>${content}</w:tc>`);
      col += origin.colspan;
    }
    return `<w:tr>${cells.join('')}</w:tr>`;
  });
  return `<w:tbl><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
