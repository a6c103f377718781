import type { FormatVersion, TableId } from '../keys';
import type { Figure, Report } from '../report';

/** The figures part of a Report: everything a renderer needs to write the document. */
export interface RenderInput {
  organ: string;
  jurisdiction: { name: string; parent: string | null };
  year: number;
  template: FormatVersion;
  active: Record<string, Figure>;
  applications: Record<string, Record<string, Figure>>;
  review: Record<string, Figure>;
  sections: Report['sections'];
  /** ISO date (YYYY-MM-DD) printed under the signature */
  published?: string | null;
  /** print SYNTHETIC_MARK as the first line */
  synthetic?: boolean;
}

/** The text layouts seen on real report pages (shared/fixtures/README.md), plus HTML. */
export const LAYOUTS = [
  'cell_per_line',
  'row_per_line',
  'pipe_newline',
  'blank_lines',
  'spaces',
  'html',
  'traditional',
] as const;
export type Layout = (typeof LAYOUTS)[number];

export const ENCODINGS = ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** What a cell holds, so a layout can treat labels and figures differently. */
export type CellRole = 'heading' | 'header' | 'label' | 'group' | 'value' | 'filler';

export interface Cell {
  /** label text or formatted figure; '' for a null figure or a filler */
  text: string;
  role: CellRole;
  colspan: number;
  rowspan: number;
}

export interface TableModel {
  id: TableId;
  /** grid columns */
  width: number;
  /** the cells that start in each row (cells covered by a span are not listed) */
  rows: Cell[][];
}

/** Choices a document leaves open; drawn from the render seed unless fixed by a caller. */
export interface Variants {
  /** ascii: the page uses half-width punctuation, （一） → (一) */
  punctuation: 'full' | 'ascii';
  /** how most null figures are written; spaces layout never writes '' */
  nullStyle: '' | '—' | '-' | '/' | '无';
  /** page chrome before the title: 索引号, 发布机构, 字体 大中小 */
  chrome: boolean;
  /** 2019 format part 二: the official 5-column grid (上海 sample) or a plain 4-column one */
  grid2019: 'official5' | 'plain4';
  /** row_per_line: rows framed as `| a | b | ` (003.txt) instead of `a | b |` */
  framedRows: boolean;
  /** blank_lines: 商业/企业 and （三）/不予公开 broken over two lines (001.txt) */
  breakLabels: boolean;
  /** blank_lines: figures written with a leading space (029.txt) */
  valueIndent: boolean;
  /** traditional: the pipe layout that is converted */
  traditionalBase: 'cell_per_line' | 'row_per_line' | 'pipe_newline';
}

export interface RenderOptions {
  /** seeds the open choices; by default derived from organ, year and layout */
  seed?: number;
  /** fixes some choices (tests) */
  variants?: Partial<Variants>;
  /** html: the charset the page declares */
  charset?: string;
}

/** A document as written: lines of prose and tables, in order. */
export type Block =
  | { kind: 'mark' | 'chrome' | 'title' | 'heading' | 'para' | 'sign'; text: string }
  | { kind: 'table'; table: TableModel };
