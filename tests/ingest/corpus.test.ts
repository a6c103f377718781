/**
 * Complete real reports in ../shared/corpus (PDF, Word, HTML, flattened text) against the figures
 * read by hand in its README, including the errors the reports really contain.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../scripts/ingest/parse-file';
import type { Report } from '../../scripts/ingest/report';
import { sharedFile } from '../support/shared';

const corpus = (name: string) => sharedFile(`corpus/${name}`);
const row = (r: Report, key: string) => Object.values(r.applications[key]);
const failed = (r: Report) => r.checks.filter((c) => !c.ok).map((c) => `${c.rule}:${c.row ?? c.column ?? c.group}`);

describe('淮安市人民政府 2024 (PDF, 6 pages, large numbers)', () => {
  const file = corpus('govnianbao__szfgs2024.pdf');
  it.skipIf(!file)('gives every known figure and passes every check', async () => {
    const { report } = await parseFile(file!);
    expect(report).toMatchObject({ organ: '淮安市人民政府', year: 2024, template: '2021' });
    expect(report.active).toEqual({
      'rules.issued': 1, 'rules.repealed': 0, 'rules.in_force': 11,
      'normative.issued': 8, 'normative.repealed': 26, 'normative.in_force': 66,
      'licensing.decisions': 447228, 'punishment.decisions': 3985758, 'coercion.decisions': 88283, 'fees.amount': 96171.6,
    });
    expect(row(report, 'received_new')).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
    expect(report.applications.carried_over.total).toBe(34);
    expect(report.applications.granted.total).toBe(1362);
    expect(row(report, 'total')).toEqual([2932, 53, 0, 0, 61, 4, 3050]);
    expect(report.applications.carried_forward.total).toBe(103);
    expect(Object.values(report.review)).toEqual([72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
    expect(failed(report)).toEqual([]);
  });
});

describe('洪泽区 2023 and 2024 (PDF)', () => {
  const y2023 = corpus('KIROGOVCOMPARE__hzq2023_working.pdf');
  const y2024 = corpus('KIROGOVCOMPARE__hzq2024_working.pdf');
  it.skipIf(!y2023)('2023: known figures, and the two 表四 totals the report prints wrong fail their checks', async () => {
    const { report } = await parseFile(y2023!);
    expect(report).toMatchObject({ year: 2023, template: '2021' });
    expect(report.active).toMatchObject({ 'rules.issued': 0, 'rules.in_force': 0, 'normative.issued': 0, 'normative.repealed': 5, 'normative.in_force': 5, 'licensing.decisions': 550, 'punishment.decisions': 4119, 'coercion.decisions': 195, 'fees.amount': 7730.28 });
    expect(report.applications.received_new.total).toBe(21);
    expect(report.applications.total.total).toBe(21);
    expect(report.applications.carried_over.total).toBe(0);
    expect(report.applications).toHaveProperty(['other.all']);
    expect(report.applications).not.toHaveProperty(['other.other']);
    expect(Object.values(report.review)).toEqual([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]);
    expect(failed(report)).toEqual(['review.total:review', 'review.total:litigation_after_review']);
    const review = report.checks.find((c) => c.rule === 'review.total' && c.group === 'review')!;
    expect([review.expected, review.actual]).toEqual([11, 0]);
  });
  it.skipIf(!y2024)('2024: known figures, every check passing', async () => {
    const { report } = await parseFile(y2024!);
    expect(report).toMatchObject({ year: 2024, template: '2021' });
    expect(report.active).toMatchObject({ 'normative.issued': 3, 'normative.repealed': 0, 'normative.in_force': 8, 'licensing.decisions': 9487, 'punishment.decisions': 2776, 'fees.amount': 7545 });
    expect(report.applications.received_new.total).toBe(95);
    expect(failed(report)).toEqual([]);
  });
});

describe('上海市人民政府办公厅 2019 (HTML, 2019 format)', () => {
  const file = corpus('unknown-repo__index-id-18090078150__2019年上海市人民政府办公厅政府信息公开工作年度报告.html');
  it.skipIf(!file)('reads the 2019 columns, converts 元 to 万元 and keeps blank cells null', async () => {
    const { report } = await parseFile(file!);
    expect(report.template).toBe('2019');
    expect(report.active).toMatchObject({
      'rules.new_made': 13, 'rules.new_published': 13, 'rules.total_published': 524,
      'normative.new_made': 60, 'normative.new_published': 60, 'normative.total_published': 368,
      'procurement.items': 6, 'procurement.amount': 25.1,
    });
    expect(report.warnings.some((w) => w.includes('251000元'))).toBe(true);
    expect(row(report, 'received_new')).toEqual([821, 35, null, null, 2, 1, 859]);
    expect(Object.values(report.review).slice(0, 10)).toEqual([5, null, null, 2, 7, 8, null, null, 1, 9]);
  });
});

describe('the blank official template (Word)', () => {
  const file = corpus('govnianbao__政务公开年报模版.docx');
  it.skipIf(!file)('is recognised as the 2021 format with every figure null, none 0', async () => {
    const { report } = await parseFile(file!);
    expect(report.template).toBe('2021');
    const all = [...Object.values(report.active), ...Object.values(report.applications).flatMap(Object.values), ...Object.values(report.review)];
    expect(all.length).toBe(10 + 25 * 7 + 15);
    expect(all.every((v) => v === null)).toBe(true);
  });
});

describe('平潭 pages whose cells run together (flattened text)', () => {
  const y2023 = corpus('pingtan-gov-zwgk-archive__87885_平潭综合实验区2023年度政府信息公开工作年度报告__page.txt');
  const y2020 = corpus('pingtan-gov-zwgk-archive__80595_平潭综合实验区2020年度政府信息公开工作年度报告__page.txt');
  const y2018 = corpus('pingtan-gov-zwgk-archive__80529_平潭综合实验区2018年度政府信息公开工作年度报告__page.txt');
  it.skipIf(!y2023)('2023: splits only what cannot be wrong, leaves the rest null with a warning', async () => {
    const { report } = await parseFile(y2023!);
    const text = readFileSync(y2023!, 'utf8');
    expect(text).toContain('行政规范性文件77132470');
    expect(report.active).toMatchObject({ 'rules.issued': 0, 'rules.repealed': 0, 'rules.in_force': 0, 'licensing.decisions': 2629, 'punishment.decisions': 1330, 'coercion.decisions': 54, 'fees.amount': 5949.088667 });
    expect([report.active['normative.issued'], report.active['normative.repealed'], report.active['normative.in_force']]).toEqual([null, null, null]);
    expect(report.warnings.some((w) => w.includes('行政规范性文件') && w.includes('run together'))).toBe(true);
    expect(report.applications.received_new.total).toBeNull();
    expect(Object.values(report.review)).toEqual([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]);
  });
  it.skipIf(!y2020)('2020: a negative change glued to a count is never split', async () => {
    const { report } = await parseFile(y2020!);
    expect(report.template).toBe('2019');
    expect(readFileSync(y2020!, 'utf8')).toContain('行政处罚2648-18538');
    expect([report.active['punishment.prev_items'], report.active['punishment.change'], report.active['punishment.decisions']]).toEqual([null, null, null]);
  });
  it.skipIf(!y2018)('2018: the pre-2019 statistics table is recognised and nothing is extracted', async () => {
    const { report } = await parseFile(y2018!);
    expect(report.template).toBe('legacy');
    expect(report.active).toEqual({});
    expect(report.applications).toEqual({});
  });
});
