import { describe, expect, it } from 'vitest';
import { groupRows, isPageNumber, layoutPage, type Rule, type TextItem } from '../../../scripts/ingest/read/pdf-layout';

const item = (str: string, x: number, y: number, width: number, height = 10): TextItem => ({ str, x, y, width, height });

/** The four borders of a box, as Word's PDF export strokes each cell. */
const box = (x1: number, y1: number, x2: number, y2: number): Rule[] => [
  { x1, y1, x2, y2: y1 },
  { x1, y1: y2, x2, y2 },
  { x1, y1, x2: x1, y2 },
  { x1: x2, y1, x2, y2 },
];

describe('groupRows (text without rules)', () => {
  it('puts a label and figures drawn 2.3 pt lower on one row, cells split at wide gaps', () => {
    // positions of 表三's first row in the real 淮安市 2024 PDF
    const rows = groupRows([
      item('一、本年新收政府信息公开申请数量', 76.8, 373, 119.9, 7.5),
      ...[
        ['3001', 260.3],
        ['53', 299.6],
        ['0', 337.4],
        ['0', 377.2],
        ['61', 421.4],
        ['4', 465.6],
        ['3119', 496.3],
      ].map(([s, x]) => item(s as string, x as number, 370.7, (s as string).length * 3.7, 7.5)),
      item('二、上年结转政府信息公开申请数量', 76.8, 349, 119.9, 7.5),
      item('34', 264, 346.7, 7.4, 7.5),
    ]);
    expect(rows).toEqual([
      '| 一、本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3119 |',
      '| 二、上年结转政府信息公开申请数量 | 34 |',
    ]);
  });

  it('joins touching strings of a prose line, spaces digits apart and drops justification spaces between Chinese', () => {
    const rows = groupRows([
      item('本报告由淮安市人民政府办公室根据', 106.3, 553.8, 255.9, 16),
      item('《中华人民共和国政府', 358.6, 553.8, 159.9, 16),
      item('2024', 105.8, 357.8, 32, 16),
      item(' ', 137.8, 357.8, 63.7, 0),
      item('年，全市', 141, 357.8, 64, 16),
      item('号 ， 邮 编 ：', 74.3, 300, 93.7, 16),
      item('223100', 171.5, 300, 48.1, 16),
    ]);
    expect(rows).toEqual(['本报告由淮安市人民政府办公室根据《中华人民共和国政府', '2024 年，全市', '号，邮编： 223100']);
  });

  it('keeps the lone characters of a vertical label as lines of their own', () => {
    expect(groupRows([item('本', 76.8, 235.7, 7.5, 7.5), item('年', 76.8, 220.7, 7.5, 7.5)])).toEqual(['本', '年']);
  });
});

describe('layoutPage (ruled tables)', () => {
  // 信息内容 | 本年制发件数 | 现行有效件数 over 规章 | (blank) | 11, and a title row across all three
  const rules = [...box(70, 700, 370, 720), ...box(70, 680, 170, 700), ...box(170, 680, 270, 700), ...box(270, 680, 370, 700)];
  rules.push(...box(70, 660, 170, 680), ...box(170, 660, 270, 680), ...box(270, 660, 370, 680));

  it('reads each drawn cell once, a blank cell as an empty cell and a merged title as one cell', () => {
    const lines = layoutPage({
      rules,
      items: [
        item('第二十条 第（一）项', 75, 706, 95),
        item('信息内容', 75, 686, 40),
        item('本年制发件数', 175, 686, 60),
        item('现行有效件数', 275, 686, 60),
        item('规章', 75, 665, 20),
        item('11', 275, 664, 10, 12),
      ],
    });
    expect(lines).toEqual(['| 第二十条第（一）项 |', '| 信息内容 | 本年制发件数 | 现行有效件数 |', '| 规章 |  | 11 |']);
  });

  it('joins a label wrapped over two lines inside its cell, without a space between Chinese or digits', () => {
    const lines = layoutPage({
      rules: [...box(70, 600, 200, 640), ...box(200, 600, 260, 640)],
      items: [
        item('（二）部分公开（区分处理的，', 75, 627, 120),
        item('只计这一情形）', 75, 612, 70),
        item('39857', 205, 627, 30),
        item('58', 205, 612, 12),
      ],
    });
    expect(lines).toEqual(['| （二）部分公开（区分处理的，只计这一情形） | 3985758 |']);
  });

  it('treats boxes of one column (framed paragraphs) as frames, not tables', () => {
    const sentence = '本报告由本机关根据条例要求编制，所列数据统计期限自一月一日至十二月三十一日止。';
    const items = Array.from({ length: 8 }, (_, i) => item(sentence, 80, 700 - i * 20, 420, 10));
    const lines = layoutPage({ rules: [...box(70, 530, 510, 720), { x1: 70, y1: 620, x2: 510, y2: 620 }], items });
    expect(lines).toEqual(Array(8).fill(sentence));
  });

  it('drops page numbers at the top or foot of a page but keeps a lone figure inside the page', () => {
    const lines = layoutPage({
      items: [
        item('- 4 -', 280, 40, 22, 13),
        item('第 3 页', 280, 800, 30, 10),
        item('一、总体情况', 72, 700, 96, 16),
        item('4', 72, 650, 8, 16),
        item('二、主动公开政府信息情况', 72, 600, 192, 16),
      ],
    });
    expect(lines).toEqual(['一、总体情况', '4', '二、主动公开政府信息情况']);
  });
});

describe('isPageNumber', () => {
  it('matches the page-number footers reports use and nothing else', () => {
    for (const s of ['- 4 -', '— 5 —', '－12－', '4', '第 4 页', '第4页 共6页', '4/6', '· 7 ·']) expect(isPageNumber(s), s).toBe(true);
    for (const s of ['2024年', '第二十条', '- 4 - 5', '4 件', '| 4 |']) expect(isPageNumber(s), s).toBe(false);
  });
});
