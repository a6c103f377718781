/**
 * A report's supervisor insights: the dictionary's indicators, where the unit sits among its peers,
 * the figures its prose states against its tables, whether it was published on time, and the reports
 * its prose repeats.
 */
import type { Template } from '../../scripts/ingest/keys';
import { benchmark, type Benchmark } from '../../scripts/ingest/insights/benchmark';
import { proseAgainstTables, type ProseFigure } from '../../scripts/ingest/insights/prose-figures';
import { DEFAULT_THRESHOLD } from '../../scripts/ingest/insights/similarity';
import {
  METRICS,
  METRIC_COLUMNS,
  computeMetric,
  daysLate,
  publicationDeadline,
  timeliness,
  type MetricValue,
  type ReportValues,
  type Timeliness,
  type Values,
} from '../../scripts/ingest/metrics';
import { query } from './db.server';
import { known, valuesSql } from './values.server';

export interface MetricRow {
  id: string;
  value: MetricValue;
  benchmark: Benchmark | null;
}

export interface PeerScope {
  /** 同县（区）乡镇（街道）, 同市县级 … */
  label: string;
  reports: number;
}

export interface ReportInsights {
  metrics: MetricRow[];
  peers: PeerScope | null;
  prose: ProseFigure[];
  timeliness: { status: Timeliness; deadline: string | null; days: number | null };
  similar: { other: number; name: string; year: number; kind: 'previous_year' | 'same_year'; part: string; share: number }[];
}

interface Base {
  id: number;
  year: number | null;
  template: Template;
  chain: string | null;
  published: string | null;
  code: string | null;
  level: string | null;
  county_code: string | null;
  city_code: string | null;
  province_code: string | null;
  prose: string;
}

const COLUMNS = known([...METRIC_COLUMNS, 'applications.carried_over.total', 'review.litigation_direct.total', 'review.litigation_after_review.total']);

async function valuesOf(idsSql: string, params: Record<string, string | number>): Promise<Map<number, Values>> {
  const rows = await query<Record<string, number | null> & { report_id: number }>(valuesSql(COLUMNS, idsSql), params);
  return new Map(rows.map((r) => [r.report_id, Object.fromEntries(COLUMNS.map((c, i) => [c, r[`c${i}`]]))]));
}

/**
 * Peers: current reports of the same year and the same level — townships of the same county, counties
 * of the same city, cities of the same province, or departments of the same county (else city).
 */
function peerScope(b: Base): { sql: string; label: string; params: Record<string, string | number> } | null {
  if (b.year === null || !b.code) return null;
  const params = { year: b.year };
  if (b.level === '部门') {
    const area = b.county_code ?? b.city_code;
    return area
      ? { sql: `r.jurisdiction_level = '部门' AND coalesce(r.county_code, r.city_code) = $area`, label: '同地部门', params: { ...params, area } }
      : null;
  }
  const byLength: Record<number, { parent: string | null; column: string; label: string }> = {
    9: { parent: b.county_code, column: 'county_code', label: '同县（区）乡镇（街道）' },
    12: { parent: b.county_code, column: 'county_code', label: '同县（区）乡镇（街道）' },
    6: { parent: b.city_code, column: 'city_code', label: '同市县（区）' },
    4: { parent: b.province_code, column: 'province_code', label: '同省地市' },
  };
  const p = byLength[b.code.length];
  if (!p?.parent) return null;
  return {
    sql: `r.${p.column} = $area AND length(r.jurisdiction_code) IN (${b.code.length === 6 || b.code.length === 4 ? b.code.length : '9, 12'})
      AND coalesce(r.jurisdiction_level, '') <> '部门'`,
    label: p.label,
    params: { ...params, area: p.parent },
  };
}

export async function reportInsights(id: number): Promise<ReportInsights | null> {
  const [b] = await query<Base>(
    `SELECT id, year, template, chain, strftime(published, '%Y-%m-%d') AS published, jurisdiction_code AS code, jurisdiction_level AS level,
       county_code, city_code, province_code, concat_ws('\n', section_overview, section_problems, section_other) AS prose
     FROM reports WHERE id = $id`,
    { id },
  );
  if (!b) return null;
  const [own, previous] = await Promise.all([
    valuesOf('SELECT $id::INTEGER', { id }),
    b.chain && b.year !== null
      ? query<{ id: number; template: Template }>(
          `SELECT id, template FROM current_reports WHERE chain = $chain AND year = $year`,
          { chain: b.chain, year: b.year - 1 },
        )
      : Promise.resolve([]),
  ]);
  const values = own.get(id) ?? {};
  const prevValues = previous.length ? (await valuesOf('SELECT $pid::INTEGER', { pid: previous[0].id })).get(previous[0].id) ?? {} : null;
  const report: ReportValues = { template: b.template, values };
  const prev: ReportValues | null = previous.length && prevValues ? { template: previous[0].template, values: prevValues } : null;

  const scope = peerScope(b);
  let peers: { template: Template; values: Values }[] = [];
  if (scope) {
    const ids = `SELECT r.id FROM current_reports r WHERE r.year = $year AND ${scope.sql}`;
    const [templates, peerValues] = await Promise.all([
      query<{ id: number; template: Template }>(`SELECT r.id, r.template FROM current_reports r WHERE r.year = $year AND ${scope.sql}`, scope.params),
      valuesOf(ids, scope.params),
    ]);
    peers = templates.map((t) => ({ template: t.template, values: peerValues.get(t.id) ?? {} }));
  }

  const metrics = METRICS.map((m): MetricRow => {
    const value = computeMetric(m, report, prev);
    if (m.kind === 'yoy' || value.value === null || peers.length < 2) return { id: m.id, value, benchmark: null };
    const all = peers.map((p) => computeMetric(m, p).value).filter((v): v is number => v !== null);
    return { id: m.id, value, benchmark: all.length >= 2 ? benchmark(value.value, all) : null };
  });

  const similar = await query<ReportInsights['similar'][number]>(
    `SELECT s.other_id AS other, coalesce(o.jurisdiction_name, o.organ, '（未识别单位）') AS name, o.year, s.kind, s.part, s.share
     FROM similarity s JOIN current_reports o ON o.id = s.other_id
     WHERE s.report_id = $id AND s.share >= ${DEFAULT_THRESHOLD} ORDER BY s.share DESC`,
    { id },
  );

  const status = timeliness(b.year, b.published);
  return {
    metrics,
    peers: scope ? { label: scope.label, reports: peers.length } : null,
    prose: proseAgainstTables(b.prose, values),
    timeliness: {
      status,
      deadline: b.year === null ? null : publicationDeadline(b.year),
      days: b.year !== null && b.published ? daysLate(b.year, b.published) : null,
    },
    similar,
  };
}
