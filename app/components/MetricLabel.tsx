/** An indicator's name where its figure appears: linked to the dictionary, its formula and caveats on hover. */
import { Link } from '@remix-run/react';
import { TEMPLATE_LABELS } from '../../scripts/ingest/keys';
import { type MetricDef } from '../../scripts/ingest/metrics';

export function metricFormats(m: MetricDef): string {
  return Object.keys(m.formulas)
    .map((f) => TEMPLATE_LABELS[f as keyof typeof TEMPLATE_LABELS])
    .join('、');
}

export function MetricLabel({ metric }: { metric: MetricDef }) {
  const title = [`${metric.label} = ${metric.formulaText}`, `适用：${metricFormats(metric)}`, ...metric.caveats].join('\n');
  return (
    <Link to={`/metrics#${metric.id}`} title={title} className="metric-label">
      {metric.label}
    </Link>
  );
}
