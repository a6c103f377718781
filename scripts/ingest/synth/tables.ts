/**
 * The three tables of the official format as grids of cells with their spans: 2021 as in the
 * template .docx, 2019 as in the 上海 2019 sample (shared/corpus). Layouts only decide how the
 * cells are written.
 */
import {
  activeColumnLabel,
  activeKeysFor,
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  applicationRowsFor,
  isGroupRow,
  isSignedActiveKey,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEW_KEYS,
  TEMPLATE_TEXT,
  type ActiveKey,
  type ApplicationRow,
} from '../keys';
import type { Figure } from '../report';
import type { Cell, CellRole, RenderInput, TableModel, Variants } from './types';

export function formatFigure(value: Figure, signed = false): string {
  if (value === null || value === undefined) return '';
  const digits = Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/\.?0+$/, '');
  return signed && value > 0 ? `+${digits}` : digits;
}

function cell(text: string, role: CellRole, colspan = 1, rowspan = 1): Cell {
  return { text, role, colspan, rowspan };
}

function activeCell(k: ActiveKey, input: RenderInput, colspan: number): Cell {
  const value = input.active[k.key] ?? null;
  return cell(formatFigure(value, isSignedActiveKey(k)), 'value', colspan);
}

/** Column spans of a block's cells after 信息内容 / the row label, header and data rows. */
function blockSpans(
  template: RenderInput['template'],
  grid: Variants['grid2019'],
  block: ActiveKey['block'],
  columns: number,
): { width: number; header: number[]; data: number[]; filler: boolean } {
  if (template === '2021') {
    const spans = columns === 3 ? [1, 1, 1] : [3];
    return { width: 4, header: spans, data: spans, filler: false };
  }
  if (grid === 'plain4') {
    const spans = columns === 3 ? [1, 1, 1] : [1, 1];
    return { width: 4, header: spans, data: spans, filler: columns === 2 };
  }
  if (columns === 2) return { width: 5, header: [2, 2], data: [2, 2], filler: false };
  // the sample's blocks 五 and 六 put the span on the first figure, under a header spanning the second
  return { width: 5, header: [1, 2, 1], data: block === '一' ? [1, 2, 1] : [2, 1, 1], filler: false };
}

/** A row of part 二: fixed cells, or a label with figure cells (key and span) and a filler. */
type ActiveRow = Cell[] | { label: Cell; figures: { key: ActiveKey; colspan: number }[]; filler: Cell[] };

const ACTIVE_SKELETONS = new Map<string, { width: number; rows: ActiveRow[] }>();

/** The labels and spans of part 二 depend only on the format and grid: built once for each. */
function activeSkeleton(template: RenderInput['template'], grid: Variants['grid2019']) {
  const id = `${template}:${grid}`;
  const cached = ACTIVE_SKELETONS.get(id);
  if (cached) return cached;
  const keys = activeKeysFor(template);
  const blocks = [...new Set(keys.map((k) => k.block))];
  let width = 4;
  const rows: ActiveRow[] = [];
  for (const block of blocks) {
    const blockKeys = keys.filter((k) => k.block === block);
    const labels = [...new Set(blockKeys.map((k) => k.row))];
    const first = blockKeys.filter((k) => k.row === labels[0]);
    const spans = blockSpans(template, grid, block, first.length);
    width = spans.width;
    const filler = spans.filler ? [cell('', 'filler')] : [];
    rows.push([cell(TEMPLATE_TEXT.activeBlock(block), 'heading', width)]);
    rows.push([
      cell(TEMPLATE_TEXT.infoContent, 'header'),
      ...first.map((k, i) => cell(activeColumnLabel(k, template), 'header', spans.header[i])),
      ...filler,
    ]);
    for (const label of labels) {
      const figures = blockKeys.filter((k) => k.row === label).map((key, i) => ({ key, colspan: spans.data[i] }));
      rows.push({ label: cell(label, 'label'), figures, filler });
    }
  }
  const skeleton = { width, rows };
  ACTIVE_SKELETONS.set(id, skeleton);
  return skeleton;
}

export function activeTable(input: RenderInput, grid: Variants['grid2019']): TableModel {
  const { width, rows } = activeSkeleton(input.template, grid);
  return {
    id: 'active',
    width,
    rows: rows.map((r) =>
      Array.isArray(r) ? r : [r.label, ...r.figures.map((f) => activeCell(f.key, input, f.colspan)), ...r.filler],
    ),
  };
}

