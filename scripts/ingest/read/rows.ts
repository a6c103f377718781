/**
 * The one text layout every reader emits for a table: one row per line, each cell once between
 * pipes, a blank cell as nothing between two pipes (so the parser sees a blank, never a 0).
 */

/** Whitespace, including the ideographic space Word puts in blank cells and NBSP. */
const SPACES = /[\s\u00A0\u3000]+/g;

export function cellText(raw: string): string {
  return raw.replace(SPACES, ' ').replace(/\|/g, '/').trim();
}

export function pipeRow(cells: readonly string[]): string {
  return pipeRowOfTexts(cells.map(cellText));
}

/** pipeRow of cells that have been through cellText already (it is idempotent: same row). */
export function pipeRowOfTexts(texts: readonly string[]): string {
  return `| ${texts.join(' | ')} |`;
}
