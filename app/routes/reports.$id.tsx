import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { SECTION_KEYS, SYNTHETIC_BADGE, TEMPLATE_LABELS, figureLabel } from '../../scripts/ingest/keys';
import { WIDE_COLUMNS } from '../../scripts/ingest/load/schema';
import { MetricsPanel, ProsePanel, SimilarPanel, TimelinessBadge } from '../components/ReportInsights';
import { ReportTables } from '../components/ReportTables';
import { BLANK_MARK, formatFigure } from '../lib/format';
import { CorrectionError, correct, reportCorrections, revert, type Correction } from '../models/corrections.server';
import { COMPARE_DEFAULTS, parseCell, serializeCompare } from '../lib/view-state';
import { reportInsights } from '../models/insights.server';
import { getReport, type FigureCell, type SiblingReport } from '../models/reports.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.report.organ ?? data.report.jurisdiction_name ?? '报告'} ${data.report.year ?? ''} · Nianbao 年报` : '找不到报告' },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const page = Number.isSafeInteger(id) && id > 0 ? await getReport(id) : null;
  if (!page) throw new Response('找不到这份报告', { status: 404 });
  return { ...page, corrections: await reportCorrections(id), insights: (await reportInsights(id))!, cell: parseCell(new URL(request.url).search) };
}

/** A correction or a revert; a refusal comes back to the form in words, anything else is a fault. */
export async function action({ params, request }: ActionFunctionArgs) {
  const id = Number(params.id);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  try {
    if (text('intent') === 'revert') {
      const made = await revert({ id: Number(text('correction')), who: text('who'), reason: text('reason') });
      return redirect(`/reports/${id}?cell=${encodeURIComponent(made.key)}#corrections`);
    }
    const made = await correct({ reportId: id, key: text('key'), value: text('value'), who: text('who'), reason: text('reason') });
    return redirect(`/reports/${id}?cell=${encodeURIComponent(made.key)}#corrections`);
  } catch (err) {
    if (err instanceof CorrectionError) return { error: err.message };
    throw err;
  }
}

/** Cells corrected by hand (a standing change) → what their title says. */
function correctedCells(corrections: Correction[]): Map<string, string> {
  const marks = new Map<string, string>();
  for (const c of corrections) {
    if (c.reverts !== null || c.reverted_by !== null || marks.has(c.key)) continue;
    const first = corrections.filter((x) => x.key === c.key).at(-1)!;
    marks.set(c.key, `人工更正（#${c.id}，${c.who}，${c.at}）：解析值 ${formatFigure(first.old_value)}，理由：${c.reason}`);
  }
  return marks;
}

function Corrections({ figures, corrections, cell, current }: { figures: FigureCell[]; corrections: Correction[]; cell: string | null; current: boolean }) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const have = new Set(figures.map(figureKey));
  const keys = WIDE_COLUMNS.map((c) => c.name).filter((k) => have.has(k));
  const standing = new Set(corrections.filter((c) => c.reverts === null && c.reverted_by === null).map((c) => c.id));
  const revertible = new Set(
    [...new Set(corrections.map((c) => c.key))].map((k) => corrections.find((c) => c.key === k && standing.has(c.id))?.id).filter((i) => i !== undefined),
  );
  return (
    <section id="corrections" aria-labelledby="corrections-h">
      <h2 id="corrections-h">人工更正</h2>
      {current ? (
        <Form method="post" className="correct" aria-label="更正一个数字">
          <input type="hidden" name="intent" value="correct" />
          <label>
            数字
            <select name="key" aria-label="数字" defaultValue={cell && keys.includes(cell) ? cell : keys[0]} key={cell ?? ''}>
              {keys.map((k) => (
                <option key={k} value={k}>
                  {cellName(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            新值（留空为空白）
            <input name="value" aria-label="新值" inputMode="decimal" size={10} />
          </label>
          <label>
            更正人
            <input name="who" aria-label="更正人" required size={10} />
          </label>
          <label>
            理由
            <input name="reason" aria-label="理由" required size={30} />
          </label>
          <button type="submit" disabled={busy}>
            保存更正
          </button>
        </Form>
      ) : (
        <p className="muted">旧版本不能更正；请更正现行版本。</p>
      )}
      {result?.error ? (
        <p className="error" role="alert">
          {result.error}
        </p>
      ) : null}
      {corrections.length === 0 ? (
        <p className="muted">本报告的数字都是解析所得，没有人工更正。</p>
      ) : (
        <table className="list history">
          <caption>更正记录（新的在前；原始解析值永远保留）</caption>
          <thead>
            <tr>
              <th>#</th>
              <th>数字</th>
              <th>原值</th>
              <th>新值</th>
              <th>更正人</th>
              <th>时间</th>
              <th>理由</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr key={c.id} data-correction={c.id}>
                <td>{c.id}</td>
                <td>
                  <Link to={{ search: `?cell=${c.key}`, hash: 'source' }}>{cellName(c.key)}</Link>
                </td>
                <td className="num">{formatFigure(c.old_value)}</td>
                <td className="num">{formatFigure(c.new_value)}</td>
                <td>{c.who}</td>
                <td>{c.at}</td>
                <td>{c.reason}</td>
                <td>
                  {c.reverts !== null ? `撤销 #${c.reverts}` : c.reverted_by !== null ? `已由 #${c.reverted_by} 撤销` : '有效'}
                  {revertible.has(c.id) && current ? (
                    <Form method="post" className="revert" aria-label={`撤销更正 #${c.id}`}>
                      <input type="hidden" name="intent" value="revert" />
                      <input type="hidden" name="correction" value={c.id} />
                      <input name="who" required placeholder="撤销人" size={8} aria-label="撤销人" />
                      <input name="reason" required placeholder="撤销理由" size={14} aria-label="撤销理由" />
                      <button type="submit" disabled={busy}>
                        撤销
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const figureKey = (f: FigureCell) => (f.col_key ? `${f.tbl}.${f.row_key}.${f.col_key}` : `${f.tbl}.${f.row_key}`);

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
  const { report, figures, checks, years, cell, corrections, insights } = useLoaderData<typeof loader>();
  const corrected = correctedCells(corrections);
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
        <dd>
          {report.published ?? '未注明'} <TimelinessBadge t={insights.timeliness} />
        </dd>
        <dt>来源文件</dt>
        <dd>
          <code>{report.source_path}</code> <span className="muted">（{report.input_format}，导入于 {report.ingested_at}）</span>
        </dd>
        {corrected.size > 0 ? (
          <>
            <dt>人工更正</dt>
            <dd>
              <a href="#corrections" className="badge">
                {corrected.size} 个数字经人工更正（表中 ✎ 标出）
              </a>
            </dd>
          </>
        ) : null}
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
      <ReportTables figures={figures} checks={checks} selected={cell} corrected={corrected} />
      <Corrections figures={figures} corrections={corrections} cell={cell} current={report.superseded_by === null} />
      <MetricsPanel insights={insights} />
      <ProsePanel insights={insights} />
      <SimilarPanel insights={insights} id={report.id} />
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
        <SourceText text={report.source_text} cell={cell} figure={figures.find((f) => figureKey(f) === cell)} />
      </section>
    </>
  );
}
