import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../scripts/ingest/read/html';
import { repoRoot } from '../../support/shared';

const lines = (html: string) => htmlToText(html).split('\n');

describe('htmlToText: tables', () => {
  it('gives one pipe row per table row, each merged cell once, blank cells empty', () => {
    const html = `<table>
      <tr><td colspan="4"><p>第二十条第（一）项</p></td></tr>
      <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>&nbsp;</td><td>　</td><td>0</td></tr>
      <tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>5</td><td></td></tr>
      <tr><td>（二）部分公开</td><td>-</td><td>0</td></tr>
    </table>`;
    expect(lines(html)).toEqual([
      '| 第二十条第（一）项 |',
      '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
      '| 规章 |  |  | 0 |',
      '| 三、本年度办理结果 | （一）予以公开 | 5 |  |',
      '| （二）部分公开 | - | 0 |',
    ]);
  });

  it('decodes entities, collapses whitespace inside a cell and keeps pipes out of cell text', () => {
    const html = `<table><tr><td>本年新<br />制作
      数量</td><td>A&amp;B&lt;C&gt; &#12288;x\u00A0y</td><td>本年增|减</td><td><p>商业</p><p>企业</p></td></tr></table>`;
    expect(lines(html)).toEqual(['| 本年新 制作 数量 | A&B<C> x y | 本年增/减 | 商业 企业 |']);
  });

  it('reads a small table nested in a cell as that cell’s text', () => {
    const html = '<table><tr><td>行政许可</td><td><table><tr><td>12</td><td>件</td></tr></table></td></tr></table>';
    expect(lines(html)).toEqual(['| 行政许可 | 12 件 |']);
  });

  it('unwraps a layout table around a data table', () => {
    const html = `<table><tr><td><a>首页</a></td><td><table>
      <tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>1</td></tr><tr><td>行政规范性文件</td><td>8</td></tr>
      </table></td></tr></table>`;
    expect(lines(html)).toEqual(['首页', '| 信息内容 | 本年制发件数 |', '| 规章 | 1 |', '| 行政规范性文件 | 8 |']);
  });

  it('unwraps a layout table that holds the article, keeping its data table as rows', () => {
    const prose = '本年度报告根据条例要求编制。'.repeat(25);
    const html = `<table><tr><td><p>一、总体情况</p><p>${prose}</p>
      <table><tr><td>规章</td><td>1</td><td>0</td><td>11</td></tr></table>
      <p>五、存在的主要问题及改进情况</p></td></tr></table>`;
    expect(lines(html)).toEqual(['一、总体情况', prose, '| 规章 | 1 | 0 | 11 |', '五、存在的主要问题及改进情况']);
  });

  it('skips rows that hold no text at all but keeps rows with a label and blanks', () => {
    const html = '<table><tr><td>&nbsp;</td><td></td></tr><tr><td>行政许可</td><td> </td></tr></table>';
    expect(lines(html)).toEqual(['| 行政许可 |  |']);
  });
});

describe('htmlToText: prose', () => {
  it('starts with the first <title> in document order, one in a <template> or an <svg> included, entities decoded', () => {
    const page = (head: string) => `<html><head>${head}</head><body><p>正文</p><svg><title>图</title></svg></body></html>`;
    expect(lines(page('<title>2023年 &amp; 报告</title>'))).toEqual(['2023年 & 报告', '正文']);
    expect(lines(page('<template><title>模板标题</title></template><title>真标题</title>'))).toEqual(['模板标题', '正文']);
    expect(lines(page(''))).toEqual(['图', '正文']);
  });

  it('puts each block on its own line and drops scripts, styles, navigation and hidden elements', () => {
    const html = `<html><head><title>年度报告</title><style>p{color:red}</style></head><body>
      <nav><a>首页</a> | <a>政务公开</a></nav><script>var x = "| 1 | 2 |";</script>
      <div>一、总体情况<br>（一）主动公开情况。2024年，<span>全市</span>公开信息<b>5500</b>余条。</div>
      <p style="display:none">隐藏内容</p><h2>二、主动公开政府信息情况</h2><p>　　五、存在的主要问题及改进情况</p>
    </body></html>`;
    expect(lines(html)).toEqual([
      '年度报告',
      '一、总体情况',
      '（一）主动公开情况。2024年，全市公开信息5500余条。',
      '二、主动公开政府信息情况',
      '五、存在的主要问题及改进情况',
    ]);
  });
});

describe('htmlToText on a real page’s tables (上海市人民政府办公厅 2019)', () => {
  const text = htmlToText(readFileSync(path.join(repoRoot, 'tests/fixtures/shanghai-office-2019.html'), 'utf8'));
  const rows = text.split('\n');

  it('keeps the 2019 format’s figures, amounts with units and blank cells', () => {
    expect(rows).toContain('| 规章 | 13 | 13 | 524 |');
    expect(rows).toContain('| 规范性文件 | 60 | 60 | 368 |');
    expect(rows).toContain('| 政府集中采购 | 6 | 251000元 |');
    expect(rows).toContain('| 一、本年新收政府信息公开申请数量 | 821 | 35 |  |  | 2 | 1 | 859 |');
    expect(rows).toContain('| 5 |  |  | 2 | 7 | 8 |  |  | 1 | 9 |  |  |  |  |  |');
  });

  it('keeps section headings on their own lines and leaves out the site chrome', () => {
    for (const heading of ['一、总体情况', '三、收到和处理政府信息公开申请情况', '六、其他需要报告的事项']) expect(rows).toContain(heading);
    expect(text).not.toContain('首页');
    expect(text).not.toContain('nav');
  });
});
