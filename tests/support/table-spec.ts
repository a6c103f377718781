/** A table as test generators take it: rows as in HTML, each cell once, in the first row it spans. */
export interface TableCell {
  text: string;
  colspan?: number;
  rowspan?: number;
}

export interface TableSpec {
  /** column widths in pt */
  widths: number[];
  rows: TableCell[][];
  /** font size in pt */
  size: number;
}

export interface Placed {
  text: string;
  row: number;
  col: number;
  colspan: number;
  rowspan: number;
}

/** Column of every cell, skipping slots that row- or colspans above already fill (as HTML does). */
export function place(table: TableSpec): Placed[] {
  const taken = new Set<string>();
  const out: Placed[] = [];
  table.rows.forEach((cells, row) => {
    let col = 0;
    for (const cell of cells) {
      while (taken.has(`${row},${col}`)) col++;
      const colspan = cell.colspan ?? 1;
      const rowspan = cell.rowspan ?? 1;
      for (let r = row; r < row + rowspan; r++) for (let c = col; c < col + colspan; c++) taken.add(`${r},${c}`);
      out.push({ text: cell.text, row, col, colspan, rowspan });
      col += colspan;
    }
  });
  return out;
}
