import { describe, expect, it } from 'vitest';
import { APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_COLUMNS } from '../../scripts/ingest/keys';
import { parseReport } from '../../scripts/ingest/parse/index';
import type { Figure, Report } from '../../scripts/ingest/report';
import { renderReport } from '../support/report-text';

const APPLICANTS = APPLICANT_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
const OUTCOME_ROWS = APPLICATION_ROWS.filter((r) => r.outcome && r.formats.includes('2021') && r.key !== 'other.all').map((r) => r.key);

function parse(values: Record<string, Figure>, edit: (text: string) => string = (t) => t): Report {
  const text = renderReport({ organ: '蒋坝镇人民政府', place: '江苏省淮安市洪泽区蒋坝镇', year: 2022, format: '2021', values });
  return parseReport(edit(text));
}

const find = (report: Report, rule: string, where: { row?: string; column?: string; group?: string }) =>
  report.checks.filter((c) => c.rule === rule && c.row === where.row && c.column === where.column && c.group === where.group);

describe('the consistency checks count a blank as 0', () => {
  it('passes a row of six blank applicant cells whose printed total is 0, and says a blank was counted', () => {
    const values = Object.fromEntries(APPLICANTS.map((c) => [`applications.granted.${c}`, null]));
    const report = parse(values);
    expect(report.applications.granted).toMatchObject({ natural_person: null, other_org: null, total: 0 });
    expect(find(report, 'applications.row_total', { row: 'granted' })).toEqual([
      { rule: 'applications.row_total', row: 'granted', ok: true, expected: 0, actual: 0, assumed_blank_zero: true },
    ]);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('passes the other rules the same way: a column of blank outcomes, blank new and carried-over cells, a blank review group', () => {
    const values: Record<string, Figure> = {
      'applications.received_new.research': null,
      'applications.carried_over.research': null,
      ...Object.fromEntries(OUTCOME_ROWS.map((r) => [`applications.${r}.legal_service`, null])),
      ...Object.fromEntries(REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => [`review.litigation_direct.${c.key}`, null])),
    };
    const report = parse(values);
    const zero = { ok: true, expected: 0, actual: 0, assumed_blank_zero: true };
    expect(find(report, 'applications.balance', { column: 'research' })).toEqual([{ rule: 'applications.balance', column: 'research', ...zero }]);
    expect(find(report, 'applications.outcome_total', { column: 'legal_service' })).toEqual([
      { rule: 'applications.outcome_total', column: 'legal_service', ...zero },
    ]);
    expect(find(report, 'review.total', { group: 'litigation_direct' })).toEqual([{ rule: 'review.total', group: 'litigation_direct', ...zero }]);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('still fails blanks beside a printed total that is not 0', () => {
    const values = { ...Object.fromEntries(APPLICANTS.map((c) => [`applications.unable.not_held.${c}`, null])), 'applications.unable.not_held.total': 3 };
    const report = parse(values);
    expect(find(report, 'applications.row_total', { row: 'unable.not_held' })).toEqual([
      { rule: 'applications.row_total', row: 'unable.not_held', ok: false, expected: 0, actual: 3, assumed_blank_zero: true },
    ]);
  });

  it('checks nothing against rows the document lacks: a row not found is no blank', () => {
    const report = parse({}, (text) => text.replace(/^\| [(（]七[)）]总计.*\n/m, '').replace(/^\| 四、结转下年度.*\n/m, ''));
    expect(report.warnings).toContain('part 三: row 总计 not found');
    expect(report.checks.filter((c) => c.rule === 'applications.balance' || c.rule === 'applications.outcome_total')).toEqual([]);
    expect(find(report, 'applications.row_total', { row: 'total' })).toEqual([]);
    expect(find(report, 'applications.row_total', { row: 'granted' })).toEqual([
      { rule: 'applications.row_total', row: 'granted', ok: true, expected: 0, actual: 0 },
    ]);
  });
});

describe('checks of stored or imported figures', () => {
  it('count a key present with a blank as 0, and leave out a row the report lacks', async () => {
    const { checkFigures } = await import('../../scripts/ingest/parse/checks');
    const blankRow = { natural_person: null, commercial: null, research: null, social: null, legal: null, other: null, total: 0 };
    const checks = checkFigures({ granted: blankRow }, {});
    const rowTotal = checks.find((c) => c.rule === 'applications.row_total' && c.row === 'granted')!;
    expect(rowTotal).toMatchObject({ ok: true, expected: 0, actual: 0, assumed_blank_zero: true });
    expect(checks.some((c) => c.row === 'carried_over')).toBe(false);
  });
});
