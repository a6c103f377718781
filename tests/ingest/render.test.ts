import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  activeKeysFor,
  APPLICANT_COLUMNS,
  applicationRowsFor,
  isSignedActiveKey,
  REVIEW_KEYS,
  SECTION_KEYS,
  SYNTHETIC_MARK,
  TABLE_TITLES,
  TEMPLATE_TEXT,
  type ApplicationRow,
} from '../../scripts/ingest/keys';
import { normalizeText } from '../../scripts/ingest/parse/normalize';
import type { Figure } from '../../scripts/ingest/report';
import { renderBytes, renderReport, reportTitle, statisticalPeriod } from '../../scripts/ingest/synth/render';
import { formatFigure } from '../../scripts/ingest/synth/tables';
import type { Layout, RenderInput, Variants } from '../../scripts/ingest/synth/types';
import { renderInputArb } from '../support/arbitraries';

const fixtures = path.resolve(__dirname, '../fixtures');
const NULL_TOKENS = ['', '—', '-', '/', '无'];
const plainVariants: Partial<Variants> = {
  nullStyle: '',
  chrome: false,
  punctuation: 'full',
  framedRows: false,
  breakLabels: false,
  valueIndent: false,
};

function seedInput(): RenderInput {
  const e = JSON.parse(readFileSync(path.join(fixtures, 'hongtuya-2022.expected.json'), 'utf8'));
  return {
    organ: e.organ,
    jurisdiction: { name: e.jurisdiction.name, parent: e.jurisdiction.parent },
    year: e.year,
    template: e.template,
    active: e.active,
    applications: e.applications,
    review: e.review,
    sections: { overview: null, problems: null, other: null },
    published: '2022-12-31',
  };
}

/** Lines from part 二's title up to (not including) part 五's heading: the tables. */
function tableLines(text: string): string[] {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.startsWith('二、'));
  const to = lines.findIndex((l) => l.startsWith('五、'));
  return lines.slice(from, to);
}

function rowLabel(r: ApplicationRow): string {
  return `${r.number}${r.label}${TEMPLATE_TEXT.rowNotes[r.key] ?? ''}`;
}

/** A value cell as written matches its figure: the formatted number, or a blank or dash for null. */
function expectCell(actual: string | undefined, value: Figure, signed = false): void {
  if (value === null) expect(NULL_TOKENS).toContain(actual);
  else expect(actual).toBe(formatFigure(value, signed));
}

const HEADINGS = [
  ...Object.values(TABLE_TITLES).map((t) => `${t.number}、${t.label}`),
  ...SECTION_KEYS.map((s) => `${s.number}、${s.label}`),
];

/** The lines between a table's title and the next part's heading. */
function tableRegion(text: string, id: keyof typeof TABLE_TITLES): string[] {
  const lines = text.split('\n');
  const from = lines.indexOf(`${TABLE_TITLES[id].number}、${TABLE_TITLES[id].label}`) + 1;
  const next = lines.findIndex((l, i) => i > from && HEADINGS.includes(l));
  return lines.slice(from, next);
}

describe('formatFigure', () => {
  it('writes signs, decimals and blanks as reports print them', () => {
    expect(formatFigure(19, true)).toBe('+19');
    expect(formatFigure(-5, true)).toBe('-5');
    expect(formatFigure(0, true)).toBe('0');
    expect(formatFigure(26.55)).toBe('26.55');
    expect(formatFigure(7.0487)).toBe('7.0487');
    expect(formatFigure(96171.6)).toBe('96171.6');
    expect(formatFigure(3985758)).toBe('3985758');
    expect(formatFigure(null)).toBe('');
  });
});

