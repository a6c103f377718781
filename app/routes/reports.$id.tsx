import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SECTION_KEYS, SYNTHETIC_BADGE, TEMPLATE_LABELS } from '../../scripts/ingest/keys';
import { ReportTables } from '../components/ReportTables';
import { getReport } from '../models/reports.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.report.organ ?? data.report.jurisdiction_name ?? '报告'} ${data.report.year ?? ''} · Nianbao 年报` : '找不到报告' },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const page = Number.isSafeInteger(id) && id > 0 ? await getReport(id) : null;
  if (!page) throw new Response('找不到这份报告', { status: 404 });
  return page;
}

export default function ReportPage() {
  const { report, figures, checks } = useLoaderData<typeof loader>();
  const failed = checks.filter((c) => !c.ok);
  const place = [report.province, report.city, report.county].filter(Boolean).join(' · ');
  return (
    <>
      <p>
        <Link to="/">← 报告列表</Link>
      </p>
      <h1>
        {report.organ ?? report.jurisdiction_name ?? '（未识别单位）'} {report.year ?? ''} 年度政府信息公开工作年度报告{' '}
        {report.synthetic ? <span className="badge">{SYNTHETIC_BADGE}</span> : null}
      </h1>
      <dl className="facts">
        <dt>单位</dt>
        <dd>
          {report.jurisdiction_name ?? '未识别'}
          {report.jurisdiction_code ? <span className="muted">（区划代码 {report.jurisdiction_code}）</span> : null}
        </dd>
        <dt>所属</dt>
        <dd>{place || report.parent || '未识别'}</dd>
        <dt>统计年度</dt>
        <dd>{report.year ?? '未识别'}</dd>
        <dt>格式</dt>
        <dd>{TEMPLATE_LABELS[report.template]}</dd>
        <dt>发布日期</dt>
        <dd>{report.published ?? '未注明'}</dd>
        <dt>来源文件</dt>
        <dd>
          <code>{report.source_path}</code> <span className="muted">（{report.input_format}，导入于 {report.ingested_at}）</span>
        </dd>
        <dt>校验</dt>
        <dd>{failed.length === 0 ? `全部 ${checks.length} 项通过` : <span className="badge bad">{failed.length} 项未通过（表中红框标出）</span>}</dd>
      </dl>
      {report.warnings.length > 0 ? (
        <details>
          <summary>解析提示 {report.warnings.length} 条</summary>
          <ul className="warnings">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <ReportTables figures={figures} checks={checks} />
      {SECTION_KEYS.map((s) => {
        const text = report[`section_${s.key}` as const];
        return (
          <section key={s.key}>
            <h2>{`${s.number}、${s.label}`}</h2>
            {text ? <div className="prose">{text}</div> : <p className="muted">报告中没有这一部分。</p>}
          </section>
        );
      })}
    </>
  );
}
