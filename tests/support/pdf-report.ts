/**
 * Lays out a report as Word's PDF export does: prose lines, ruled tables whose merged cells are
 * single boxes, labels wrapped inside their cells, tables broken across pages between rows, and a
 * `- n -` page number at the foot of every page. Output goes to pdf-writer.
 */
import { textWidth, charWidth, type PdfLine, type PdfPage, type PdfText } from './pdf-writer';
import { place, type Placed, type TableSpec } from './table-spec';

export type ReportBlock = { line: string; size?: number } | { table: TableSpec };

const PAGE = { width: 595, height: 842, left: 72, top: 770, bottom: 80, footerY: 40 };
const PAD = 3;
const LEADING = 1.3;

export function layoutReport(blocks: ReportBlock[]): PdfPage[] {
  const pages: PdfPage[] = [newPage()];
  let y = PAGE.top;
  const page = () => pages[pages.length - 1];
  const breakPage = () => {
    pages.push(newPage());
    y = PAGE.top;
  };

  for (const block of blocks) {
    if ('line' in block) {
      const size = block.size ?? 14;
      if (y - size * 2 < PAGE.bottom) breakPage();
      y -= size * 2;
      page().texts.push({ x: PAGE.left, y, size, str: block.line });
      continue;
    }
    const { widths, size } = block.table;
    const placed = place(block.table);
    const rowHeights = block.table.rows.map((_, r) =>
      Math.max(
        20,
        ...placed
          .filter((c) => c.row === r && c.rowspan === 1)
          .map((c) => wrap(c.text, cellWidth(widths, c) - 2 * PAD, size).length * size * LEADING + 2 * PAD),
      ),
    );
    y -= 8;
    /** each row's top y and page index */
    const rowPos: { top: number; page: number }[] = [];
    rowHeights.forEach((h) => {
      if (y - h < PAGE.bottom) breakPage();
      rowPos.push({ top: y, page: pages.length - 1 });
      y -= h;
    });
    const colX = widths.reduce<number[]>((xs, w) => [...xs, xs[xs.length - 1] + w], [PAGE.left]);
    for (const cell of placed) {
      const rows = Array.from({ length: cell.rowspan }, (_, k) => cell.row + k);
      const byPage = new Map<number, number[]>();
      for (const r of rows) byPage.set(rowPos[r].page, [...(byPage.get(rowPos[r].page) ?? []), r]);
      let first = true;
      for (const [p, rs] of byPage) {
        const top = rowPos[rs[0]].top;
        const last = rs[rs.length - 1];
        const bottom = rowPos[last].top - rowHeights[last];
        const left = colX[cell.col];
        const right = colX[cell.col + cell.colspan];
        pages[p].lines.push(...box(left, bottom, right, top));
        if (first) {
          wrap(cell.text, right - left - 2 * PAD, size).forEach((str, i) => {
            pages[p].texts.push({ x: left + PAD, y: top - PAD - size * (i + 1) * LEADING + size * (LEADING - 1), size, str });
          });
          first = false;
        }
      }
    }
  }
  pages.forEach((p, i) => p.texts.push({ x: PAGE.width / 2 - 10, y: PAGE.footerY, size: 12, str: `- ${i + 1} -` }));
  return pages;
}

function newPage(): PdfPage {
  return { width: PAGE.width, height: PAGE.height, texts: [] as PdfText[], lines: [] as PdfLine[] };
}

function cellWidth(widths: number[], cell: Placed): number {
  return widths.slice(cell.col, cell.col + cell.colspan).reduce((a, b) => a + b, 0);
}

/** Breaks text into lines that fit the width, character by character as Chinese text wraps. */
function wrap(text: string, width: number, size: number): string[] {
  if (!text) return [];
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && textWidth(line, size) + charWidth(ch) * size > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  lines.push(line);
  return lines;
}

function box(x1: number, y1: number, x2: number, y2: number): PdfLine[] {
  return [
    { x1, y1: y2, x2, y2 },
    { x1, y1, x2, y2: y1 },
    { x1, y1, x2: x1, y2 },
    { x1: x2, y1, x2, y2 },
  ];
}
