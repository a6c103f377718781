import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { SECTION_KEYS, SYNTHETIC_BADGE, TEMPLATE_LABELS, figureLabel } from '../../scripts/ingest/keys';
import { WIDE_COLUMNS } from '../../scripts/ingest/load/schema';
import { ReportTables } from '../components/ReportTables';
import { BLANK_MARK } from '../lib/format';
import { COMPARE_DEFAULTS, parseCell, serializeCompare } from '../lib/view-state';
import { getReport, type FigureCell, type SiblingReport } from '../models/reports.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.report.organ ?? data.report.jurisdiction_name ?? '报告'} ${data.report.year ?? ''} · Nianbao 年报` : '找不到报告' },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const page = Number.isSafeInteger(id) && id > 0 ? await getReport(id) : null;
  if (!page) throw new Response('找不到这份报告', { status: 404 });
  return { ...page, cell: parseCell(new URL(request.url).search) };
}

function cellName(key: string): string {
  const c = WIDE_COLUMNS.find((w) => w.name === key);
  return c ? `表${{ active: '二', applications: '三', review: '四' }[c.tbl]} · ${figureLabel(c.tbl, c.row, c.col ?? undefined)}` : key;
}

/** The normalised source text, the selected cell's origin marked and scrolled into view. */
function SourceText({ text, cell, figure }: { text: string | null; cell: string | null; figure: FigureCell | undefined }) {
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center' });
  }, [cell]);
  if (!text) return <p className="muted">没有保存这份报告的原文。</p>;
  const start = figure?.start_pos ?? null;
  const end = figure?.end_pos ?? null;
  const located = start !== null && end !== null && start >= 0 && end >= start && end <= text.length;
  return (
    <>
      <p className="source-note" aria-live="polite">
        {cell ? (
          <>
            所选单元格：<strong>{cellName(cell)}</strong>，值 {figure ? (figure.value === null ? `${BLANK_MARK}（空白）` : figure.value) : '（本报告没有此项）'}
            {located ? '，原文位置已标出。' : '，原文中没有记录它的位置。'}{' '}
            <Link to="?" replace preventScrollReset>
              清除
            </Link>
          </>
        ) : (
          '点击上面表格中的任一数字，查看它在原文中的位置。'
        )}
      </p>
      <pre className="source" tabIndex={0} aria-label="报告原文">
        {located ? (
          <>
            {text.slice(0, start)}
            <mark ref={mark} className={end === start ? 'empty' : undefined} title={end === start ? '空白单元格' : undefined}>
              {end === start ? '␣' : text.slice(start, end)}
            </mark>
            {text.slice(end)}
          </>
        ) : (
          text
        )}
      </pre>
    </>
  );
}

function OtherYears({ years, current, synthetic }: { years: SiblingReport[]; current: number; synthetic: boolean }) {
  if (years.length <= 1) return <p className="muted">数据库中没有本单位其他年度的报告。</p>;
  return (
    <ol className="years">
      {years.map((y) => (
        <li key={y.id}>
          {y.id === current ? (
            <span aria-current="page" className="year current">
              {y.year ?? '年度未识别'}
            </span>
          ) : (
            <Link className={`year ${y.failed_checks ? 'bad' : ''}`} to={`/reports/${y.id}`} title={y.failed_checks ? `${y.failed_checks} 项校验未通过` : '校验通过'}>
              {y.year ?? '年度未识别'}
              {y.failed_checks ? ' ✗' : ''}
            </Link>
          )}
          <span className="muted small">{TEMPLATE_LABELS[y.template]}</span>
          {y.synthetic && !synthetic ? <span className="badge small">合成</span> : null}
        </li>
      ))}
    </ol>
  );
}

export default function ReportPage() {
  const { report, figures, checks, years, cell } = useLoaderData<typeof loader>();
  const failed = checks.filter((c) => !c.ok);
  const place = [report.province, report.city, report.county].filter(Boolean).join(' · ');
  return (
    <>
      <p>
        <Link to="/reports">← 报告列表</Link>
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
      {report.incomplete.length > 0 ? <p className="badge bad">报告不完整：{report.incomplete.join('；')}</p> : null}
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
      {report.superseded_by ? (
        <p className="hint">
          这是一份已被替换的旧版本。<Link to={`/reports/${report.superseded_by}`}>查看现行版本</Link>
        </p>
      ) : null}
      <section aria-labelledby="years-h">
        <h2 id="years-h">本单位各年度报告</h2>
        <OtherYears years={years} current={report.id} synthetic={report.synthetic} />
        {years.length > 1 && (report.jurisdiction_code || report.organ) ? (
          <p>
            <Link
              to={`/compare${serializeCompare({
                ...COMPARE_DEFAULTS,
                units: [report.jurisdiction_code && report.jurisdiction_level !== '部门' ? report.jurisdiction_code : `o:${report.organ}`],
              })}`}
            >在对比中查看本单位历年数据 →</Link>
          </p>
        ) : null}
      </section>
      <ReportTables figures={figures} checks={checks} selected={cell} />
      {SECTION_KEYS.map((s) => {
        const text = report[`section_${s.key}` as const];
        return (
          <section key={s.key}>
            <h2>{`${s.number}、${s.label}`}</h2>
            {text ? <div className="prose">{text}</div> : <p className="muted">报告中没有这一部分。</p>}
          </section>
        );
      })}
      <section id="source" aria-labelledby="source-h">
        <h2 id="source-h">原文</h2>
        <SourceText text={report.source_text} cell={cell} figure={figures.find((f) => (f.col_key ? `${f.tbl}.${f.row_key}.${f.col_key}` : `${f.tbl}.${f.row_key}`) === cell)} />
      </section>
    </>
  );
}
