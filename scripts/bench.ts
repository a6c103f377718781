/**
 * `npm run bench [-- --units N|all] [--years 2019-2023] [--seed S] [--runs R] [--json]`: builds (or
 * reuses) a synthetic corpus under data/synth/ with `npm run synth`, ingests it with `npm run
 * ingest` into a fresh database in a temporary folder, then times every dashboard query on it.
 * `--db PATH` only times the queries on an existing database.
 * Prints a table, or with --json one line:
 * {"reports":N,"ingest_s":S,"reports_per_s":R,"peak_rss_mb":M,"db_mb":D,"queries":{"<name>":{"p50_ms":a,"p95_ms":b}}}
 * with `ingest_phases_s` too: the ingest's seconds reading, parsing and writing files, then on the
 * cross-year checks, 雷同 comparison and area summaries.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { generatorFingerprint } from './ingest/synth/fingerprint';
import { parseArgs } from 'node:util';

interface IngestResult {
  files: number;
  ingested: number;
  superseded: number;
  failed: number;
  seconds: number;
  peak_rss_mb: number;
  phases?: Record<string, number>;
  results: { status: string; path: string; error?: string }[];
}

function run(command: string, args: string[], capture: boolean): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 || (capture && code === 1) ? done(out) : fail(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/**
 * The corpus for these settings and today's generator, generated once and reused while its manifest
 * is there. The folder is named by the generator's fingerprint, so a corpus an older generator wrote
 * is never reused; those of the same settings are deleted when a new one is written.
 */
async function corpus(units: string, years: string, seed: string): Promise<string> {
  const settings = `units-${units}-years-${years}-seed-${seed}`;
  const dir = resolve('data/synth', `${settings}-${generatorFingerprint()}`);
  if (existsSync(join(dir, 'manifest.json'))) {
    process.stderr.write(`Reusing the corpus in ${dir}\n`);
    return dir;
  }
  if (!existsSync('scripts/ingest/synth')) throw new Error('the synthetic generator (npm run synth) is not in this checkout');
  for (const old of existsSync('data/synth') ? readdirSync('data/synth') : []) {
    if (old !== basename(dir) && old.startsWith(settings) && (old === settings || /^-[0-9a-f]{12}$/.test(old.slice(settings.length)))) {
      process.stderr.write(`Deleting data/synth/${old}, written by an older generator\n`);
      rmSync(join('data/synth', old), { recursive: true, force: true });
    }
  }
  process.stderr.write(`Generating the corpus in ${dir} (npm run synth)…\n`);
  rmSync(dir, { recursive: true, force: true });
  await run('npm', ['run', '-s', 'synth', '--', '--out', dir, '--units', units, '--years', years, '--seed', seed], false);
  return dir;
}

function sizeMb(path: string): number {
  let bytes = 0;
  for (const suffix of ['', '.wal']) if (existsSync(path + suffix)) bytes += statSync(path + suffix).size;
  return bytes / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeQuery(runs: number, fn: (i: number) => Promise<unknown>): Promise<{ p50_ms: number; p95_ms: number }> {
  for (let i = 0; i < 2; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)) };
}

