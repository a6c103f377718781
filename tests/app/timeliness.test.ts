/**
 * 及时性 on a real DuckDB file built through the real ingest. 缺报: townships with years taken out
 * of a synthetic corpus are listed for exactly those years, the page (which reads unit_years) agrees
 * with the definition computed over every report in each scope, and it stays so when the years arrive
 * in two ingests and when a report is superseded. 迟报 and 未注明日期: the lists and counts (read from
 * untimely_reports) agree with the definition over every report, also after supersessions that make a
 * report late or on time, and in a file made before the table.
 */
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../scripts/ingest/ingest';
import { ensureSchema } from '../../scripts/ingest/load/migrate';
import { SYNTH_COUNTIES, writeSynthCorpus, type SynthCorpus } from '../support/insights-corpus';
import { tempDir } from '../support/shared';

const dir = tempDir();
process.env.NIANBAO_DB = join(dir, 'timeliness.duckdb');
const { db, query } = await import('../../app/models/db.server');
const { loadTimeliness } = await import('../../app/models/timeliness.server');
const { parseTimeliness } = await import('../../app/lib/view-state');
const { dataAsOf } = await import('../../app/models/coverage.server');

let corpus: SynthCorpus;
/** unit code and year of every report taken out */
const removed: { code: string; year: number }[] = [];

/** 缺报 by its definition: over the current reports in scope, every year of the span a unit lacks. */
async function missingByDefinition(within: string | null, years: { from: number; to: number } | null) {
  const scope = [
    'r.year IS NOT NULL',
    "NOT starts_with(r.unit_key, 'r:')",
    within ? `starts_with(r.jurisdiction_code, '${within}')` : 'true',
    years ? `r.year BETWEEN ${years.from} AND ${years.to}` : 'true',
  ].join(' AND ');
  return query<{ unit: string; year: number }>(
    `WITH u AS (SELECT r.unit_key AS unit, list(DISTINCT r.year) AS have FROM current_reports r WHERE ${scope} GROUP BY 1),
       span AS (${years ? `SELECT ${years.from} AS lo, ${years.to} AS hi` : 'SELECT min(list_min(have)) AS lo, max(list_max(have)) AS hi FROM u'})
     SELECT u.unit, y.year::INTEGER AS year FROM u, span, range(span.lo, span.hi + 1) y(year)
     WHERE NOT list_contains(u.have, y.year) ORDER BY year, unit`,
  );
}

/** The late and undated lists and the counts by year by their definition, over every current report in scope. */
async function untimelyByDefinition(within: string | null, years: { from: number; to: number } | null) {
  const scope = ['r.year IS NOT NULL', within ? `starts_with(r.jurisdiction_code, '${within}')` : 'true', years ? `r.year BETWEEN ${years.from} AND ${years.to}` : 'true'].join(' AND ');
  const deadline = (r: string) => `make_date(${r}.year + 1, 1, 31)`;
  const list = (where: string, order: string) =>
    query<{ id: number; name: string; organ: string | null; year: number; published: string | null; deadline: string; days: number | null; synthetic: boolean }>(
      `SELECT r.id, coalesce(r.jurisdiction_name, r.organ, '（未识别单位）') AS name, r.organ, r.year, strftime(r.published, '%Y-%m-%d') AS published,
         strftime(${deadline('r')}, '%Y-%m-%d') AS deadline, date_diff('day', ${deadline('r')}, r.published)::INTEGER AS days, r.synthetic
       FROM current_reports r WHERE ${scope} AND ${where} ORDER BY ${order}`,
    );
  const years_ = await query<{ year: number; reports: number; onTime: number; late: number; unknown: number }>(
    `SELECT r.year, count(*)::INTEGER AS reports, count(*) FILTER (WHERE r.published <= ${deadline('r')})::INTEGER AS "onTime",
       count(*) FILTER (WHERE r.published > ${deadline('r')})::INTEGER AS late, count(*) FILTER (WHERE r.published IS NULL)::INTEGER AS unknown
     FROM current_reports r WHERE ${scope} GROUP BY r.year ORDER BY r.year`,
  );
  return {
    years: years_,
    late: await list(`r.published > ${deadline('r')}`, 'days DESC, r.year, name, r.id'),
    unknown: await list('r.published IS NULL', 'r.year, name, r.id'),
  };
}

