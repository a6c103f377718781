/**
 * A report as text in the simplest layout real sites give (one table row per line, cells between
 * pipes), with the official labels and the numbers a test chooses: the dashboard's tests build their
 * database from these through the real parser and writer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  APPLICATION_ROWS,
  REVIEW_KEYS,
  SYNTHETIC_MARK,
  activeKeysFor,
  type FormatVersion,
} from '../../scripts/ingest/keys';
import type { Figure } from '../../scripts/ingest/report';

export interface ReportSpec {
  /** e.g. 蒋坝镇人民政府 */
  organ: string;
  /** the place as a reader writes it, e.g. 江苏省淮安市洪泽区蒋坝镇 */
  place: string;
  year: number;
  format: FormatVersion;
  synthetic?: boolean;
  /** figure key (`active.rules.issued`, `applications.granted.total`, `review.review.total`) → value; the rest are 0 */
  values?: Record<string, Figure>;
}

const cell = (v: Figure) => (v === null ? '' : String(v));

export function renderReport(spec: ReportSpec): string {
  const v = (key: string): Figure => (spec.values && key in spec.values ? spec.values[key] : 0);
  const lines: string[] = [];
  if (spec.synthetic) lines.push(SYNTHETIC_MARK);
  lines.push(`${spec.organ}${spec.year}年政府信息公开工作年度报告`);
  lines.push('一、总体情况');
  lines.push(`${spec.year}年，${spec.place}认真贯彻落实政府信息公开工作要求。（测试用报告：正文从略。）`);

  lines.push('二、主动公开政府信息情况');
  const active = activeKeysFor(spec.format);
  for (const block of [...new Set(active.map((k) => k.block))]) {
    const keys = active.filter((k) => k.block === block);
    const columns = [...new Set(keys.map((k) => (spec.format === '2019' && k.column2019) || k.column))];
    lines.push(`| 第二十条第（${block}）项 | ||||`);
    lines.push(`| 信息内容 | ${columns.join(' | ')} | ${'|'.repeat(Math.max(1, 4 - columns.length))}`);
    for (const row of [...new Set(keys.map((k) => k.row))]) {
      const values = keys.filter((k) => k.row === row).map((k) => cell(v(`active.${k.key}`)));
      lines.push(`| ${row} | ${values.join(' | ')} | ${'|'.repeat(Math.max(1, 4 - values.length))}`);
    }
  }

  lines.push('三、收到和处理政府信息公开申请情况');
  lines.push('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | ||||||||');
  lines.push('| 自然人 | 法人或其他组织 | 总计 | |||||||');
  lines.push('| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||');
  const rows = APPLICATION_ROWS.filter(
    (r) => r.formats.includes(spec.format) && !(spec.format === '2021' && r.key === 'other.all'),
  );
  let group: string | undefined;
  let outcomesStarted = false;
  for (const r of rows) {
    const prefix: string[] = [];
    if (r.outcome && !outcomesStarted) {
      prefix.push('三、本年度办理结果');
      outcomesStarted = true;
    }
    const single = r.key === 'other.all';
    if (r.group && r.group !== group && !single) prefix.push(`${APPLICATION_GROUPS[r.group].number}${APPLICATION_GROUPS[r.group].label}`);
    group = r.group;
    const number = r.key === 'received_new' ? '一、' : r.key === 'carried_over' ? '二、' : r.key === 'carried_forward' ? '四、' : r.number;
    const note = r.key === 'partially_granted' ? '（区分处理的，只计这一情形，不计其他情形）' : '';
    const values = APPLICANT_COLUMNS.map((c) => cell(v(`applications.${r.key}.${c.key}`)));
    lines.push(`| ${[...prefix, `${number}${r.label}${note}`, ...values].join(' | ')} | ${'|'.repeat(Math.max(1, 3 - prefix.length))}`);
  }

  lines.push('四、政府信息公开行政复议、行政诉讼情况');
  lines.push('| 行政复议 | 行政诉讼 | |||||||||||||');
  lines.push('| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||');
  lines.push('| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||');
  lines.push(`| ${REVIEW_KEYS.map((k) => cell(v(`review.${k}`))).join(' | ')} |`);

  lines.push('五、存在的主要问题及改进情况');
  lines.push('（测试用报告：问题与改进从略。）');
  lines.push('六、其他需要报告的事项');
  lines.push('无其他需要报告的事项。');
  lines.push(spec.organ);
  lines.push(`${spec.year + 1}年1月20日`);
  return lines.join('\n') + '\n';
}

/** Values of a report whose in-report checks all pass: outcomes add up, columns add up. */
export function balancedValues(received: number, granted: number, partly: number, carriedOver = 0): Record<string, Figure> {
  const values: Record<string, Figure> = {};
  const put = (row: string, total: number) => {
    values[`applications.${row}.natural_person`] = total;
    values[`applications.${row}.total`] = total;
  };
  const done = granted + partly;
  put('received_new', received);
  put('carried_over', carriedOver);
  put('granted', granted);
  put('partially_granted', partly);
  put('total', done);
  put('carried_forward', received + carriedOver - done);
  return values;
}

/** A writer of one 2021-format report per call into `dir/name/`, which it returns (for ingesting that folder). */
export function reportFolderWriter(dir: string) {
  return (name: string, organ: string, place: string, year: number, values: Record<string, number | null>): string => {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${organ}-${year}.txt`), renderReport({ organ, place, year, format: '2021', values }));
    return folder;
  };
}
