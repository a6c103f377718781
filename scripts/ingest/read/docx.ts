/**
 * Word → text through mammoth's HTML, which keeps merged cells as colspan/rowspan, so Word tables
 * come out in exactly the pipe-row layout HTML tables do.
 */
import mammoth from 'mammoth';
import { ReadError } from './errors';
import { htmlToText } from './html';

/** Pictures are never read (no OCR); leaving them out spares base64-encoding every image. */
const noImages = mammoth.images.imgElement(async () => ({ src: '' }));

export async function docxToText(bytes: Uint8Array): Promise<string> {
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    html = (await mammoth.convertToHtml({ buffer }, { convertImage: noImages })).value;
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    const detail = /zip|central directory/i.test(message) ? 'not a valid ZIP archive' : message;
    throw new ReadError(`corrupt or unreadable Word document (.docx): ${detail}`, { cause: error });
  }
  const text = htmlToText(html);
  if (!text.trim()) throw new ReadError('the Word document contains no text (pictures only?); OCR is not supported');
  return text;
}
