/**
 * A reader speed-up must not change what readDocument returns: this writes its whole result (text,
 * format, encoding, warnings, or the error) as JSON lines, or compares a run with such a file and
 * names the documents whose result differs.
 *
 *   tsx scripts/bench/read-golden.ts write /tmp/read-golden.jsonl [--synth DIR]
 *   tsx scripts/bench/read-golden.ts check /tmp/read-golden.jsonl [--synth DIR]
 *
 * Documents: every file of tests/fixtures, ../shared/fixtures and ../shared/corpus; with --synth,
 * every 25th file (sorted) of a generated corpus. The real text and HTML files and one in 40 of the
 * sampled ones are also read re-encoded (UTF-8 with BOM, UTF-16 with and without BOM, GB18030, GBK,
 * Big5, with a <meta charset> that agrees or not), under other names (.txt, .html, none), cut at
 * tenths, with a control character, an invalid byte or private-use characters in the middle; their
 * tables are read as HTML fragments inside text.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { readDocument } from '../ingest/read/index';
import { goldenCommand, realFiles, walk, type GoldenLine } from './golden';

const SYNTH_STEP = 25;
const VARIANT_STEP = 40;

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** The bytes of a UTF-8 document as other tools save it, each labelled in its name's first folder. */
function variants(name: string, bytes: Uint8Array): [string, Uint8Array][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return [];
  }
  const base = name.replace(/\.[^./]*$/, '');
  const names = [name, `${base}.txt`, `${base}.html`, base];
  const encoded: [string, Uint8Array][] = [
    ['utf8', bytes],
    ['utf8bom', concat(Uint8Array.of(0xef, 0xbb, 0xbf), bytes)],
    ['utf16le', iconv.encode(text, 'utf-16le')],
    ['utf16be', iconv.encode(text, 'utf-16be')],
    ['utf16lebom', concat(Uint8Array.of(0xff, 0xfe), iconv.encode(text, 'utf-16le'))],
    ['utf16bebom', concat(Uint8Array.of(0xfe, 0xff), iconv.encode(text, 'utf-16be'))],
    ['gb18030', iconv.encode(text, 'gb18030')],
    ['gbk', iconv.encode(text, 'gbk')],
    ['big5', iconv.encode(text, 'big5')],
    ['gbk-meta', iconv.encode(`<meta charset="gbk">${text}`, 'gbk')],
    ['utf8-meta-gbk', new TextEncoder().encode(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">${text}`)],
    ['big5-meta', iconv.encode(`<meta charset=big5>${text}`, 'big5')],
    ['gbk-meta-big5', iconv.encode(`<meta charset='big5'>${text}`, 'gbk')],
  ];
  const out: [string, Uint8Array][] = [];
  for (const [how, b] of encoded) {
    for (const n of names) out.push([`[${how}]/${n}`, b]);
    for (const k of [1, 3, 5, 7, 9]) out.push([`[${how} cut${k}]/${name}`, b.subarray(0, Math.floor((b.length * k) / 10) + (k % 3))]);
    const mid = b.length >> 1;
    const puaEncoding = how.startsWith('utf16le') ? 'utf-16le' : how.startsWith('utf16be') ? 'utf-16be' : how.startsWith('utf8') ? 'utf-8' : 'gb18030';
    out.push([`[${how} ctrl]/${name}`, concat(b.subarray(0, mid), Uint8Array.of(0x01), b.subarray(mid))]);
    out.push([`[${how} ff]/${name}`, concat(b.subarray(0, mid), Uint8Array.of(0xff), b.subarray(mid))]);
    out.push([`[${how} pua]/${name}`, concat(b.subarray(0, mid), iconv.encode('\uE000\uE001\uE002', puaEncoding), b.subarray(mid))]);
  }
  return out;
}

/** Binary data and short texts the decoder must refuse or read in a particular way. */
const ODD: [string, number[]][] = [
  ['png.txt', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]],
  ['junk.txt', [0x41, 0xff, 0xfe, 0x80, 0x42, 0xff]],
  ['gbctrl.txt', [0x81, 0x40, 0x01, 0x02, 0x03, 0x81, 0x41, 0x04]],
  ['ws.txt', [0x20, 0x0a, 0x20]],
  ['cyr.txt', [...new TextEncoder().encode('Привет мир 2024 ')]],
  ['oneyeah.html', [...iconv.encode('<html><head><meta charset="gbk"></head><body><p>2024 一业为</p></body></html>', 'gbk')]],
];

async function result(name: string, bytes: Uint8Array): Promise<GoldenLine> {
  try {
    const r = await readDocument(bytes, name);
    return { name, line: JSON.stringify({ name, text: r.text, format: r.format, encoding: r.encoding, warnings: r.warnings }) };
  } catch (e) {
    return { name, line: JSON.stringify({ name, error: String(e) }) };
  }
}

async function results(synthDir: string | null): Promise<GoldenLine[]> {
  const real = realFiles();
  const synth = synthDir ? walk(synthDir).filter((_, i) => i % SYNTH_STEP === 0) : [];
  const varied = [...real, ...synth.filter((_, i) => i % VARIANT_STEP === 0)];
  const lines: GoldenLine[] = [];
  for (const f of [...real, ...synth]) lines.push(await result(f, readFileSync(f)));
  for (const f of varied) {
    if (/\.(pdf|docx)$/i.test(f)) continue;
    for (const [n, b] of variants(f, readFileSync(f))) lines.push(await result(n, b));
  }
  for (const [n, b] of ODD) lines.push(await result(n, Uint8Array.from(b)));
  for (const f of varied.filter((f) => /\.html?$/.test(f))) {
    const tables = readFileSync(f, 'utf8').match(/<table\b[\s\S]*<\/table>/i)?.[0];
    if (!tables) continue;
    const inText: [string, string][] = [
      ['md', `一、总体情况\n正文一行。\n${tables}\n二、其他\n`],
      ['md-blocks', `<p>一、总体情况</p>\n${tables}\n`],
      ['md-one', `正文 ${tables.slice(0, tables.indexOf('</table>') + 8)} 尾`],
    ];
    for (const [how, t] of inText) {
      for (const ext of ['.md', '.txt', '.html']) lines.push(await result(`[${how}]/${f}${ext}`, new TextEncoder().encode(t)));
    }
  }
  return lines;
}

await goldenCommand('read-golden.ts', 'results', results);
