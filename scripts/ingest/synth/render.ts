/**
 * Writes a whole annual report (title, six parts, signature) from its figures, in any layout seen
 * on real report pages, and encodes it. Pure: the same input, layout and seed give the same bytes.
 */
import iconv from 'iconv-lite';
import { Converter } from 'opencc-js/cn2t';
import { SECTION_KEYS, SYNTHETIC_MARK, TABLE_TITLES, type SectionKey, type TableId } from '../keys';
import { writeHtml } from './html';
import { writeTable } from './layouts';
import { hashString, mulberry32, pick, type Rng } from './prng';
import { activeTable, applicationsTable, reviewTable } from './tables';
import type { Block, Encoding, Layout, RenderInput, RenderOptions, TableModel, Variants } from './types';

export type { Encoding, Layout, RenderInput, RenderOptions, Variants } from './types';

let convert: ((s: string) => string) | null = null;
const converted = new Map<string, string>();

/**
 * cn → tw, each run of non-ASCII text through a cache: most runs in a report are the template's
 * labels, and converting whole documents dominated the run time of a corpus (1.8 ms a document).
 * Figures, pipes and spaces separate words, so no phrase spans two runs.
 */
function toTraditional(text: string): string {
  // built on first use: the dictionary costs a quarter of a second to load
  convert ??= Converter({ from: 'cn', to: 'tw' });
  if (converted.size > 100_000) converted.clear();
  return text.replace(/[^\x00-\x7f]+/g, (run) => {
    let out = converted.get(run);
    if (out === undefined) {
      out = convert!(run);
      converted.set(run, out);
    }
    return out;
  });
}

export function reportTitle(r: Pick<RenderInput, 'organ' | 'year'>): string {
  return `${r.organ}${r.year}年政府信息公开工作年度报告`;
}

export function statisticalPeriod(year: number): string {
  return `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`;
}

function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

function chooseVariants(rng: Rng): Variants {
  return {
    punctuation: rng() < 0.2 ? 'ascii' : 'full',
    nullStyle: rng() < 0.6 ? '' : pick(rng, ['—', '-', '/', '无'] as const),
    chrome: rng() < 0.25,
    grid2019: rng() < 0.7 ? 'official5' : 'plain4',
    framedRows: rng() < 0.3,
    breakLabels: rng() < 0.5,
    valueIndent: rng() < 0.2,
    traditionalBase: pick(rng, ['cell_per_line', 'row_per_line', 'pipe_newline'] as const),
  };
}

function sectionParagraphs(r: RenderInput, key: SectionKey): string[] {
  const text = r.sections[key] ?? '';
  const paras = text.split('\n').filter((p) => p.trim() !== '');
  if (key === 'overview' && !text.includes('统计期限')) paras.unshift(statisticalPeriod(r.year));
  return paras;
}

function sectionHeading(key: SectionKey): string {
  const s = SECTION_KEYS.find((k) => k.key === key)!;
  return `${s.number}、${s.label}`;
}

function tableHeading(id: TableId): string {
  return `${TABLE_TITLES[id].number}、${TABLE_TITLES[id].label}`;
}

function documentBlocks(r: RenderInput, v: Variants, rng: Rng): Block[] {
  const blocks: Block[] = [];
  if (r.synthetic) blocks.push({ kind: 'mark', text: SYNTHETIC_MARK });
  if (v.chrome) {
    const index = `${(hashString(r.organ) % 900000) + 100000}/${r.year}-${String(Math.floor(rng() * 900) + 100)}`;
    blocks.push({ kind: 'chrome', text: `索引号：${index}` }, { kind: 'chrome', text: `发布机构：${r.organ}` });
    if (r.published) blocks.push({ kind: 'chrome', text: `发布日期：${r.published}` });
    blocks.push({ kind: 'chrome', text: '字体：[ 大 中 小 ]' });
  }
  blocks.push({ kind: 'title', text: reportTitle(r) });
  const prose = (key: SectionKey) => {
    blocks.push({ kind: 'heading', text: sectionHeading(key) });
    for (const p of sectionParagraphs(r, key)) blocks.push({ kind: 'para', text: p });
  };
  const table = (t: TableModel) => blocks.push({ kind: 'heading', text: tableHeading(t.id) }, { kind: 'table', table: t });
  prose('overview');
  table(activeTable(r, v.grid2019));
  table(applicationsTable(r));
  table(reviewTable(r));
  prose('problems');
  prose('other');
  blocks.push({ kind: 'sign', text: r.organ });
  if (r.published) blocks.push({ kind: 'sign', text: chineseDate(r.published) });
  return blocks;
}

/** Half-width punctuation as many sites print it, （一） → (一); the synthetic mark stays as spelled. */
function asciiPunctuation(text: string): string {
  return text.normalize('NFKC').replace(SYNTHETIC_MARK.normalize('NFKC'), SYNTHETIC_MARK);
}

function writeText(blocks: Block[], layout: Exclude<Layout, 'html' | 'traditional'>, v: Variants, rng: Rng): string {
  const lines: string[] = [];
  const spaced = layout === 'blank_lines';
  for (const b of blocks) {
    if (b.kind === 'table') lines.push(writeTable(b.table, layout, v, rng));
    else lines.push(b.text, ...(spaced ? [''] : []));
  }
  return lines.join('\n') + (spaced ? '' : '\n');
}

export function renderReport(r: RenderInput, layout: Layout, options: RenderOptions = {}): string {
  const rng = mulberry32(options.seed ?? hashString(`${r.organ}:${r.year}:${layout}`));
  const v = { ...chooseVariants(rng), ...options.variants };
  const blocks = documentBlocks(r, v, rng);
  let text =
    layout === 'html'
      ? writeHtml(blocks, reportTitle(r), options.charset ?? 'utf-8', v, rng)
      : writeText(blocks, layout === 'traditional' ? v.traditionalBase : layout, v, rng);
  if (v.punctuation === 'ascii') text = asciiPunctuation(text);
  return layout === 'traditional' ? toTraditional(text) : text;
}

const HTML_CHARSET: Record<Encoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16',
};

export function encodeText(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  }
}

export function renderBytes(r: RenderInput, layout: Layout, encoding: Encoding, options: RenderOptions = {}): Uint8Array {
  const charset = options.charset ?? HTML_CHARSET[encoding];
  return encodeText(renderReport(r, layout, { ...options, charset }), encoding);
}
