import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_KEYS, activeKeysFor } from '../../scripts/ingest/keys';
import { parseReport } from '../../scripts/ingest/parse/index';
import { fixture } from '../support/shared';

const expected = JSON.parse(readFileSync(fixture('hongtuya-2022.expected.json'), 'utf8'));
const report = parseReport(readFileSync(fixture('hongtuya-2022.txt'), 'utf8'));

describe('the seed report (红土崖镇 2022, one cell per line)', () => {
  it('gives who, when, where and the format exactly', () => {
    expect(report.organ).toBe(expected.organ);
    expect(report.jurisdiction).toMatchObject(expected.jurisdiction);
    expect(report.year).toBe(expected.year);
    expect(report.template).toBe(expected.template);
  });

  it('gives every figure of table 二 exactly, with the 2021 keys', () => {
    expect(report.active).toEqual(expected.active);
    expect(Object.keys(report.active)).toEqual(activeKeysFor('2021').map((k) => k.key));
  });

  it('gives every row and column of table 三, the blank cell as null', () => {
    expect(report.applications).toEqual(expected.applications);
    const rows = APPLICATION_ROWS.filter((r) => r.key !== 'other.all').map((r) => r.key);
    expect(Object.keys(report.applications)).toEqual(rows);
    for (const row of rows) expect(Object.keys(report.applications[row])).toEqual(APPLICANT_COLUMNS.map((c) => c.key));
    expect(report.applications['denied.state_secret'].commercial).toBeNull();
  });

  it('gives all 15 cells of table 四', () => {
    expect(report.review).toEqual(expected.review);
    expect(Object.keys(report.review)).toEqual(REVIEW_KEYS);
  });

  it('splits the prose parts 一, 五, 六 without the tables or the signature', () => {
    expect(report.sections.overview).toMatch(/^2022年,红土崖镇高度重视/);
    expect(report.sections.overview).not.toContain('主动公开政府信息情况');
    expect(report.sections.problems).toMatch(/^2022年,我镇政府信息工作虽然取得了一定的成绩/);
    expect(report.sections.other).toBe('红土崖镇人民政府无其他报告事项');
  });

  it('runs the four consistency rules, all passing, and says where a blank was counted as 0', () => {
    const rules = new Set(report.checks.map((c) => c.rule));
    expect(rules).toEqual(new Set(['applications.balance', 'applications.row_total', 'applications.outcome_total', 'review.total']));
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks).toHaveLength(7 + 7 + 25 + 3);
    const blank = report.checks.filter((c) => c.assumed_blank_zero);
    expect(blank.map((c) => c.row ?? c.column).sort()).toEqual(['commercial', 'denied.state_secret']);
  });

  it('records where each figure came from in the text', () => {
    const withText = parseReport(readFileSync(fixture('hongtuya-2022.txt'), 'utf8'), { withText: true });
    const origin = withText.origins!['applications.granted.total'];
    expect(withText.text!.slice(origin.start, origin.end)).toBe('0');
    expect(withText.text!.slice(0, origin.start)).toContain('(一)予以公开');
    const blank = withText.origins!['applications.denied.state_secret.commercial'];
    expect(blank.raw).toBe('');
    expect(withText.text!.slice(blank.start, blank.start + 1)).toBe('|');
  });
});
