/**
 * Why a file failed, for the people who upload: the reader's and writer's messages (English, as the
 * command line prints them) said in Chinese, the original kept in brackets for whoever must dig.
 */
import { NOT_A_REPORT } from '../ingest/parse/recognize';

const MESSAGES: readonly [RegExp, string][] = [
  [/^empty file$/, '空文件：文件中没有内容'],
  [/binary data/, '不是文本、网页、Word 或 PDF 文档（二进制数据），可能已损坏'],
  [/cannot decode the text|is not valid (UTF|GB|BIG)/i, '无法识别文字编码（不是 UTF-8、UTF-16 或 GB18030/GBK）'],
  [/HTML page contains no text/, '网页中没有文字'],
  [/Word document contains no text/, 'Word 文档中没有文字（可能只有图片），不支持文字识别'],
  [/corrupt.*Word document|corrupt or unreadable Word/, 'Word 文档（.docx）已损坏或不完整，无法读取'],
  [/PDF has no text layer/, 'PDF 没有文字层（扫描件），不支持文字识别'],
  [/password-protected/, 'PDF 有密码保护，请去除密码后重试'],
  [/corrupt or unreadable PDF/, 'PDF 已损坏或不完整，无法读取'],
  [/not a PDF: the file holds text/, '文件名为 .pdf，但内容是文本（可能是下载失败时保存的错误页）'],
  [/old Microsoft Office format|old Word format/, '旧版 Office 格式（.doc/.xls），请另存为 .docx'],
  [/an image; OCR/, '图片文件，不支持文字识别'],
  [/ZIP archive; unpack it first/, '压缩包：请以 .zip 扩展名上传，或先解压'],
  [/unsupported file type/, '不支持的文件类型（支持 txt、html、docx、pdf 及其 zip 压缩包）'],
  [/file not found/, '找不到文件'],
  [/not written:/, '写入数据库失败，数据库未改变'],
];

export function failureInChinese(error: string): string {
  if (error === NOT_A_REPORT || /[\u4e00-\u9fff]/.test(error.slice(0, 4))) return error;
  const hit = MESSAGES.find(([pattern]) => pattern.test(error));
  return hit ? `${hit[1]}（${error}）` : `无法处理：${error}`;
}

export const STATUS_ZH = {
  ingested: '已入库',
  superseded: '已入库，取代了旧版本',
  unchanged: '未变化：相同的文件已入库',
  failed: '失败',
} as const;
