import { describe, expect, it } from 'vitest';
import {
  activeKeysFor,
  APPLICANT_COLUMNS,
  applicationRowsFor,
  isSignedActiveKey,
  REVIEW_KEYS,
} from '../../scripts/ingest/keys';
import { generateUnitYears, PLANT_RATE, templateFor, type UnitYear } from '../../scripts/ingest/synth/figures';
import { applicationRoles, crossYearIdentities, failing, inYearIdentities } from '../../scripts/ingest/synth/identities';

const YEARS = [2019, 2020, 2021, 2022, 2023];
const UNITS = 3000;

/** Unit-years of a few thousand made-up units, a fifth of them urban. */
function corpus(seed: string, n = UNITS): UnitYear[][] {
  return Array.from({ length: n }, (_, i) =>
    generateUnitYears({ code: String(110000000 + i * 37), urban: i % 5 === 0 }, YEARS, seed),
  );
}

const units = corpus('test-seed');
const all = units.flat();

describe('generateUnitYears', { timeout: 60_000 }, () => {
  it('gives the same figures for the same seed and different ones for another', () => {
    expect(corpus('test-seed', 200)).toEqual(units.slice(0, 200));
    expect(corpus('other-seed', 200)).not.toEqual(units.slice(0, 200));
  });

  it('does not depend on which other units are generated', () => {
    expect(generateUnitYears({ code: String(110000000 + 7 * 37), urban: false }, YEARS, 'test-seed')).toEqual(units[7]);
  });

  it('follows the 2019 format for 2019–2020 and the 2021 format from 2021, with every printed cell', () => {
    const shape = (f: UnitYear) =>
      JSON.stringify([
        Object.keys(f.active),
        Object.keys(f.applications),
        Object.values(f.applications).map((row) => Object.keys(row)),
        Object.keys(f.review),
      ]);
    const expected = (t: UnitYear['template']) =>
      JSON.stringify([
        activeKeysFor(t).map((k) => k.key),
        applicationRowsFor(t).map((r) => r.key),
        applicationRowsFor(t).map(() => APPLICANT_COLUMNS.map((c) => c.key)),
        REVIEW_KEYS,
      ]);
    const wrong = all.filter((f) => f.template !== templateFor(f.year) || shape(f) !== expected(f.template));
    expect(wrong).toEqual([]);
    expect(all.filter((f) => f.year < 2021).every((f) => f.template === '2019')).toBe(true);
  });

  it('keeps every identity of the format in unit-years without a planted error', () => {
    const clean = all.filter((f) => !f.planted);
    expect(clean.length).toBeGreaterThan(all.length * 0.95);
    expect(clean.flatMap((f) => failing(inYearIdentities(f)))).toEqual([]);
  });

  it('chains years: 结转下年度 becomes next year’s 上年结转, 现行有效 carries over', () => {
    let inForceLinks = 0;
    const broken = [];
    for (const years of units) {
      for (let i = 1; i < years.length; i++) {
        if (years[i].planted?.rule.startsWith('cross_year')) continue;
        const results = crossYearIdentities(years[i - 1], years[i]);
        broken.push(...failing(results));
        inForceLinks += results.filter((r) => r.rule === 'cross_year.in_force').length;
      }
    }
    expect(broken).toEqual([]);
    // 2021→2022 and 2022→2023, two chains (规章, 行政规范性文件) each, for nearly every unit
    expect(inForceLinks).toBeGreaterThan(UNITS * 2 * 2 * 0.95);
  });

  it('plants one error in about 2% of unit-years and names exactly the identities it breaks', () => {
    const planted = all.filter((f) => f.planted);
    const share = planted.length / all.length;
    expect(share).toBeGreaterThan(PLANT_RATE * 0.75);
    expect(share).toBeLessThan(PLANT_RATE * 1.25);
    for (const years of units) {
      years.forEach((f, i) => {
        if (!f.planted) return;
        const inYear = failing(inYearIdentities(f));
        const cross = i > 0 ? failing(crossYearIdentities(years[i - 1], f)) : [];
        expect(f.planted.failing.length).toBeGreaterThan(0);
        // an error within the year breaks only in-year identities; a broken chain only the link to last year
        const crossYear = f.planted.rule.startsWith('cross_year');
        expect(f.planted.failing.every((x) => x.rule.startsWith('cross_year') === crossYear)).toBe(true);
        expect([...inYear, ...cross]).toEqual(f.planted.failing);
        expect(f.planted.failing.map((x) => x.rule)).toContain(f.planted.rule);
      });
    }
    expect(new Set(planted.map((f) => f.planted!.rule)).size).toBeGreaterThanOrEqual(5);
  });

  it('looks like township reports: mostly no applications, a heavy tail of busy units, no negative counts', () => {
    const received = all.map((f) => f.applications[applicationRoles(f.template).receivedNew].total ?? 0);
    expect(received.filter((n) => n === 0).length / received.length).toBeGreaterThan(0.5);
    expect(Math.max(...received)).toBeGreaterThan(50);
    const negative = all.filter(
      (f) =>
        activeKeysFor(f.template).some((k) => !isSignedActiveKey(k) && (f.active[k.key] ?? 0) < 0) ||
        Object.values(f.applications).some((row) => Object.values(row).some((v) => (v ?? 0) < 0)),
    );
    expect(negative).toEqual([]);
    expect(all.some((f) => Object.values(f.applications).some((row) => Object.values(row).includes(null)))).toBe(true);
    expect(all.some((f) => activeKeysFor(f.template).some((k) => isSignedActiveKey(k) && (f.active[k.key] ?? 0) < 0))).toBe(true);
    expect(all.some((f) => activeKeysFor(f.template).some((k) => k.unit && !Number.isInteger(f.active[k.key])))).toBe(true);
  });
});