function rowLabel(r: ApplicationRow): string {
  return `${r.number}${r.label}${TEMPLATE_TEXT.rowNotes[r.key] ?? ''}`;
}

function figureCells(input: RenderInput, rowKey: string): Cell[] {
  const row = input.applications[rowKey] ?? {};
  return APPLICANT_COLUMNS.map((c) => cell(formatFigure(row[c.key] ?? null), 'value'));
}

interface ApplicationsSkeleton {
  header: Cell[][];
  /** per printed row: its label cells (with any group cells that start there) and its key */
  rows: { lead: Cell[]; key: string }[];
}

const SKELETONS = new Map<RenderInput['template'], ApplicationsSkeleton>();

/** The labels and spans of part 三 depend only on the format: built once per format. */
function applicationsSkeleton(template: RenderInput['template']): ApplicationsSkeleton {
  const cached = SKELETONS.get(template);
  if (cached) return cached;
  const all = applicationRowsFor(template);
  const outcomes = all.slice(2, -1);
  const [natural, ...others] = APPLICANT_COLUMNS;
  const organisations = others.slice(0, -1);
  const total = others[others.length - 1];
  const header: Cell[][] = [
    [cell(TEMPLATE_TEXT.balanceNote, 'header', 3, 3), cell(TEMPLATE_TEXT.applicantHeader, 'header', 7)],
    [
      cell(natural.label, 'header', 1, 2),
      cell(TEMPLATE_TEXT.organisations, 'header', organisations.length),
      cell(total.label, 'header', 1, 2),
    ],
    organisations.map((c) => cell(c.label, 'header')),
  ];
  const rows: ApplicationsSkeleton['rows'] = all.slice(0, 2).map((r) => ({ lead: [cell(rowLabel(r), 'label', 3)], key: r.key }));
  outcomes.forEach((r, i) => {
    const lead: Cell[] = i === 0 ? [cell(TEMPLATE_TEXT.outcomes.number + TEMPLATE_TEXT.outcomes.label, 'group', 1, outcomes.length)] : [];
    if (r.group === undefined || isGroupRow(r)) {
      rows.push({ lead: [...lead, cell(rowLabel(r), 'label', 2)], key: r.key });
      return;
    }
    const members = outcomes.filter((o) => o.group === r.group && !isGroupRow(o));
    if (members[0] === r) {
      const g = APPLICATION_GROUPS[r.group];
      lead.push(cell(`${g.number}${g.label}`, 'group', 1, members.length));
    }
    rows.push({ lead: [...lead, cell(rowLabel(r), 'label')], key: r.key });
  });
  rows.push(...all.slice(-1).map((r) => ({ lead: [cell(rowLabel(r), 'label', 3)], key: r.key })));
  const skeleton = { header, rows };
  SKELETONS.set(template, skeleton);
  return skeleton;
}

export function applicationsTable(input: RenderInput): TableModel {
  const { header, rows } = applicationsSkeleton(input.template);
  return {
    id: 'applications',
    width: 10,
    rows: [...header, ...rows.map((r) => [...r.lead, ...figureCells(input, r.key)])],
  };
}

export function reviewTable(input: RenderInput): TableModel {
  const [review, direct, afterReview] = REVIEW_GROUPS;
  const n = REVIEW_COLUMNS.length;
  return {
    id: 'review',
    width: n * 3,
    rows: [
      [cell(review.label, 'header', n), cell(TEMPLATE_TEXT.litigation, 'header', n * 2)],
      [
        ...REVIEW_COLUMNS.map((c) => cell(c.label, 'header', 1, 2)),
        cell(direct.label, 'header', n),
        cell(afterReview.label, 'header', n),
      ],
      [...REVIEW_COLUMNS, ...REVIEW_COLUMNS].map((c) => cell(c.label, 'header')),
      REVIEW_KEYS.map((k) => cell(formatFigure(input.review[k] ?? null), 'value')),
    ],
  };
}

/** Grid positions of a row that hold no cell of their own (spanned from left or above). */
export function coveredCount(table: TableModel, rowIndex: number): number {
  return table.width - table.rows[rowIndex].length;
}