async function untimelyShown(within: string | null, years: { from: number; to: number } | null) {
  const view = await loadTimeliness(parseTimeliness([within && `in=${within}`, years && `y=${years.from}-${years.to}`].filter(Boolean).join('&')));
  return { years: view.years.map(({ missing: _, ...y }) => y), late: view.late, unknown: view.unknown };
}

/** Scopes and year ranges the page is compared with the definition in. */
const untimelyScopes = (): [string | null, { from: number; to: number } | null][] => [
  [null, null],
  [SYNTH_COUNTIES[0], null],
  [SYNTH_COUNTIES[1], null],
  [SYNTH_COUNTIES[0].slice(0, 4), null],
  [SYNTH_COUNTIES[0].slice(0, 2), null],
  [removed[0].code, null],
  [null, { from: 2020, to: 2022 }],
  [null, { from: 2018, to: 2019 }],
  [SYNTH_COUNTIES[1], { from: 2023, to: 2024 }],
];

async function expectUntimelyAsDefined() {
  for (const [within, years] of untimelyScopes()) expect(await untimelyShown(within, years), `${within} ${JSON.stringify(years)}`).toEqual(await untimelyByDefinition(within, years));
}

const shown = async (search: string) => (await loadTimeliness(parseTimeliness(search))).missing.map((m) => ({ unit: m.unit, year: m.year })).sort((a, b) => a.year - b.year || a.unit.localeCompare(b.unit));

beforeAll(async () => {
  corpus = writeSynthCorpus(join(dir, 'synth'));
  const codes = [...new Set([...corpus.files.values()].map((f) => f.code))].sort();
  // a gap inside the span, two at its start, one at its end
  const takeOut = [
    [codes[0], 2021],
    [codes[1], 2019],
    [codes[1], 2020],
    [codes[2], 2023],
  ] as const;
  for (const [code, year] of takeOut) {
    const path = [...corpus.files].find(([, f]) => f.code === code && f.year === year)![0];
    rmSync(path);
    corpus.files.delete(path);
    removed.push({ code, year });
  }
  const paths = [...corpus.files.keys()];
  const early = paths.filter((p) => corpus.files.get(p)!.year <= 2021);
  expect((await ingestPaths(await db(), early)).failed).toBe(0);
  expect((await ingestPaths(await db(), paths.filter((p) => !early.includes(p)))).failed).toBe(0);
}, 120_000);

