/**
 * The ingest pipeline's first step: a file's bytes → its text, with tables as pipe rows
 * (rows.ts). The kind of document is decided by its content first and its name second, because
 * reports are often saved under the wrong extension (an HTML page as .txt, a PDF as .pdf.html).
 * The text is returned as read, not normalised: the caller runs normalizeText.
 */
import { declaredCharset, decodeText, latin1 } from './decode';
import { ReadError } from './errors';
import { htmlToText } from './html';

export { ReadError } from './errors';

export interface ReadResult {
  text: string;
  format: 'txt' | 'html' | 'docx' | 'pdf';
  encoding: string | null;
  warnings: string[];
}

const HTML_EXTENSIONS = ['.html', '.htm', '.shtml', '.xhtml'];
const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

/** Extensions readDocument accepts; a file without extension is read as text if it is text. */
export const SUPPORTED_EXTENSIONS: readonly string[] = [...TEXT_EXTENSIONS, ...HTML_EXTENSIONS, '.docx', '.pdf'];

/** Formats people save reports in that cannot be read here, with what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  '.doc': 'old Word format; save it as .docx',
  '.wps': 'WPS format; save it as .docx',
  '.rtf': 'RTF; save it as .docx',
  '.odt': 'OpenDocument text; save it as .docx',
  '.xls': 'Excel workbook',
  '.xlsx': 'Excel workbook',
  '.et': 'WPS spreadsheet',
  '.ppt': 'PowerPoint presentation',
  '.pptx': 'PowerPoint presentation',
  '.ofd': 'OFD document; export it as PDF',
  '.zip': 'ZIP archive; unpack it first',
  '.rar': 'RAR archive; unpack it first',
  '.7z': '7z archive; unpack it first',
};

export async function readDocument(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  if (bytes.length === 0) throw new ReadError('empty file');
  const ext = extension(fileName);
  const kind = sniff(bytes);
  const warnings: string[] = [];

  if (kind === 'pdf' || kind === 'docx') {
    if (ext !== `.${kind}`)
      warnings.push(`the file is named ${ext || 'without extension'} but is a ${kind === 'pdf' ? 'PDF' : 'Word'} document`);
    // Loaded on first use: pdf.js alone adds ~180 MB and ~1 s to every parse worker, and most corpora are text.
    if (kind === 'docx') return { text: await (await import('./docx')).docxToText(bytes), format: 'docx', encoding: null, warnings };
    const pdf = await (await import('./pdf')).readPdf(bytes);
    return { text: pdf.text, format: 'pdf', encoding: null, warnings: [...warnings, ...pdf.warnings] };
  }
  if (kind === 'zip' && ext === '.docx') throw new ReadError('corrupt Word document (.docx): the archive has no word/document.xml');
  if (kind !== 'text') throw new ReadError(unsupported(ext, kind));
  if (ext in UNSUPPORTED) throw new ReadError(unsupported(ext, kind));
  if (ext === '.pdf') throw new ReadError('not a PDF: the file holds text (an error page saved by a failed download?)');
  if (ext === '.docx') throw new ReadError('corrupt Word document (.docx): not a ZIP archive');
  if (ext && !SUPPORTED_EXTENSIONS.includes(ext)) throw new ReadError(`unsupported file type ${ext}`);

  const { text: raw, encoding, cut } = decodeText(bytes);
  if (!raw.trim()) throw new ReadError('empty file');
  if (cut) warnings.push('the file ends in the middle of a character: it was cut off (an interrupted download?)');
  const declared = declaredCharset(bytes);
  if (declared && declared !== encoding && !encoding.startsWith('utf-16')) {
    warnings.push(`the page declares charset ${declared} but its bytes are ${encoding}; read as ${encoding}`);
  }

  const markup = htmlKind(raw, HTML_EXTENSIONS.includes(ext));
  if (markup === 'document') {
    const text = htmlToText(raw);
    if (!text.trim()) throw new ReadError('the HTML page contains no text');
    return { text, format: 'html', encoding, warnings };
  }
  if (markup === 'tables-in-text') {
    const { text, tables } = convertTables(raw);
    warnings.push(`${tables} HTML table(s) inside the text were converted to rows`);
    return { text, format: 'txt', encoding, warnings };
  }
  return { text: raw, format: 'txt', encoding, warnings };
}

function extension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

type Kind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'zip' | 'ole' | 'image' | 'text';

function sniff(bytes: Uint8Array): Kind {
  const head = latin1(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (head.startsWith('PK\x03\x04')) {
    const names = latin1(bytes);
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    if (names.includes('ppt/presentation.xml')) return 'pptx';
    return 'zip';
  }
  if (head.startsWith('\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1')) return 'ole';
  if (/^(\x89PNG|\xFF\xD8\xFF|GIF8|II\*\x00|MM\x00\*|RIFF....WEBP)/s.test(head)) return 'image';
  return 'text';
}

function unsupported(ext: string, kind: Kind): string {
  const what: Record<Kind, string> = {
    pdf: 'PDF',
    docx: 'Word document',
    xlsx: 'Excel workbook',
    pptx: 'PowerPoint presentation',
    zip: 'ZIP archive; unpack it first',
    ole: 'old Microsoft Office format (.doc/.xls); save it as .docx',
    image: 'an image; OCR is not supported',
    text: UNSUPPORTED[ext] ?? 'not a text, HTML, Word or PDF document',
  };
  return `unsupported file type ${ext || '(no extension)'} (${what[kind]})`;
}

const DOCUMENT_TAG = /<(?:!doctype\s+html|html|head|body)[\s>]/i;
const BLOCK_TAG = /<(?:p|div|br|span|h[1-6]|li|font)\b[^>]*>/gi;

/**
 * An HTML page (whatever its name), a text whose tables are HTML fragments (Markdown from PDF
 * converters writes merged-cell tables so), or plain text.
 */
function htmlKind(text: string, namedHtml: boolean): 'document' | 'tables-in-text' | 'none' {
  if (!text.includes('<')) return 'none';
  if (DOCUMENT_TAG.test(text)) return 'document';
  const outside = /<table\b/i.test(text) ? convertTables(text, () => '').text : text;
  const blocks = outside.match(BLOCK_TAG)?.length ?? 0;
  if (outside !== text) return blocks > 0 ? 'document' : 'tables-in-text';
  if (blocks >= 3 || (namedHtml && /<[a-z][^>]*>/i.test(text))) return 'document';
  return 'none';
}

/** Replaces each outermost `<table>…</table>` by its pipe rows; text around it is kept as is. */
function convertTables(text: string, render: (html: string) => string = htmlToText): { text: string; tables: number } {
  let out = '';
  let depth = 0;
  let start = 0;
  let kept = 0;
  let tables = 0;
  for (const m of text.matchAll(/<(\/?)table\b[^>]*>/gi)) {
    if (!m[1]) {
      if (depth++ === 0) start = m.index;
    } else if (depth > 0 && --depth === 0) {
      const end = m.index + m[0].length;
      out += `${text.slice(kept, start)}\n${render(text.slice(start, end))}\n`;
      kept = end;
      tables++;
    }
  }
  return { text: out + text.slice(kept), tables };
}
