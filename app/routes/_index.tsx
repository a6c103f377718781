import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SYNTHETIC_BADGE, TEMPLATE_LABELS } from '../../scripts/ingest/keys';
import { formatFigure } from '../lib/format';
import { listReports } from '../models/reports.server';

export const meta: MetaFunction = () => [{ title: '报告列表 · Nianbao 年报' }];

export async function loader() {
  return { reports: await listReports() };
}

export default function ReportList() {
  const { reports } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>报告列表</h1>
      {reports.length === 0 ? (
        <p className="muted">数据库中还没有报告。用 <code>npm run ingest -- 文件或文件夹</code> 导入报告。</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>单位</th>
              <th>上级</th>
              <th>年度</th>
              <th>格式</th>
              <th className="num">本年新收申请</th>
              <th className="num">予以公开</th>
              <th className="num">行政复议</th>
              <th className="num">行政诉讼</th>
              <th>校验</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/reports/${r.id}`}>{r.jurisdiction_name ?? r.organ ?? '（未识别单位）'}</Link>{' '}
                  {r.synthetic ? <span className="badge">{SYNTHETIC_BADGE}</span> : null}
                  <div className="muted">{r.organ}</div>
                </td>
                <td>{r.parent ?? '—'}</td>
                <td>{r.year ?? '未识别'}</td>
                <td>{TEMPLATE_LABELS[r.template]}</td>
                <td className="num">{formatFigure(r.received_new)}</td>
                <td className="num">{formatFigure(r.granted)}</td>
                <td className="num">{formatFigure(r.review_total)}</td>
                <td className="num">{formatFigure(r.litigation_total)}</td>
                <td>{r.failed_checks > 0 ? <span className="badge bad">{r.failed_checks} 项未通过</span> : '通过'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