describe('缺报', () => {
  it('lists exactly the years taken out, under the unit’s name', async () => {
    const view = await loadTimeliness(parseTimeliness(''));
    const units = await query<{ unit: string; code: string }>(`SELECT DISTINCT unit_key AS unit, jurisdiction_code AS code FROM current_reports`);
    const codeOf = new Map(units.map((u) => [u.unit, u.code]));
    expect(view.missing.map((m) => ({ code: codeOf.get(m.unit), year: m.year })).sort((a, b) => a.year - b.year || a.code!.localeCompare(b.code!))).toEqual(
      [...removed].sort((a, b) => a.year - b.year || a.code.localeCompare(b.code)),
    );
    for (const m of view.missing) expect(corpus.units.find((u) => u.code === codeOf.get(m.unit))!.name).toBe(m.name);
    for (const y of view.years) expect(y.missing).toBe(removed.filter((r) => r.year === y.year).length);
  });

  it('agrees with the definition over every report in each scope and year range', async () => {
    const township = removed[0].code;
    for (const [within, years] of [
      [null, null],
      [SYNTH_COUNTIES[0], null],
      [SYNTH_COUNTIES[1], null],
      [township, null],
      [null, { from: 2020, to: 2022 }],
      [null, { from: 2018, to: 2019 }],
      [SYNTH_COUNTIES[0], { from: 2023, to: 2024 }],
    ] as const) {
      const search = [within && `in=${within}`, years && `y=${years.from}-${years.to}`].filter(Boolean).join('&');
      const expected = await missingByDefinition(within, years);
      expect(await shown(search), search).toEqual(expected);
    }
    // not vacuous: every unit with a report for 2019 misses 2018, which the corpus does not have
    const with2019 = new Set([...corpus.files.values()].filter((f) => f.year === 2019).map((f) => f.code));
    expect(await shown('y=2018-2019')).toHaveLength(with2019.size);
  });

  it('follows a supersession: a unit’s new report for a year it had is no gap, and the old one is gone', async () => {
    const before = await shown('');
    const [path] = [...corpus.files].find(([, f]) => f.code === removed[0].code && f.year === 2022)!;
    const again = join(dir, 'again.txt');
    writeFileSync(again, readFileSync(path, 'utf8') + '\n');
    expect((await ingestPaths(await db(), [again])).superseded).toBe(1);
    expect(await shown('')).toEqual(before);
    expect(await shown('')).toEqual(await missingByDefinition(null, null));
    const [{ n }] = await query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM unit_years WHERE last_id = (SELECT id FROM reports WHERE source_path = $p)`, { p: path });
    expect(n).toBe(0);
  });

  it('is counted for a file made before unit_years, when it is opened', async () => {
    const before = await shown('');
    const connection = await db();
    await connection.run('DROP TABLE unit_years');
    await ensureSchema(connection);
    expect(await shown('')).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });
});

describe('迟报 and 未注明日期', () => {
  it('agree with the definition over every report in each scope and year range', async () => {
    await expectUntimelyAsDefined();
    // not vacuous: the corpus has late reports in both counties, and undated ones
    for (const county of SYNTH_COUNTIES) expect((await untimelyShown(county, null)).late.length, county).toBeGreaterThan(0);
    expect((await untimelyShown(null, null)).unknown.length).toBeGreaterThan(0);
  });

  it('follow supersessions: a late report replaced by one on time leaves the list, an on-time one replaced by a late one joins it', async () => {
    const [late] = await query<{ id: number; path: string; year: number }>(
      `SELECT id, source_path AS path, year FROM current_reports WHERE published > make_date(year + 1, 1, 31) ORDER BY id LIMIT 1`,
    );
    const [onTime] = await query<{ id: number; path: string; year: number }>(
      `SELECT id, source_path AS path, year FROM current_reports WHERE published <= make_date(year + 1, 1, 31) AND jurisdiction_code IS NOT NULL ORDER BY id LIMIT 1`,
    );
    // the page's 发布日期 comes before the date the report is signed with
    const dated = (report: { path: string }, date: string, name: string) => {
      const path = join(dir, name);
      writeFileSync(path, `发布日期：${date}\n${readFileSync(report.path, 'utf8')}`);
      return path;
    };
    const result = await ingestPaths(await db(), [dated(late, `${late.year + 1}-01-20`, 'now-on-time.txt'), dated(onTime, `${onTime.year + 1}-05-20`, 'now-late.txt')]);
    expect(result.superseded).toBe(2);
    const ids = await query<{ id: number; path: string }>(`SELECT id, source_path AS path FROM current_reports WHERE source_path LIKE '%now-%'`);
    const idOf = (name: string) => ids.find((r) => r.path.endsWith(name))!.id;
    const view = await untimelyShown(null, null);
    expect(view.late.map((r) => r.id)).not.toContain(late.id);
    expect(view.late.map((r) => r.id)).not.toContain(idOf('now-on-time.txt'));
    expect(view.late.find((r) => r.id === idOf('now-late.txt'))?.published).toBe(`${onTime.year + 1}-05-20`);
    await expectUntimelyAsDefined();
    // the pages' "data as of" (read over every report) is still the newest current report's day
    const [{ d }] = await query<{ d: string }>(`SELECT strftime(max(ingested_at), '%Y-%m-%d') AS d FROM current_reports`);
    expect(await dataAsOf()).toBe(d);
  });

  it('are counted for a file made before untimely_reports, when it is opened', async () => {
    const before = await untimelyShown(null, null);
    const [{ n: reports }] = await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM reports');
    const connection = await db();
    await connection.run('DROP TABLE untimely_reports');
    await ensureSchema(connection);
    expect(await untimelyShown(null, null)).toEqual(before);
    expect((await query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM reports'))[0].n).toBe(reports);
    expect(before.late.length).toBeGreaterThan(0);
  });
});