describe('cell_per_line reproduces the 红土崖镇 seed', () => {
  const seed = readFileSync(path.join(fixtures, 'hongtuya-2022.txt'), 'utf8');
  const rendered = renderReport(seedInput(), 'cell_per_line', { variants: plainVariants });

  it('writes the seed table lines exactly, including the blank 国家秘密 × 商业企业 cell and row ends', () => {
    // the seed page prints half-width punctuation: (一), 本年收费金额(单位:万元)
    const ascii = renderReport(seedInput(), 'cell_per_line', { variants: { ...plainVariants, punctuation: 'ascii' } });
    expect(tableLines(ascii)).toEqual(tableLines(seed));
    expect(tableLines(normalizeText(rendered))).toEqual(tableLines(seed));
  });

  it('writes the whole document around the tables', () => {
    const lines = rendered.split('\n');
    expect(lines[0]).toBe(reportTitle(seedInput()));
    expect(lines).toContain('一、总体情况');
    expect(lines).toContain(statisticalPeriod(2022));
    expect(lines).toContain('五、存在的主要问题及改进情况');
    expect(lines).toContain('六、其他需要报告的事项');
    expect(lines.slice(-3)).toEqual(['红土崖镇人民政府', '2022年12月31日', '']);
  });
});

describe('row_per_line', () => {
  it('puts every figure in its own row at its column', () => {
    fc.assert(
      fc.property(renderInputArb(), fc.integer(), (r, seed) => {
        const text = renderReport(r, 'row_per_line', { seed, variants: plainVariants });
        const rows = tableLines(text).map((l) => l.split('|').map((c) => c.trim()));
        for (const k of activeKeysFor(r.template)) {
          const row = rows.find((c) => c[0] === k.row)!;
          const keys = activeKeysFor(r.template).filter((o) => o.row === k.row && o.block === k.block);
          expectCell(row[1 + keys.indexOf(k)], r.active[k.key], isSignedActiveKey(k));
        }
        for (const a of applicationRowsFor(r.template)) {
          const row = rows.find((c) => c.includes(rowLabel(a)))!;
          const at = row.indexOf(rowLabel(a)) + 1;
          APPLICANT_COLUMNS.forEach((c, i) => expectCell(row[at + i], r.applications[a.key][c.key]));
        }
        const review = tableRegion(text, 'review')[3].split('|').map((c) => c.trim());
        REVIEW_KEYS.forEach((k, i) => expectCell(review[i], r.review[k]));
      }),
      { numRuns: 60 },
    );
  });

  it('frames rows as `| a | b | ` when the page did (003.txt)', () => {
    const text = renderReport(seedInput(), 'row_per_line', { variants: { ...plainVariants, framedRows: true } });
    expect(text).toContain('| 第二十条第（一）项 | |||\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | \n');
  });
});

