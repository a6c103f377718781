/**
 * A minimal PDF writer for tests: Chinese text through a Type0 font whose CIDs are the Unicode code
 * points, mapped back by a ToUnicode CMap. No font program is embedded — text extraction needs only
 * the CMap and the widths, so tests need no font file.
 */

export interface PdfText {
  x: number;
  y: number;
  size: number;
  str: string;
}

export interface PdfLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPage {
  width?: number;
  height?: number;
  texts: PdfText[];
  lines: PdfLine[];
}

export interface PdfOptions {
  /** adds an /Encrypt dictionary that no empty password opens */
  encrypted?: boolean;
}

/** Width in em of a character: half for ASCII as in the Song/Fangsong fonts reports use, full otherwise. */
export function charWidth(ch: string): number {
  return ch.codePointAt(0)! < 0x80 ? 0.5 : 1;
}

export function textWidth(str: string, size: number): number {
  return [...str].reduce((w, ch) => w + charWidth(ch) * size, 0);
}

export function writePdf(pages: PdfPage[], options: PdfOptions = {}): Uint8Array {
  const chars = new Set<number>();
  for (const page of pages) for (const t of page.texts) for (const ch of t.str) chars.add(ch.codePointAt(0)!);
  for (const cp of chars) if (cp > 0xffff) throw new Error(`pdf-writer: character outside the BMP: U+${cp.toString(16)}`);

  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('');
  const cidFont = add('');
  const descriptor = add('');
  const toUnicode = add(stream(toUnicodeCMap([...chars].sort((a, b) => a - b))));
  const ascii = [...chars].filter((cp) => cp < 0x80).sort((a, b) => a - b);
  objects[
    font - 1
  ] = `<< /Type /Font /Subtype /Type0 /BaseFont /NianbaoTestSong /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`;
  objects[cidFont - 1] =
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NianbaoTestSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
    `/FontDescriptor ${descriptor} 0 R /DW 1000 /W [${ascii.map((cp) => `${cp} [500]`).join(' ')}] /CIDToGIDMap /Identity >>`;
  objects[descriptor - 1] =
    '<< /Type /FontDescriptor /FontName /NianbaoTestSong /Flags 4 /FontBBox [0 -140 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>';

  const kids: number[] = [];
  for (const page of pages) {
    const content = add(stream(pageContent(page)));
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${page.width ?? 595} ${
          page.height ?? 842
        }] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const encrypt = options.encrypted
    ? add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> >>`)
    : 0;

  let out = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  const id = '<0123456789abcdef0123456789abcdef>';
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${
    encrypt ? ` /Encrypt ${encrypt} 0 R` : ''
  } /ID [${id} ${id}] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

function stream(data: string): string {
  return `<< /Length ${data.length} >>\nstream\n${data}\nendstream`;
}

function pageContent(page: PdfPage): string {
  const ops: string[] = ['0.5 w'];
  for (const l of page.lines) ops.push(`${n(l.x1)} ${n(l.y1)} m ${n(l.x2)} ${n(l.y2)} l S`);
  for (const t of page.texts) {
    const hex = [...t.str].map((ch) => ch.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
    ops.push(`BT /F1 ${n(t.size)} Tf 1 0 0 1 ${n(t.x)} ${n(t.y)} Tm <${hex}> Tj ET`);
  }
  return ops.join('\n');
}

function n(v: number): string {
  return Number(v.toFixed(2)).toString();
}

function toUnicodeCMap(cps: number[]): string {
  const hex = (cp: number) => `<${cp.toString(16).padStart(4, '0')}>`;
  const blocks: string[] = [];
  for (let i = 0; i < cps.length; i += 100) {
    const chunk = cps.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map((cp) => `${hex(cp)} ${hex(cp)}`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