const COMPARED_KEYS = [
  'applications.received_new.total',
  'applications.carried_over.total',
  'applications.granted.total',
  'applications.partially_granted.total',
  'applications.unable.not_held.total',
  'applications.total.total',
  'applications.carried_forward.total',
  'review.review.total',
  'review.litigation_direct.total',
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '2000' },
      years: { type: 'string', default: '2019-2023' },
      seed: { type: 'string', default: 'bench' },
      runs: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      db: { type: 'string' },
    },
  });
  const work = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  let dbPath = join(work, 'bench.duckdb');
  let ingest: IngestResult = { files: 0, ingested: 0, superseded: 0, failed: 0, seconds: NaN, peak_rss_mb: 0, results: [] };
  if (values.db) {
    dbPath = resolve(values.db);
    process.stderr.write(`Timing the queries on ${dbPath} (no corpus, no ingest)\n`);
  } else {
    const dir = await corpus(values.units!, values.years!, values.seed!);
    process.stderr.write(`Ingesting ${dir} into ${dbPath} (npm run ingest)…\n`);
    ingest = JSON.parse(await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/ingest/cli.ts', dir, '--db', dbPath, '--json'], true)) as IngestResult;
  }
  const dbMb = sizeMb(dbPath);

  process.env.NIANBAO_DB = dbPath;
  const { query } = await import('../app/models/db.server');
  const { getReport, listReports } = await import('../app/models/reports.server');
  const { COMPARE_DEFAULTS, LIST_DEFAULTS, parseQuality, parseSimilarity, parseTimeliness } = await import('../app/lib/view-state');
  const agg = await import('../app/models/aggregates.server');
  const overview = await import('../app/models/coverage.server');
  const { loadCompare } = await import('../app/models/compare.server');
  const quality = await import('../app/models/quality.server');
  const { loadPicker, searchUnits } = await import('../app/models/hierarchy.server');
  const { loadTimeliness } = await import('../app/models/timeliness.server');
  const { loadSimilarity, loadPair } = await import('../app/models/similarity.server');
  const [pick] = await query<{ county: string; province: string; year: number; first: number; last: number }>(`
    SELECT county_code AS county, any_value(province_code) AS province, max(year) AS year, min(year) AS first, max(year) AS last
    FROM current_reports WHERE county_code IS NOT NULL GROUP BY county_code ORDER BY count(*) DESC, county_code LIMIT 1`);
  const ids = (await query<{ id: number }>('SELECT id FROM current_reports USING SAMPLE 200 ROWS')).map((r) => r.id);
  const years = Array.from({ length: pick.last - pick.first + 1 }, (_, i) => pick.first + i);
  const pairs = await query<{ a: number; b: number }>('SELECT report_id AS a, other_id AS b FROM similarity USING SAMPLE 50 ROWS');
  const runs = Number(values.runs);
  const [{ reports }] = await query<{ reports: number }>('SELECT count(*)::INTEGER AS reports FROM reports');

  const queries: Record<string, (i: number) => Promise<unknown>> = {
    list_page: () => listReports(LIST_DEFAULTS),
    list_page_filtered: () => listReports({ ...LIST_DEFAULTS, within: pick.province, years: { from: pick.year, to: pick.year } }),
    report_page: (i) => getReport(ids[i % ids.length]),
    counts_by_province_year: () => agg.countsByProvinceYear(),
    county_coverage: () => agg.countyCoverage(pick.county, years),
    compare_townships: () => agg.compareTownships(pick.county, COMPARED_KEYS, { from: pick.first, to: pick.last }),
    failed_checks_by_rule: () => agg.failedChecksByRule(),
    cross_year_breaks: () => agg.crossYearBreaks(pick.county),
    province_totals: () => agg.provinceTotals('applications.received_new.total', pick.year),
    // The dashboard's pages. Their loaders keep national aggregates until the data changes, so the
    // aggregates are timed uncached, through the functions the loaders call.
    overview_headline_country: () => overview.headline(null),
    overview_coverage_country: () => overview.coverage(null, null),
    overview_trends_country: () => overview.trends(null, null),
    overview_coverage_county: () => overview.coverage(pick.county, null),
    compare_county_townships: () => loadCompare({ ...COMPARE_DEFAULTS, within: pick.county }),
    quality_by_rule_country: () => quality.failedByRule({ within: null, years: null, rule: null }),
    quality_by_unit_country: () => quality.failedByUnit({ within: null, years: null, rule: null }),
    quality_page_county: () => quality.loadQuality(parseQuality(`in=${pick.county}`)),
    picker_county: () => loadPicker(pick.county, [], ''),
    search_units: () => searchUnits('城关镇'),
    timeliness_country: () => loadTimeliness(parseTimeliness('')),
    timeliness_county: () => loadTimeliness(parseTimeliness(`in=${pick.county}`)),
    similarity_country: () => loadSimilarity(parseSimilarity('')),
    similarity_county: () => loadSimilarity(parseSimilarity(`in=${pick.county}`)),
    similarity_pair: (i) => (pairs.length ? loadPair(pairs[i % pairs.length].a, pairs[i % pairs.length].b) : Promise.resolve(null)),
  };
  const timings: Record<string, { p50_ms: number; p95_ms: number }> = {};
  for (const [name, fn] of Object.entries(queries)) timings[name] = await timeQuery(runs, fn);

  const result = {
    reports,
    ingest_s: Math.round(ingest.seconds * 10) / 10,
    reports_per_s: Math.round(reports / ingest.seconds),
    peak_rss_mb: ingest.peak_rss_mb,
    ingest_phases_s: Object.fromEntries(Object.entries(ingest.phases ?? {}).map(([k, v]) => [k.replace(/_s$/, ''), Math.round(v * 10) / 10])),
    db_mb: Math.round(dbMb),
    queries: timings,
  };
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const failed = ingest.results.filter((r) => r.status === 'failed');
  const lines = [
    `reports ingested   ${reports} (${ingest.files} files, ${failed.length} failed)`,
    `ingest             ${result.ingest_s} s, ${result.reports_per_s} reports/s`,
    ...(ingest.phases ? [`  of which         ${Object.entries(result.ingest_phases_s).map(([k, v]) => `${k} ${v} s`).join(', ')}`] : []),
    `peak memory        ${result.peak_rss_mb} MB (ingest process)`,
    `database           ${result.db_mb} MB`,
    '',
    `query (${runs} runs)              p50 ms    p95 ms`,
    ...Object.entries(timings).map(([name, t]) => `${name.padEnd(28)}${String(t.p50_ms).padStart(8)}${String(t.p95_ms).padStart(10)}`),
    ...failed.slice(0, 5).map((r) => `failed: ${r.path}: ${r.error}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
