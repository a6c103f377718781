import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SYNTHETIC_BADGE } from '../../scripts/ingest/keys';
import { overviewCharts } from '../charts/overview';
import { Chart, ChartProvider, ExportAll } from '../components/Chart';
import { Trail } from '../components/Trail';
import { COMPARE_DEFAULTS, LIST_DEFAULTS, parseOverview, serializeCompare, serializeList, serializeOverview, type OverviewState } from '../lib/view-state';
import { loadOverview, type CoverageRow } from '../models/coverage.server';

export const meta: MetaFunction = () => [{ title: '总览 · Nianbao 年报' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const state = parseOverview(new URL(request.url).search);
  const view = await loadOverview(state);
  return { view, charts: overviewCharts(view), query: serializeOverview(state) };
}

function Cell({ row, cell, state }: { row: CoverageRow; cell: CoverageRow['cells'][number]; state: OverviewState }) {
  if (row.kind === 'unit') {
    if (!cell.report) return <td className="cov missing" title={`${row.name} ${cell.year}：没有报告`}>缺</td>;
    return (
      <td className={`cov ${cell.failed ? 'failed' : 'present'}`} title={`${row.name} ${cell.year}：${cell.failed ? '有校验未通过' : '校验通过'}`}>
        <Link to={`/reports/${cell.report}`}>{cell.failed ? '✗' : '✓'}</Link>
        {cell.late ? <span className="late" title="逾期发布（晚于次年 1 月 31 日）">迟</span> : null}
        {cell.synthetic ? <span className="syn" title={SYNTHETIC_BADGE}>合</span> : null}
      </td>
    );
  }
  const share = row.units ? cell.present / row.units : 0;
  const list = `/reports${serializeList({ ...LIST_DEFAULTS, within: row.drill, years: { from: cell.year, to: cell.year } })}`;
  return (
    <td
      className={`cov division ${cell.present === 0 ? 'missing' : ''}`}
      style={cell.present ? { background: `rgba(47, 111, 179, ${0.12 + 0.5 * share})` } : undefined}
      title={`${row.name} ${cell.year}：${cell.present}/${row.units} 个单位有报告，缺 ${row.units - cell.present} 个${cell.failed ? `，${cell.failed} 个校验未通过` : ''}`}
    >
      {cell.present && row.drill ? <Link to={list}>{`${cell.present}/${row.units}`}</Link> : `${cell.present}/${row.units}`}
      {cell.failed ? <span className="fail-count"> ✗{cell.failed}</span> : null}
      {cell.late ? <span className="late-count" title="逾期发布的单位"> 迟{cell.late}</span> : null}
      <span className="sr-only">{state.within ?? ''}</span>
    </td>
  );
}

export default function Overview() {
  const { view, charts, query } = useLoaderData<typeof loader>();
  const { headline: h, coverage, state } = view;
  const here = (within: string | null) => `/${serializeOverview({ ...state, within })}`;
  const compareHere = `/compare${serializeCompare({ ...COMPARE_DEFAULTS, within: state.within })}`;
  return (
    <ChartProvider>
      <div className="page-head">
        <h1>总览{state.within ? `：${view.scopeName}` : ''}</h1>
        <ExportAll zipName={`Nianbao 总览图表 ${view.scopeName}`} />
      </div>
      <Trail trail={view.trail} href={here} rootLabel="全国" />

      {h.reports === 0 ? (
        <p className="empty">
          这里还没有报告。用 <code>npm run ingest -- 文件或文件夹</code> 导入报告。
        </p>
      ) : (
        <>
          <dl className="stats">
            <div>
              <dt>年度报告</dt>
              <dd>{h.reports.toLocaleString('zh-CN')} 份</dd>
            </div>
            <div>
              <dt>报告单位</dt>
              <dd>{h.units.toLocaleString('zh-CN')} 个</dd>
            </div>
            <div>
              <dt>统计年度</dt>
              <dd>{h.from && h.to ? (h.from === h.to ? h.from : `${h.from}–${h.to}`) : '—'}</dd>
            </div>
            <div>
              <dt>校验未通过</dt>
              <dd>
                <Link to={`/quality${state.within ? `?in=${state.within}` : ''}`}>{h.failedReports.toLocaleString('zh-CN')} 份</Link>
              </dd>
            </div>
            {h.synthetic > 0 ? (
              <div>
                <dt>
                  <span className="badge">{SYNTHETIC_BADGE}</span>
                </dt>
                <dd>{h.synthetic.toLocaleString('zh-CN')} 份</dd>
              </div>
            ) : null}
            {h.unresolved > 0 ? (
              <div>
                <dt>未识别区划</dt>
                <dd>{h.unresolved} 份</dd>
              </div>
            ) : null}
          </dl>

          <section>
            <div className="section-head">
              <h2>报告覆盖（单位 × 年度）</h2>
              <Link to={compareHere} className="button">
                对比{state.within ? `${view.scopeName.split(' · ').pop()}的下级单位` : '（默认）'} →
              </Link>
            </div>
            <p className="muted legend-line">
              <span className="cov-key present">✓ 有报告</span>
              <span className="cov-key failed">✗ 有校验未通过</span>
              <span className="cov-key missing">缺 没有报告</span>
              <span className="cov-key late">
                迟 逾期发布（<Link to={`/timeliness${state.within ? `?in=${state.within}` : ''}`}>及时性</Link>）
              </span>
              地区行的数字为“有报告的单位 / 已知单位”；点击地区名称查看其下级单位。
            </p>
            <div className="table-scroll">
              <table className="list coverage" aria-label="报告覆盖：单位 × 年度">
                <thead>
                  <tr>
                    <th scope="col">单位 / 地区</th>
                    {coverage.years.map((y) => (
                      <th key={y} scope="col" className="num">
                        {y}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {coverage.rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">
                        {row.drill ? (
                          <Link to={here(row.drill)}>
                            {row.name}
                          </Link>
                        ) : (
                          row.name
                        )}
                        {row.kind === 'division' ? <span className="muted"> {row.units} 个单位</span> : null}
                      </th>
                      {row.cells.map((c) => (
                        <Cell key={c.year} row={row} cell={c} state={state} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section>
            <div className="section-head">
              <h2>历年趋势</h2>
              <Link to={`/${serializeOverview({ ...state, decal: !state.decal })}`} preventScrollReset replace>
                {state.decal ? '取消图案填充' : '图案填充（便于黑白打印）'}
              </Link>
            </div>
            {charts.map((c) => (
              <Chart key={c.name} spec={c} query={query} />
            ))}
          </section>
        </>
      )}
    </ChartProvider>
  );
}
