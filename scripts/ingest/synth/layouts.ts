/**
 * How each text layout writes a table, reproducing what copying a web table gives
 * (shared/fixtures/pages and the 红土崖镇 seed):
 * - cell_per_line: one cell per line ending ` |`; a blank cell is a lone `|`; after each row but
 *   the table's last, one line of `|` for each grid position the row covers by a span.
 * - row_per_line: the same cells on one line, `规章 | 0 | 0 | 0 |`, covered positions as ` |||`.
 * - pipe_newline: a row opens with `| `, each cell on its own line as ` 值  | `.
 * - blank_lines: cells separated by an empty line; a blank cell is one extra empty line.
 * - spaces: one row per line, cells separated by single spaces; a blank must be a dash.
 */
import { APPLICANT_COLUMNS } from '../keys';
import type { Rng } from './prng';
import type { Cell, TableModel, Variants } from './types';
import { coveredCount } from './tables';

export type TextLayout = 'cell_per_line' | 'row_per_line' | 'pipe_newline' | 'blank_lines' | 'spaces';

const DASHES = ['—', '-', '/', '无'] as const;

/** The text written for a cell: a null figure in the document's style, sometimes another dash. */
function cellText(c: Cell, v: Variants, rng: Rng, needsMark: boolean): string {
  if (c.role === 'filler') return needsMark ? '—' : '';
  if (c.role !== 'value' || c.text !== '') return c.text;
  const style = v.nullStyle === '' && needsMark ? '—' : v.nullStyle;
  if (rng() < 0.9) return style;
  const choices = needsMark ? DASHES : ['', ...DASHES];
  return choices[Math.floor(rng() * choices.length)];
}

function pipeToken(text: string): string {
  return text === '' ? '|' : `${text} |`;
}

function trailingPipes(table: TableModel, i: number): string {
  const last = i === table.rows.length - 1;
  return last ? '' : '|'.repeat(coveredCount(table, i));
}

const SPLIT_LABELS = new Set(APPLICANT_COLUMNS.slice(1, 3).map((c) => c.label));

/** blank_lines: where a site's HTML had a line break inside the cell (001.txt). */
function brokenLabel(c: Cell): string[] {
  if (c.role === 'header' && SPLIT_LABELS.has(c.text)) return [c.text.slice(0, 2), c.text.slice(2)];
  const m = c.role === 'group' ? /^([（(][一二三四五六七八九][）)])(.+)$/.exec(c.text) : null;
  return m ? [m[1], m[2]] : [c.text];
}

export function writeTable(table: TableModel, layout: TextLayout, v: Variants, rng: Rng): string {
  const lines: string[] = [];
  table.rows.forEach((row, i) => {
    const pipes = trailingPipes(table, i);
    switch (layout) {
      case 'cell_per_line': {
        for (const c of row) lines.push(pipeToken(cellText(c, v, rng, false)));
        if (pipes) lines.push(pipes);
        break;
      }
      case 'row_per_line': {
        const texts = row.map((c) => cellText(c, v, rng, false));
        if (v.framedRows) lines.push(`| ${texts.map((t) => `${t} | `).join('')}${pipes}`);
        else lines.push(texts.map(pipeToken).join(' ') + (pipes ? ` ${pipes}` : ''));
        break;
      }
      case 'pipe_newline': {
        lines.push('| ');
        const texts = row.map((c) => ` ${cellText(c, v, rng, false)}  | `);
        texts[texts.length - 1] += pipes;
        lines.push(...texts);
        break;
      }
      case 'spaces': {
        const cells = row.slice();
        while (cells.length && cells[cells.length - 1].role === 'filler') cells.pop();
        lines.push(cells.map((c) => cellText(c, v, rng, true)).join(' '));
        break;
      }
      case 'blank_lines': {
        for (const c of row) {
          const text = cellText(c, v, rng, false);
          if (text === '') {
            lines.push('');
            continue;
          }
          const parts = v.breakLabels ? brokenLabel({ ...c, text }) : [text];
          for (const part of parts) {
            lines.push(c.role === 'value' && v.valueIndent ? ` ${part}` : part, '');
          }
        }
        break;
      }
    }
  });
  return lines.join('\n');
}
