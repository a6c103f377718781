import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { DEADLINE_MONTH_DAY } from '../../scripts/ingest/metrics';
import { Trail } from '../components/Trail';
import { parseTimeliness, serializeTimeliness, type TimelinessState } from '../lib/view-state';
import { loadTimeliness, type TimelyReport } from '../models/timeliness.server';

export const meta: MetaFunction = () => [{ title: '及时性 · Nianbao 年报' }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { view: await loadTimeliness(parseTimeliness(new URL(request.url).search)) };
}

const [month, day] = DEADLINE_MONTH_DAY.split('-').map(Number);

function ReportRows({ rows, late }: { rows: TimelyReport[]; late: boolean }) {
  return (
    <tbody>
      {rows.map((r) => (
        <tr key={r.id} data-report={r.id}>
          <td>
            <Link to={`/reports/${r.id}`}>{r.name}</Link>
            {r.synthetic ? <span className="badge small">合成</span> : null}
          </td>
          <td className="num">{r.year}</td>
          <td>{r.deadline}</td>
          {late ? (
            <>
              <td>{r.published}</td>
              <td className="num">{r.days}</td>
            </>
          ) : null}
        </tr>
      ))}
    </tbody>
  );
}

export default function Timeliness() {
  const { view } = useLoaderData<typeof loader>();
  const href = (patch: Partial<TimelinessState>) => `/timeliness${serializeTimeliness({ ...view.state, ...patch })}`;
  return (
    <>
      <div className="page-head">
        <h1>及时性</h1>
      </div>
      <Trail trail={view.trail} href={(code) => href({ within: code })} rootLabel="全国" />
      <p className="muted">
        《政府信息公开条例》第五十条：年度报告应于每年 {month} 月 {day} 日前向社会公布。发布日期晚于次年 {month} 月 {day} 日的报告为逾期；报告中没有发布日期的，记为“日期不明”，不算逾期。
        缺报：单位在所选范围内有其他年度的报告，这一年却没有。
      </p>
      <div className="table-scroll">
        <table className="list compact timeliness-years">
          <caption>{view.scopeName}：各年度报告的发布情况</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col" className="num">报告</th>
              <th scope="col" className="num">按时</th>
              <th scope="col" className="num">逾期</th>
              <th scope="col" className="num">日期不明</th>
              <th scope="col" className="num">缺报</th>
            </tr>
          </thead>
          <tbody>
            {view.years.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <td>
                  <Link to={href({ years: { from: y.year, to: y.year } })}>{y.year}</Link>
                </td>
                <td className="num">{y.reports}</td>
                <td className="num">{y.onTime}</td>
                <td className="num late">{y.late}</td>
                <td className="num">{y.unknown}</td>
                <td className="num">{y.missing}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-label="逾期发布">
        <h2>逾期发布（{view.late.length}）</h2>
        {view.late.length === 0 ? (
          <p className="muted">没有逾期发布的报告。</p>
        ) : (
          <div className="table-scroll">
            <table className="list compact late-list">
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col" className="num">年度</th>
                  <th scope="col">截止日期</th>
                  <th scope="col">发布日期</th>
                  <th scope="col" className="num">逾期天数</th>
                </tr>
              </thead>
              <ReportRows rows={view.late} late />
            </table>
          </div>
        )}
      </section>

      <section aria-label="缺报">
        <h2>缺报（{view.missing.length}）</h2>
        {view.missing.length === 0 ? (
          <p className="muted">没有缺报。</p>
        ) : (
          <ul className="missing-list">
            {view.missing.map((m) => (
              <li key={`${m.unit}-${m.year}`}>
                {m.name} {m.year}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-label="日期不明">
        <h2>日期不明（{view.unknown.length}）</h2>
        {view.unknown.length === 0 ? (
          <p className="muted">每份报告都有发布日期。</p>
        ) : (
          <div className="table-scroll">
            <table className="list compact unknown-list">
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col" className="num">年度</th>
                  <th scope="col">截止日期</th>
                </tr>
              </thead>
              <ReportRows rows={view.unknown} late={false} />
            </table>
          </div>
        )}
      </section>
    </>
  );
}
