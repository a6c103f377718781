/** The report page's supervisor panels: timeliness, indicators against peers, prose against tables, repeated prose. */
import { Link } from '@remix-run/react';
import { SECTION_KEYS } from '../../scripts/ingest/keys';
import { METRIC_BY_ID, formatMetric } from '../../scripts/ingest/metrics';
import type { ReportInsights as Insights } from '../models/insights.server';
import { MetricLabel } from './MetricLabel';

const TIMELINESS_TEXT = { on_time: '按时发布', late: '逾期发布', unknown: '发布日期不明' } as const;

export function TimelinessBadge({ t }: { t: Insights['timeliness'] }) {
  return (
    <span className={`badge timeliness ${t.status}`} data-timeliness={t.status}>
      {TIMELINESS_TEXT[t.status]}
      {t.status === 'late' && t.days !== null ? `（晚于截止日期 ${t.deadline} ${t.days} 天）` : t.deadline ? `（截止日期 ${t.deadline}）` : ''}
    </span>
  );
}

export function MetricsPanel({ insights }: { insights: Insights }) {
  return (
    <section aria-labelledby="metrics-h" className="insights">
      <h2 id="metrics-h">指标与同级比较</h2>
      <p className="muted">
        {insights.peers
          ? `同级：${insights.peers.label}，同一年度共 ${insights.peers.reports} 份报告（含本报告）。中间 50% 为第 25 至第 75 百分位；排名按数值从高到低；远离中间 50% 三倍四分位距以上的值标为异常。`
          : '无法确定同级单位（区划未识别或年度未知），不做比较。'}{' '}
        <Link to="/metrics">指标说明</Link>
      </p>
      <div className="table-scroll">
        <table className="list compact metrics-table">
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col" className="num">本报告</th>
              <th scope="col" className="num">同级中位数</th>
              <th scope="col" className="num">中间 50%</th>
              <th scope="col" className="num">排名</th>
              <th scope="col" className="num">百分位</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {insights.metrics.map((row) => {
              const m = METRIC_BY_ID.get(row.id)!;
              const b = row.benchmark;
              return (
                <tr key={row.id} data-metric={row.id} data-outlier={b?.outlier ?? ''}>
                  <th scope="row">
                    <MetricLabel metric={m} />
                  </th>
                  <td className="num">{formatMetric(m, row.value.value)}</td>
                  <td className="num">{b ? formatMetric(m, b.median) : '—'}</td>
                  <td className="num">{b ? `${formatMetric(m, b.p25)} – ${formatMetric(m, b.p75)}` : '—'}</td>
                  <td className="num">{b ? `${b.rank} / ${b.n}` : '—'}</td>
                  <td className="num">{b ? Math.round(b.percentile) : '—'}</td>
                  <td>
                    {row.value.reason ? <span className="muted">{row.value.reason}</span> : null}
                    {b?.outlier ? <span className="badge bad">{b.outlier === 'high' ? '异常偏高' : '异常偏低'}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ProsePanel({ insights }: { insights: Insights }) {
  return (
    <section aria-labelledby="prose-h" className="insights">
      <h2 id="prose-h">文字与表格</h2>
      {insights.prose.length === 0 ? (
        <p className="muted">正文没有写明收到申请、行政复议或行政诉讼的件数。</p>
      ) : (
        <ul className="prose-figures">
          {insights.prose.map((p) => (
            <li key={p.id} data-prose={p.id} data-agrees={p.agrees === null ? '' : p.agrees ? '1' : '0'} className={p.agrees === false ? 'warn' : 'ok'}>
              正文“{p.phrase}”：{p.label} {p.stated} 件；{p.tableLabel}
              {p.agrees === null ? '为空白，无法比对。' : p.agrees ? `为 ${p.table}，一致。` : `为 ${p.table}，不一致。`}
              {p.agrees === false ? <span className="muted">（提示而非错误：正文的口径可能不同，例如把上年结转的申请也算作“收到”{p.alternatives.length ? `；新收 + 上年结转 = ${p.alternatives[0].value}` : ''}。）</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SimilarPanel({ insights, id }: { insights: Insights; id: number }) {
  const part = (key: string) => SECTION_KEYS.find((s) => s.key === key);
  return (
    <section aria-labelledby="similar-h" className="insights">
      <h2 id="similar-h">雷同</h2>
      {insights.similar.length === 0 ? (
        <p className="muted">文字部分与本单位上年、同县（区）其他单位同年的报告重复均不到 50%。</p>
      ) : (
        <ul className="similar-list">
          {insights.similar.map((s) => (
            <li key={`${s.other}-${s.part}`}>
              {part(s.part)?.number}、{part(s.part)?.label}：{Math.round(s.share * 100)}% 见于{' '}
              <Link to={`/reports/${s.other}`}>{`${s.name} ${s.year}`}</Link>（{s.kind === 'previous_year' ? '本单位上年' : '同年其他单位'}）{' '}
              <Link to={`/similarity/${id}/${s.other}`}>逐段对照</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