describe('spaces', () => {
  it('never leaves a cell empty: a blank figure is a dash, every row has all its cells', () => {
    fc.assert(
      fc.property(renderInputArb(), fc.integer(), (r, seed) => {
        const text = renderReport(r, 'spaces', { seed, variants: { punctuation: 'full' } });
        const lines = tableRegion(text, 'applications').map((l) => l.split(' '));
        for (const a of applicationRowsFor(r.template)) {
          const cells = lines.find((l) => l.includes(rowLabel(a)))!;
          const at = cells.indexOf(rowLabel(a)) + 1;
          expect(cells.slice(at)).toHaveLength(APPLICANT_COLUMNS.length);
          APPLICANT_COLUMNS.forEach((c, i) => {
            const v = r.applications[a.key][c.key];
            if (v === null) expect(['—', '-', '/', '无']).toContain(cells[at + i]);
            else expect(cells[at + i]).toBe(formatFigure(v));
          });
        }
        expect(tableRegion(text, 'review')[3].split(' ')).toHaveLength(REVIEW_KEYS.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('blank_lines', () => {
  /** Cells back from 001/029-style text: a cell and its empty line, or one lone empty line for a blank. */
  function cells(lines: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < lines.length; ) {
      if (lines[i] === '') {
        out.push('');
        i += 1;
      } else {
        out.push(lines[i]);
        i += 2;
      }
    }
    return out;
  }

  it('separates cells by one empty line and writes a blank as one extra empty line', () => {
    fc.assert(
      fc.property(renderInputArb(), fc.integer(), (r, seed) => {
        const text = renderReport(r, 'blank_lines', { seed, variants: plainVariants });
        const lines = text.split('\n');
        const from = lines.indexOf(`${TABLE_TITLES.applications.number}、${TABLE_TITLES.applications.label}`) + 2;
        const to = lines.indexOf(`${TABLE_TITLES.review.number}、${TABLE_TITLES.review.label}`);
        const seq = cells(lines.slice(from, to));
        for (const a of applicationRowsFor(r.template)) {
          const at = seq.indexOf(rowLabel(a)) + 1;
          expect(at).toBeGreaterThan(0);
          APPLICANT_COLUMNS.forEach((c, i) => expectCell(seq[at + i], r.applications[a.key][c.key]));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('breaks 商业企业 and group labels over two lines when the page did (001.txt)', () => {
    const text = renderReport(seedInput(), 'blank_lines', { variants: { ...plainVariants, breakLabels: true } });
    expect(text).toContain('\n商业\n\n企业\n\n科研\n\n机构\n\n');
    expect(text).toContain('\n（三）\n\n不予公开\n\n1.属于国家秘密\n\n');
  });
});

describe('pipe_newline', () => {
  it('opens each row with `| ` and writes each cell as ` 值  | ` (002.txt)', () => {
    const lines = tableRegion(renderReport(seedInput(), 'pipe_newline', { variants: plainVariants }), 'active');
    expect(lines.slice(0, 4)).toEqual(['| ', ' 第二十条第（一）项  | |||', '| ', ' 信息内容  | ']);
    for (const l of lines) expect(l).toMatch(/^(\| | .*  \| \|*)$/);
  });
});

describe('html', () => {
  interface Td {
    text: string;
    colspan: number;
    rowspan: number;
  }

  function tables(html: string): Td[][][] {
    return [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((t) =>
      [...t[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
        [...tr[1].matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)].map((td) => ({
          text: td[2],
          colspan: Number(/colspan="(\d+)"/.exec(td[1])?.[1] ?? 1),
          rowspan: Number(/rowspan="(\d+)"/.exec(td[1])?.[1] ?? 1),
        })),
      ),
    );
  }

  /** Lays the cells on a grid; every row must fill the width exactly, with no overlap. */
  function gridWidths(rows: Td[][]): number[] {
    const taken: boolean[][] = rows.map(() => []);
    return rows.map((row, y) => {
      let x = 0;
      for (const td of row) {
        while (taken[y][x]) x++;
        for (let dy = 0; dy < td.rowspan; dy++) {
          for (let dx = 0; dx < td.colspan; dx++) {
            expect(taken[y + dy]?.[x + dx]).toBeFalsy();
            (taken[y + dy] ??= [])[x + dx] = true;
          }
        }
        x += td.colspan;
      }
      return taken[y].filter(Boolean).length;
    });
  }

  it('writes the official tables with their colspans, rowspans and one <td> per cell', () => {
    fc.assert(
      fc.property(renderInputArb(), fc.integer(), (r, seed) => {
        const html = renderReport(r, 'html', { seed });
        const [active, applications, review] = tables(html);
        const width = active[0][0].colspan;
        expect(r.template === '2021' ? [4] : [4, 5]).toContain(width);
        expect(new Set(gridWidths(active))).toEqual(new Set([width]));
        expect(new Set(gridWidths(applications))).toEqual(new Set([10]));
        expect(new Set(gridWidths(review))).toEqual(new Set([15]));
        expect(applications[0].map((td) => [td.colspan, td.rowspan])).toEqual([[3, 3], [7, 1]]);
        expect(review[0].map((td) => td.colspan)).toEqual([5, 10]);
        const rows = applicationRowsFor(r.template);
        // 3 header rows, then per printed row: its label cells and one <td> per applicant column
        expect(applications).toHaveLength(3 + rows.length);
        applications.slice(3).forEach((tds, i) => {
          const values = tds.slice(-APPLICANT_COLUMNS.length);
          APPLICANT_COLUMNS.forEach((c, j) => expectCell(values[j].text, r.applications[rows[i].key][c.key]));
        });
        REVIEW_KEYS.forEach((k, i) => expectCell(review[3][i].text, r.review[k]));
      }),
      { numRuns: 60 },
    );
  });

  it('declares the charset its bytes are in', () => {
    const bytes = renderBytes(seedInput(), 'html', 'gb18030');
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(text).toContain('<meta charset="gb18030">');
    expect(text).toContain('<td colspan="3" rowspan="3">（本列数据的勾稽关系为');
  });
});

describe('encodings', () => {
  const layouts: Layout[] = ['cell_per_line', 'row_per_line', 'pipe_newline', 'blank_lines', 'spaces', 'html', 'traditional'];

  it('decodes back to the same text in gb18030, utf-16le and utf-8 with a BOM', () => {
    fc.assert(
      fc.property(renderInputArb(), fc.constantFrom(...layouts), fc.integer(), (r, layout, seed) => {
        const cases = [
          ['gb18030', 'gb18030'],
          ['utf-16le', 'utf-16le'],
          ['utf-8-bom', 'utf-8'],
        ] as const;
        for (const [encoding, label] of cases) {
          const bytes = renderBytes(r, layout, encoding, { seed });
          const charset = encoding === 'utf-16le' ? 'utf-16' : encoding === 'gb18030' ? 'gb18030' : 'utf-8';
          expect(new TextDecoder(label).decode(bytes)).toBe(renderReport(r, layout, { seed, charset }));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('starts utf-16le with its BOM and utf-8-bom with EF BB BF', () => {
    expect([...renderBytes(seedInput(), 'spaces', 'utf-16le').slice(0, 2)]).toEqual([0xff, 0xfe]);
    expect([...renderBytes(seedInput(), 'spaces', 'utf-8-bom').slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('traditional', () => {
  it('is a pipe layout in traditional characters that normalises back to the simplified text', () => {
    fc.assert(
      fc.property(renderInputArb(), fc.integer(), (r, seed) => {
        const trad = renderReport(r, 'traditional', { seed });
        expect(trad).not.toBe(normalizeText(trad));
        for (const base of ['cell_per_line', 'row_per_line', 'pipe_newline'] as const) {
          const simplified = renderReport(r, 'traditional', { seed, variants: { traditionalBase: base } });
          const plain = renderReport(r, base, { seed, variants: { traditionalBase: base } });
          expect(normalizeText(simplified)).toBe(normalizeText(plain));
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('every layout', () => {
  const layouts: Layout[] = ['cell_per_line', 'row_per_line', 'pipe_newline', 'blank_lines', 'spaces', 'traditional'];

  it('prints the synthetic mark first, then the title, the statistical period and the signature', () => {
    fc.assert(
      fc.property(renderInputArb(), fc.constantFrom(...layouts), fc.integer(), (r, layout, seed) => {
        const text = normalizeText(renderReport(r, layout, { seed, variants: { chrome: false } }));
        const lines = text.split('\n').filter((l) => l !== '');
        const title = reportTitle(r).normalize('NFKC');
        if (r.synthetic) expect(lines[0]).toBe(SYNTHETIC_MARK.normalize('NFKC'));
        expect(lines[r.synthetic ? 1 : 0]).toBe(title);
        expect(text).toContain(statisticalPeriod(r.year).normalize('NFKC'));
        expect(lines).toContain(r.organ);
        if (r.published) expect(lines[lines.length - 1]).toMatch(new RegExp(`^${Number(r.published.slice(0, 4))}年\\d+月\\d+日$`));
      }),
      { numRuns: 80 },
    );
  });

  it('prints the blocks of part 二 its format has: 2019 adds （九）, 2021 splits 其他处理 into three rows', () => {
    fc.assert(
      fc.property(renderInputArb(), (r) => {
        const text = renderReport(r, 'spaces', { variants: { punctuation: 'full' } });
        expect(text.includes(TEMPLATE_TEXT.activeBlock('九'))).toBe(r.template === '2019');
        const otherRows = applicationRowsFor(r.template).filter((a) => a.group === 'other');
        expect(otherRows).toHaveLength(r.template === '2021' ? 3 : 1);
        for (const a of otherRows) expect(text).toContain(rowLabel(a));
      }),
      { numRuns: 20 },
    );
  });
});
