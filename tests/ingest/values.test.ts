import { describe, expect, it } from 'vitest';
import { parseReport } from '../../scripts/ingest/parse/index';
import { parseCell } from '../../scripts/ingest/parse/values';

describe('what a cell means', () => {
  it.each([
    ['0', 0],
    ['3985758', 3985758],
    ['447,228', 447228],
    ['26.55', 26.55],
    ['+19', 19],
    ['-5', -5],
    ['96171.6万元', 96171.6],
    [' 12 ', 12],
  ])('%s is the number %d', (text, value) => {
    expect(parseCell(text)).toMatchObject({ kind: 'number', value });
  });

  it.each(['', '  ', '—', '——', '-', '/', '无', '－'])('%j is a blank, never 0', (text) => {
    expect(parseCell(text)).toEqual({ kind: 'blank' });
  });

  it('keeps the unit and a note written in the cell', () => {
    expect(parseCell('70487元')).toEqual({ kind: 'number', value: 70487, unit: '元', note: null });
    expect(parseCell('22（其中修订16件）')).toEqual({ kind: 'number', value: 22, unit: null, note: '其中修订16件' });
  });

  it.each(['规章', '本年新', '第二十条第(一)项', '2.重复申请', '(七)总计'])('%s is a label, not a figure', (text) => {
    expect(parseCell(text)).toEqual({ kind: 'text' });
  });
});

const HEAD = '某镇人民政府2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n';

describe('figures as printed in table 二', () => {
  it('reads signs, units and notes in a 2019-format table, with warnings for what it changed', () => {
    const text = `${HEAD}第二十条第(一)项 |
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
规章 | 0 | 0 | 0 |
规范性文件 | 22（其中修订16件） | 20 | 368 |
第二十条第(五)项 |
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 131 | +19 | 3960181 |
其他对外管理服务事项 | 12 | -5 | — |
第二十条第(六)项 |
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政处罚 | 2648 | -18 | 538 |
行政强制 | 无 | / | - |
第二十条第(八)项 |
信息内容 | 上一年项目数量 | 本年增/减 |
行政事业型收费 | 35 | -15 |
第二十条第(九)项 |
信息内容 | 采购项目数量 | 采购总金额 |
政府集中采购 | 2 | 70487元 |
三、收到和处理政府信息公开申请情况
`;
    const r = parseReport(text);
    expect(r.template).toBe('2019');
    expect(r.active).toMatchObject({
      'normative.new_made': 22,
      'normative.total_published': 368,
      'licensing.change': 19,
      'licensing.decisions': 3960181,
      'other_services.change': -5,
      'other_services.decisions': null,
      'punishment.change': -18,
      'coercion.prev_items': null,
      'coercion.change': null,
      'coercion.decisions': null,
      'fees.prev_items': 35,
      'fees.change': -15,
      'procurement.items': 2,
      'procurement.amount': 7.0487,
    });
    expect(r.warnings).toEqual(expect.arrayContaining([expect.stringContaining('其中修订16件'), expect.stringContaining('70487元')]));
  });

  it('records which format each half follows when a report mixes them', () => {
    const text = `${HEAD}第二十条第(一)项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 1 2 3
行政规范性文件 4 5 6
第二十条第(五)项
信息内容 本年处理决定数量
行政许可 7
第二十条第(六)项
信息内容 本年处理决定数量
行政处罚 8
行政强制 9
第二十条第(八)项
信息内容 本年收费金额(单位:万元)
行政事业性收费 1.5
`;
    const r = parseReport(text);
    expect(r.template).toBe('hybrid');
    expect(r.template_parts).toEqual({ 'active.一': '2019', 'active.五六八九': '2021' });
    expect(r.active).toEqual({
      'rules.new_made': 1, 'rules.new_published': 2, 'rules.total_published': 3,
      'normative.new_made': 4, 'normative.new_published': 5, 'normative.total_published': 6,
      'licensing.decisions': 7, 'punishment.decisions': 8, 'coercion.decisions': 9, 'fees.amount': 1.5,
    });
  });

  it('converts a fee stated in 元 by its header and says so', () => {
    const text = `${HEAD}第二十条第(八)项 |
信息内容 | 本年收费金额(单位:元) |
行政事业性收费 | 12345 |
`;
    const r = parseReport(text);
    expect(r.active['fees.amount']).toBe(1.2345);
    expect(r.warnings.some((w) => w.includes('fees.amount'))).toBe(true);
  });
});
