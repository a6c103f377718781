/**
 * The dashboard's test database: three townships of 洪泽区 over 2019–2023 (one year missing, one
 * synthetic unit, a blank cell, a failed check), the county's and a neighbouring county's own
 * reports, and the real seed report of 红土崖镇. Written as report files and ingested through the real
 * parser and writer, so every figure has its origin in the source text.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ingestPaths } from '../../scripts/ingest/ingest';
import type { Figure } from '../../scripts/ingest/report';
import { balancedValues, renderReport, type ReportSpec } from './report-text';
import { fixture } from './shared';

export const COUNTY = '320813';
export const TOWNSHIPS = [
  { code: '320813101', name: '蒋坝镇', organ: '蒋坝镇人民政府', synthetic: false },
  { code: '320813103', name: '岔河镇', organ: '岔河镇人民政府', synthetic: false },
  { code: '320813104', name: '西顺河镇', organ: '西顺河镇人民政府', synthetic: true },
] as const;
export const YEARS = [2019, 2020, 2021, 2022, 2023];
/** 岔河镇 did not publish for 2021 */
export const MISSING = { code: '320813103', year: 2021 };
/** 岔河镇 2023 prints a （七）总计 5 too high */
export const FAILING = { code: '320813103', year: 2023 };
/** 蒋坝镇 2022 leaves 予以公开 · 商业企业 blank */
export const BLANK = { code: '320813101', year: 2022, key: 'applications.granted.commercial' };

export const formatOf = (year: number) => (year >= 2021 ? '2021' : '2019');

/** The figures of a township's report, chosen so that each unit and year differ. */
export function townshipValues(index: number, year: number): Record<string, Figure> {
  const received = 10 * (index + 1) + (year - 2019);
  const granted = received - 2 - index;
  const values: Record<string, Figure> = { ...balancedValues(received, granted, 1) };
  if (year >= 2021) values['active.fees.amount'] = 1.5 * (index + 1);
  values['active.licensing.decisions'] = 100 * (index + 1) + year - 2019;
  if (index === 0 && year === 2023) Object.assign(values, { 'review.review.upheld': 2, 'review.review.corrected': 1, 'review.review.total': 3 });
  if (TOWNSHIPS[index].code === FAILING.code && year === FAILING.year) {
    values['applications.total.total'] = (values['applications.total.total'] as number) + 5;
    values['applications.total.natural_person'] = values['applications.total.total'];
  }
  if (TOWNSHIPS[index].code === BLANK.code && year === BLANK.year) values[BLANK.key] = null;
  return values;
}

export function fixtureSpecs(): { file: string; spec: ReportSpec }[] {
  const out: { file: string; spec: ReportSpec }[] = [];
  TOWNSHIPS.forEach((t, index) => {
    for (const year of YEARS) {
      if (t.code === MISSING.code && year === MISSING.year) continue;
      out.push({
        file: `${t.code}-${year}.txt`,
        spec: { organ: t.organ, place: `江苏省淮安市洪泽区${t.name}`, year, format: formatOf(year), synthetic: t.synthetic, values: townshipValues(index, year) },
      });
    }
  });
  out.push({
    file: '320813-2023.txt',
    spec: { organ: '洪泽区人民政府', place: '江苏省淮安市洪泽区', year: 2023, format: '2021', values: balancedValues(21, 20, 0) },
  });
  out.push({
    file: '320831-2023.txt',
    spec: { organ: '金湖县人民政府', place: '江苏省淮安市金湖县', year: 2023, format: '2021', values: balancedValues(40, 30, 5) },
  });
  return out;
}

/** Writes the report files under `dir` and ingests them (and the seed report) into `db`. */
export async function buildDashboardDb(db: DuckDBConnection, dir: string): Promise<void> {
  const reports = join(dir, 'reports');
  mkdirSync(reports, { recursive: true });
  for (const { file, spec } of fixtureSpecs()) writeFileSync(join(reports, file), renderReport(spec));
  copyFileSync(fixture('hongtuya-2022.txt'), join(reports, 'hongtuya-2022.txt'));
  const summary = await ingestPaths(db, [reports]);
  if (summary.failed > 0 || summary.ingested !== fixtureSpecs().length + 1) {
    throw new Error(`fixture ingest: ${JSON.stringify(summary.results.filter((r) => r.status !== 'ingested'))}`);
  }
}
