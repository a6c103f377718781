import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { METRICS, publicationDeadline } from '../../scripts/ingest/metrics';
import { metricFormats } from '../components/MetricLabel';

export const meta: MetaFunction = () => [{ title: '指标说明 · Nianbao 年报' }];

const UNIT_TEXT = { share: '百分比', count: '件', per100: '每百件申请' } as const;

export default function Metrics() {
  return (
    <>
      <div className="page-head">
        <h1>指标说明</h1>
      </div>
      <p className="muted">
        报告页和比较中出现的派生指标。每项指标注明公式、适用的格式版本和注意事项；2019 版与 2021 版格式口径不同的，或分开定义，或不跨版本比较，从不混用。
        所需数字有空白（不是 0）时，指标不计算。发布截止日期：统计年度次年的 1 月 31 日（例如 2023 年度报告为 {publicationDeadline(2023)}）。
      </p>
      <dl className="metric-dictionary">
        {METRICS.map((m) => (
          <div key={m.id} id={m.id} className="metric-entry" data-metric={m.id}>
            <dt>
              <strong>{m.label}</strong> <code className="muted small">{m.id}</code>
            </dt>
            <dd>
              <p>
                <span className="formula">{m.formulaText}</span>
                <span className="muted">（{m.kind === 'yoy' ? '同比' : UNIT_TEXT[m.unit]}）</span>
              </p>
              <p>
                适用：{metricFormats(m)}
                {Object.keys(m.formulas).length > 1 ? (m.comparableAcrossFormats ? '；两种格式口径相同，可跨版本比较。' : '；两种格式口径不同，跨版本不比较。') : '。'}
              </p>
              <p className="muted small">
                字段：
                {[...new Set(Object.values(m.formulas).flatMap((f) => [...f.numerator, ...(f.denominator ?? [])]))].map((k) => (
                  <code key={k}>{k} </code>
                ))}
              </p>
              {m.caveats.length ? (
                <ul className="caveats">
                  {m.caveats.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to="/similarity">雷同检测</Link> · <Link to="/timeliness">及时性</Link>
      </p>
    </>
  );
}
