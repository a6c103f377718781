import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useNavigate } from '@remix-run/react';
import { CHECK_RULES, SYNTHETIC_BADGE, figureLabel, type CheckRule } from '../../scripts/ingest/keys';
import { qualityCharts } from '../charts/quality';
import { Chart, ChartProvider, ExportAll } from '../components/Chart';
import { Trail } from '../components/Trail';
import { formatFigure } from '../lib/format';
import { QUALITY_PAGE_SIZE, parseQuality, serializeQuality, type QualityState } from '../lib/view-state';
import { loadQuality, type FailedCheck } from '../models/quality.server';

export const meta: MetaFunction = () => [{ title: '数据质量 · Nianbao 年报' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const state = parseQuality(new URL(request.url).search);
  const view = await loadQuality(state);
  return { view, charts: qualityCharts(view), query: serializeQuality(state) };
}

/** The cell a failed check concerns, as a figure key for the report page's highlight. */
function cellOf(c: FailedCheck): string | null {
  if (c.rule === 'applications.row_total' && c.row_key) return `applications.${c.row_key}.total`;
  if (c.rule === 'applications.outcome_total') return `applications.total.${c.col_key ?? 'total'}`;
  if (c.rule === 'applications.balance') return `applications.carried_forward.${c.col_key ?? 'total'}`;
  if (c.rule === 'review.total' && c.grp) return `review.${c.grp}.total`;
  if (c.rule === 'cross_year.carried') return 'applications.carried_over.total';
  if (c.rule === 'cross_year.in_force' && c.row_key) return `active.${c.row_key}`;
  return null;
}

function where(c: FailedCheck): string {
  if (c.rule === 'applications.row_total' && c.row_key) return figureLabel('applications', c.row_key, 'total');
  if (c.rule.startsWith('applications.') && c.col_key) return `申请人：${figureLabel('applications', 'total', c.col_key).split(' · ').pop()}`;
  if (c.rule === 'review.total' && c.grp) return figureLabel('review', `${c.grp}.total`);
  if (c.rule === 'cross_year.in_force' && c.row_key) return figureLabel('active', c.row_key);
  return c.row_key ?? c.grp ?? '';
}

function ChecksTable({ rows, caption }: { rows: FailedCheck[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="list compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">年度</th>
            <th scope="col">规则</th>
            <th scope="col">位置</th>
            <th scope="col" className="num">应为</th>
            <th scope="col" className="num">实为</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => {
            const cell = cellOf(c);
            return (
              <tr key={i}>
                <td>
                  <Link to={`/reports/${c.report}${cell ? `?cell=${cell}#source` : ''}`}>{c.name}</Link>
                  {c.synthetic ? <span className="badge small">合成</span> : null}
                </td>
                <td>{c.year ?? '—'}</td>
                <td title={c.rule}>{CHECK_RULES[c.rule as CheckRule] ?? c.rule}</td>
                <td>{where(c)}</td>
                <td className="num">{formatFigure(c.expected)}</td>
                <td className="num">{formatFigure(c.actual)}</td>
                <td>{c.assumed_blank_zero ? <span className="muted">空白按 0 计</span> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default function Quality() {
  const { view, charts, query } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const state = view.state as QualityState;
  const href = (patch: Partial<QualityState>) => `/quality${serializeQuality({ ...state, page: 1, ...patch })}`;
  const years = [...new Set(view.counts.map((c) => c.year).filter((y): y is number => y !== null))].sort();
  const pages = Math.max(1, Math.ceil(view.inReport.total / QUALITY_PAGE_SIZE));
  const failedTotal = view.counts.reduce((s, c) => s + c.failed, 0);
  const checkedTotal = view.counts.reduce((s, c) => s + c.checked, 0);
  return (
    <ChartProvider>
      <div className="page-head">
        <h1>数据质量</h1>
        <ExportAll zipName={`Nianbao 数据质量图表 ${view.scopeName}`} />
      </div>
      <Trail trail={view.trail} href={(code) => href({ within: code })} rootLabel="全国" />
      <section className="panel" aria-label="筛选">
        <div className="picker-row">
          <span className="label">规则</span>
          <select value={state.rule ?? ''} onChange={(e) => navigate(href({ rule: (e.target.value || null) as CheckRule | null }))} aria-label="校验规则">
            <option value="">全部规则</option>
            {(Object.keys(CHECK_RULES) as CheckRule[]).map((r) => (
              <option key={r} value={r}>
                {CHECK_RULES[r]}
              </option>
            ))}
          </select>
          <span className="label">年度</span>
          <select
            value={state.years && state.years.from === state.years.to ? state.years.from : ''}
            onChange={(e) => navigate(href({ years: e.target.value ? { from: Number(e.target.value), to: Number(e.target.value) } : null }))}
            aria-label="年度"
          >
            <option value="">全部年度</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          {state.rule || state.years || state.within ? <Link to="/quality">清除筛选</Link> : null}
          <label className="toggle">
            <input type="checkbox" checked={state.decal} onChange={(e) => navigate(href({ decal: e.target.checked, page: state.page }), { preventScrollReset: true })} />
            图案填充（便于黑白打印）
          </label>
        </div>
      </section>
      <p className="summary">
        {view.scopeName}：共 {checkedTotal.toLocaleString('zh-CN')} 项校验，未通过 <strong>{failedTotal.toLocaleString('zh-CN')}</strong> 项。
        {view.synthetic ? <span className="badge">{SYNTHETIC_BADGE}</span> : null}
      </p>
      {charts.map((c) => (
        <Chart key={c.name} spec={c} query={query} />
      ))}

      <section>
        <h2>按单位</h2>
        {view.units.length === 0 ? (
          <p className="muted">没有未通过的校验。</p>
        ) : (
          <div className="table-scroll">
            <table className="list compact">
              <caption>未通过校验最多的单位（前 {view.units.length} 个）</caption>
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">所属县（区）</th>
                  <th scope="col" className="num">未通过</th>
                  <th scope="col" className="num">涉及报告</th>
                  <th scope="col">年度</th>
                </tr>
              </thead>
              <tbody>
                {view.units.map((u) => (
                  <tr key={u.unit}>
                    <td>
                      <Link to={`/reports/${u.latest}`}>{u.name}</Link>
                      {u.synthetic ? <span className="badge small">合成</span> : null}
                    </td>
                    <td>{u.county ?? '—'}</td>
                    <td className="num">{u.failed}</td>
                    <td className="num">{u.reports}</td>
                    <td>{(u.years ?? []).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section>
        <h2>跨年度断点</h2>
        <p className="muted">同一单位相邻两年的报告对不上：上年“结转下年度”应等于本年“上年结转”；2021 版格式中，上年现行有效 + 本年制发 − 本年废止应等于本年现行有效。</p>
        {view.crossYear.total === 0 ? (
          <p className="muted">没有跨年度断点{state.rule && !state.rule.startsWith('cross_year.') ? '（当前筛选的是报告内的规则）' : ''}。</p>
        ) : (
          <ChecksTable rows={view.crossYear.rows} caption={`共 ${view.crossYear.total} 处${view.crossYear.total > view.crossYear.rows.length ? `，显示前 ${view.crossYear.rows.length} 处` : ''}`} />
        )}
      </section>

      <section>
        <h2>报告内校验未通过明细</h2>
        {view.inReport.total === 0 ? (
          <p className="muted">没有未通过的报告内校验。</p>
        ) : (
          <>
            <ChecksTable rows={view.inReport.rows} caption={`共 ${view.inReport.total} 项，第 ${state.page} / ${pages} 页；点击单位名称打开报告并标出相关单元格`} />
            <nav className="pager" aria-label="翻页">
              {state.page > 1 ? <Link to={href({ page: state.page - 1 })}>← 上一页</Link> : null}
              {state.page < pages ? <Link to={href({ page: state.page + 1 })}>下一页 →</Link> : null}
            </nav>
          </>
        )}
      </section>
    </ChartProvider>
  );
}
