import { describe, expect, it } from 'vitest';
import {
  COMPARE_DEFAULTS,
  LIST_DEFAULTS,
  parseCell,
  parseCompare,
  parseList,
  parseOverview,
  parseQuality,
  parseYears,
  serializeCompare,
  serializeList,
  serializeOverview,
  serializeQuality,
  type CompareState,
  type ListState,
} from '../../app/lib/view-state';

describe('compare state in the URL', () => {
  it('round-trips a full view through its query string', () => {
    const state: CompareState = {
      units: ['320813101', '320813103', 'o:上海市科委'],
      within: '320813',
      years: { from: 2019, to: 2023 },
      group: 'review',
      view: 'multiples',
      percent: true,
      decal: true,
    };
    const qs = serializeCompare(state);
    expect(qs).toContain('in=320813');
    expect(qs).toContain('u=320813101,320813103,o:');
    expect(parseCompare(qs)).toEqual(state);
  });

  it('leaves defaults out, so the default view is the bare path', () => {
    expect(serializeCompare(COMPARE_DEFAULTS)).toBe('');
    expect(parseCompare('')).toEqual(COMPARE_DEFAULTS);
  });

  it('falls back to defaults for anything invalid and never throws', () => {
    const s = parseCompare('?u=abc,12,,320813101,%00x&in=12345&y=19-2023&g=drop table&view=pie&pct=yes');
    expect(s.units).toEqual(['12', '320813101']);
    expect(s.within).toBeNull();
    expect(s.years).toBeNull();
    expect(s.group).toBe('applications');
    expect(s.view).toBe('auto');
    expect(s.percent).toBe(false);
  });

  it('reads a reversed year range the right way round and refuses absurd years', () => {
    expect(parseYears('2023-2019')).toEqual({ from: 2019, to: 2023 });
    expect(parseYears('2022')).toEqual({ from: 2022, to: 2022 });
    expect(parseYears('1066-2023')).toBeNull();
    expect(parseYears('2023-')).toBeNull();
  });

  it('keeps at most 200 units and drops duplicates', () => {
    const many = Array.from({ length: 300 }, (_, i) => String(320813000 + i)).join(',');
    expect(parseCompare(`?u=${many},320813000`).units).toHaveLength(200);
    expect(parseCompare('?u=320813101,320813101').units).toEqual(['320813101']);
  });
});

describe('report list state', () => {
  it('round-trips filters, sorting, paging and columns', () => {
    const state: ListState = {
      q: '洪泽',
      years: { from: 2021, to: 2023 },
      template: '2019',
      within: '3208',
      checks: 'failed',
      data: 'synthetic',
      sort: { column: 'applications.granted.total', desc: false },
      page: 3,
      size: 100,
      columns: ['unit', 'year', 'active.fees.amount'],
    };
    expect(parseList(serializeList(state))).toEqual(state);
    expect(serializeList(LIST_DEFAULTS)).toBe('');
  });

  it('accepts only known columns, for sorting too, and always keeps the unit column', () => {
    const s = parseList('?cols=year,"; drop table reports,active.fees.amount&sort=source_text.asc&page=-2&size=7');
    expect(s.columns).toEqual(['unit', 'year', 'active.fees.amount']);
    expect(s.sort).toEqual(LIST_DEFAULTS.sort);
    expect(s.page).toBe(1);
    expect(s.size).toBe(50);
  });
});

describe('overview, quality and report page state', () => {
  it('round-trips and rejects unknown rules and division codes', () => {
    const o = { within: '320813', years: { from: 2020, to: 2021 }, decal: false };
    expect(parseOverview(serializeOverview(o))).toEqual(o);
    const q = { within: '32', years: null, rule: 'cross_year.carried' as const, page: 2, decal: true };
    expect(parseQuality(serializeQuality(q))).toEqual(q);
    expect(parseQuality('?rule=nonsense&in=3').rule).toBeNull();
    expect(parseQuality('?rule=nonsense&in=3').within).toBeNull();
  });

  it('highlights only cells that are figure keys', () => {
    expect(parseCell('?cell=applications.granted.total')).toBe('applications.granted.total');
    expect(parseCell('?cell=applications.granted')).toBeNull();
    expect(parseCell('?cell=')).toBeNull();
  });
});
