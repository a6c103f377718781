/**
 * Some pages reach us with every table cell run together on one line (平潭: `规章000行政规范性文件…`).
 * Breaking the line before each heading and label the format prints gives each row its own line, so
 * the digits glued to a label can be recognised as a flattened row (and split only without doubt).
 */
import { APPLICATION_GROUPS, APPLICATION_ROWS } from '../keys';
import { normalizeText } from './normalize';

const LONG_LINE = 1000;
const ARTICLE = '第二十条';

const HEADINGS = '[一二三四五六]、(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政(?:法)?复议|存在的主要问题|其他需要报告)';
const PART_TWO = [
  '第二十条第',
  '信息内容',
  '规章',
  '行政规范性文件',
  '(?<!行政)规范性文件',
  '行政许可',
  '其他对外管理服务事项',
  '行政处罚',
  '行政强制',
  '行政事业[性型]收费',
  '政府集中采购',
  '本年制发件数',
  '本年废止件数',
  '现行有效件数',
  '本年处理决定数量',
  '本年收费金额',
  '本年新制作数量',
  '本年新公开数量',
  '对外公开总数量',
  '上一年项目数量',
  '本年增/减',
  '(?<!本年)处理决定数量',
  '采购项目数量',
  '采购总金额',
];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PART_THREE = [
  '\\(本列数据',
  '申请人情况',
  '三、本年度办理结果',
  ...Object.values(APPLICATION_GROUPS).map((g) => escape(normalizeText(`${g.number}${g.label}`))),
  ...APPLICATION_ROWS.map((r) => escape(normalizeText(`${r.number}${r.label}`))),
];
const PART_FOUR = ['(?<!公开)行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '(?<![)、])总计', '未经复议直接起诉', '(?<!直接起诉)复议后起诉'];

const BREAK = new RegExp(`(?:${HEADINGS}|${[...PART_TWO, ...PART_THREE, ...PART_FOUR].join('|')})`, 'g');
const HEADING = new RegExp(HEADINGS, 'g');

/** Whether a line longer than LONG_LINE holds 第二十条: only the lines holding it are measured. */
export function isFlattened(text: string): boolean {
  for (let at = text.indexOf(ARTICLE); at !== -1; ) {
    const start = text.lastIndexOf('\n', at) + 1;
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    if (end - start > LONG_LINE) return true;
    at = nl === -1 ? -1 : text.indexOf(ARTICLE, nl);
  }
  return false;
}

export function unflatten(text: string): string {
  if (!isFlattened(text)) return text;
  const withHeadings = text.replace(HEADING, '\n$&');
  const start = withHeadings.search(/\n二、主动公开政府信息情况|第二十条/);
  const end = withHeadings.search(/\n五、存在的主要问题/);
  if (start === -1) return withHeadings;
  const stop = end > start ? end : withHeadings.length;
  const tables = withHeadings.slice(start, stop).replace(BREAK, (m, offset: number) => (offset === 0 ? m : `\n${m}`));
  return withHeadings.slice(0, start) + tables + withHeadings.slice(stop);
}
