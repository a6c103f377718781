/**
 * The report files inside a ZIP archive, refused entry by entry when they could hurt: a path that
 * climbs out (`..`) or starts at the root, more entries or more bytes than the limits, a compression
 * ratio only a zip bomb has, an archive inside the archive. Sizes are checked from the archive's
 * directory before anything is inflated, and each entry is inflated into a buffer of its declared
 * size, so an entry lying about its size cannot grow past it.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { megabytes, type UploadLimits } from './upload-limits';

export interface Entry {
  name: string;
  bytes: Uint8Array;
}

export interface Refused {
  name: string;
  error: string;
}

/** ZIP names without the UTF-8 flag are usually GBK (Windows in Chinese); fflate reads them as Latin-1. */
export function entryName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  return name;
}

export function unsafePath(name: string): boolean {
  return /^([\\/]|[a-z]:)/i.test(name) || name.split(/[\\/]/).includes('..');
}

const SKIPPED = /(^|\/)(__MACOSX|\.DS_Store$|Thumbs\.db$|\.)/;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

export function unzipReports(archive: string, bytes: Uint8Array, limits: UploadLimits): { entries: Entry[]; refused: Refused[] } {
  const refused: Refused[] = [];
  const wanted: UnzipFileInfo[] = [];
  let total = 0;
  let count = 0;
  let listed: Record<string, Uint8Array>;
  try {
    // First pass: the directory only (the filter inflates nothing it refuses).
    unzipSync(bytes, {
      filter: (f) => {
        count++;
        const name = entryName(f.name);
        const at = `${archive}/${name}`;
        if (unsafePath(name)) refused.push({ name: at, error: '压缩包内的路径不安全（含“..”或绝对路径），已拒绝' });
        else if (name.endsWith('/') || SKIPPED.test(name)) return false;
        else if (/\.(zip|rar|7z)$/i.test(name)) refused.push({ name: at, error: '不处理压缩包内的压缩包，请先解压' });
        else if (f.originalSize > limits.fileBytes) refused.push({ name: at, error: `文件过大：解压后 ${megabytes(f.originalSize)}，上限 ${megabytes(limits.fileBytes)}` });
        else if (f.size > 0 && f.originalSize / f.size > limits.zipRatio)
          refused.push({ name: at, error: `压缩比异常（${Math.round(f.originalSize / f.size)} 倍，上限 ${limits.zipRatio} 倍），疑似压缩炸弹，已拒绝` });
        else {
          total += f.originalSize;
          wanted.push(f);
        }
        return false;
      },
    });
  } catch (err) {
    return { entries: [], refused: [{ name: archive, error: `压缩包已损坏或不完整，无法读取（${err instanceof Error ? err.message : String(err)}）` }] };
  }
  if (count > limits.zipEntries) return { entries: [], refused: [{ name: archive, error: `压缩包内文件过多：${count} 个，上限 ${limits.zipEntries} 个` }] };
  if (total > limits.zipTotalBytes)
    return { entries: [], refused: [{ name: archive, error: `压缩包解压后共 ${megabytes(total)}，超过上限 ${megabytes(limits.zipTotalBytes)}，已拒绝` }] };
  const names = new Set(wanted.map((f) => f.name));
  try {
    listed = unzipSync(bytes, { filter: (f) => names.has(f.name) });
  } catch (err) {
    return { entries: [], refused: [...refused, { name: archive, error: `压缩包已损坏，无法解压（${err instanceof Error ? err.message : String(err)}）` }] };
  }
  const entries = Object.entries(listed).map(([name, data]) => ({ name: `${archive}/${entryName(name)}`, bytes: data }));
  return { entries, refused };
}
