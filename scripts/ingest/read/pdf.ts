/**
 * PDF → text with pdfjs: each page's positioned strings and drawn rules go to pdf-layout.ts, which
 * rebuilds lines and table rows. Only PDFs with a text layer can be read; scans need OCR.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { ReadError } from './errors';
import { layoutPages, type PageLayout, type Rule, type TextItem } from './pdf-layout';

/** Chinese PDFs often use the predefined CMaps (UniGB-UCS2-H …) that pdfjs ships beside its build. */
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export interface PdfText {
  text: string;
  warnings: string[];
}

export async function pdfToText(bytes: Uint8Array): Promise<string> {
  return (await readPdf(bytes)).text;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const doc = await open(bytes);
  try {
    const pages: PageLayout[] = [];
    const blank: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const layout = { items: await textItems(page), rules: await rules(page) };
      if (!layout.items.some((item) => item.str.trim())) blank.push(n);
      pages.push(layout);
      page.cleanup();
    }
    if (blank.length === doc.numPages) {
      throw new ReadError('PDF has no text layer (scanned image); OCR is not supported');
    }
    const warnings = blank.length ? [`PDF pages without text (scanned or blank), not read: ${blank.join(', ')}`] : [];
    return { text: layoutPages(pages).join('\n'), warnings };
  } finally {
    await doc.destroy();
  }
}

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await getDocument({
      data: new Uint8Array(bytes),
      cMapUrl: `${PDFJS_DIR}/cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'PasswordException') {
      throw new ReadError('PDF is password-protected; remove the password and try again', { cause: error });
    }
    throw new ReadError(`corrupt or unreadable PDF: ${(error as Error)?.message ?? error}`, { cause: error });
  }
}

async function textItems(page: PDFPageProxy): Promise<TextItem[]> {
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const [a, b, c, d, x, y] = item.transform as number[];
    items.push({ str: item.str, x, y, width: item.width, height: Math.hypot(c, d) || Math.hypot(a, b) });
  }
  return items;
}

type Matrix = [number, number, number, number, number, number];

const STROKES = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
/** A filled rectangle thinner than this (pt) is a border drawn as a bar, as Word's PDF export does. */
const BAR_WIDTH = 2.5;

/**
 * The page's straight lines in page space: stroked path segments and thin filled bars. pdfjs gives
 * paths in the coordinates of the moment, so the transformation matrix is tracked through
 * save/restore, cm and form XObjects.
 */
async function rules(page: PDFPageProxy): Promise<Rule[]> {
  const ops = await page.getOperatorList();
  const out: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (args[0]) ctm = multiply(args[0] as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const [paintOp, [data]] = args as [number, [ArrayLike<number> | null]];
      if (!data) continue;
      if (STROKES.has(paintOp)) out.push(...segments(data, ctm));
      else if (FILLS.has(paintOp)) out.push(...bars(data, ctm));
    }
  }
  return out;
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** pdfjs path data: an opcode (0 moveTo, 1 lineTo, 2 curveTo, 3 quadraticCurveTo, 4 closePath) then its points. */
function* subpaths(data: ArrayLike<number>, ctm: Matrix): Generator<{ points: [number, number][]; closed: boolean }> {
  let points: [number, number][] = [];
  let closed = false;
  let i = 0;
  while (i < data.length) {
    const op = data[i++];
    if (op === 0) {
      if (points.length) yield { points, closed };
      points = [apply(ctm, data[i], data[i + 1])];
      closed = false;
      i += 2;
    } else if (op === 1) {
      points.push(apply(ctm, data[i], data[i + 1]));
      i += 2;
    } else if (op === 2) {
      points.push(apply(ctm, data[i + 4], data[i + 5]));
      i += 6;
    } else if (op === 3) {
      points.push(apply(ctm, data[i + 2], data[i + 3]));
      i += 4;
    } else if (op === 4) {
      closed = true;
    } else {
      break;
    }
  }
  if (points.length) yield { points, closed };
}

function segments(data: ArrayLike<number>, ctm: Matrix): Rule[] {
  const out: Rule[] = [];
  for (const { points, closed } of subpaths(data, ctm)) {
    const ring = closed ? [...points, points[0]] : points;
    for (let k = 1; k < ring.length; k++) {
      out.push({ x1: ring[k - 1][0], y1: ring[k - 1][1], x2: ring[k][0], y2: ring[k][1] });
    }
  }
  return out;
}

function bars(data: ArrayLike<number>, ctm: Matrix): Rule[] {
  const out: Rule[] = [];
  for (const { points } of subpaths(data, ctm)) {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (y2 - y1 <= BAR_WIDTH && x2 - x1 > BAR_WIDTH) out.push({ x1, y1: (y1 + y2) / 2, x2, y2: (y1 + y2) / 2 });
    else if (x2 - x1 <= BAR_WIDTH && y2 - y1 > BAR_WIDTH) out.push({ x1: (x1 + x2) / 2, y1, x2: (x1 + x2) / 2, y2 });
  }
  return out;
}
