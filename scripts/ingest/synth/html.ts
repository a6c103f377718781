/** A report as a whole HTML page: prose in <p>, tables as real <table> markup with spans. */
import type { Rng } from './prng';
import type { Block, Cell, TableModel, Variants } from './types';

export function escapeHtml(s: string): string {
  if (!/[&<>"]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function td(c: Cell, v: Variants, rng: Rng): string {
  const attrs = (c.colspan > 1 ? ` colspan="${c.colspan}"` : '') + (c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : '');
  // pages mostly leave a blank figure empty; some type a dash
  const text = c.role === 'value' && c.text === '' && v.nullStyle !== '' && rng() < 0.5 ? v.nullStyle : c.text;
  return `<td${attrs}>${escapeHtml(text)}</td>`;
}

function tableHtml(t: TableModel, v: Variants, rng: Rng): string {
  const rows = t.rows.map((r) => `<tr>${r.map((c) => td(c, v, rng)).join('')}</tr>`);
  return `<table border="1" cellspacing="0" cellpadding="4" class="nb-${t.id}">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

export function writeHtml(blocks: Block[], title: string, charset: string, v: Variants, rng: Rng): string {
  const body = blocks.map((b) => {
    switch (b.kind) {
      case 'table':
        return tableHtml(b.table, v, rng);
      case 'title':
        return `<h1>${escapeHtml(b.text)}</h1>`;
      case 'heading':
        return `<h2>${escapeHtml(b.text)}</h2>`;
      case 'sign':
        return `<p style="text-align:right">${escapeHtml(b.text)}</p>`;
      case 'chrome':
        return `<div class="info">${escapeHtml(b.text)}</div>`;
      case 'mark':
        return `<p class="synthetic"><strong>${escapeHtml(b.text)}</strong></p>`;
      case 'para':
        return `<p>${escapeHtml(b.text)}</p>`;
    }
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    `<meta charset="${charset}">`,
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
