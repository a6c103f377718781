import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SECTION_KEYS } from '../../scripts/ingest/keys';
import { COMPARED_PARTS, type Passage } from '../../scripts/ingest/insights/similarity';
import { loadPair, type PairSide } from '../models/similarity.server';

export const meta: MetaFunction = () => [{ title: '雷同对照 · Nianbao 年报' }];

export async function loader({ params }: LoaderFunctionArgs) {
  const a = Number(params.a);
  const b = Number(params.b);
  const view = Number.isInteger(a) && Number.isInteger(b) ? await loadPair(a, b) : null;
  if (!view) throw new Response('not found', { status: 404 });
  return { view };
}

/** The text with its repeated passages in <mark>. */
function Marked({ text, passages }: { text: string; passages: Passage[] }) {
  const out: React.ReactNode[] = [];
  let at = 0;
  passages.forEach(([start, end], i) => {
    if (start > at) out.push(text.slice(at, start));
    out.push(<mark key={i}>{text.slice(start, end)}</mark>);
    at = end;
  });
  out.push(text.slice(at));
  return <div className="prose-text">{out}</div>;
}

function Side({ side, part }: { side: PairSide; part: (typeof COMPARED_PARTS)[number] }) {
  const text = side.texts[part];
  const shared = side.shared[part];
  return (
    <div className="side" data-report={side.id}>
      <h3>
        <Link to={`/reports/${side.id}`}>{`${side.name} ${side.year ?? ''}`}</Link>
        {side.synthetic ? <span className="badge small">合成</span> : null}
      </h3>
      {text ? (
        <>
          <p className="muted">
            本段 <strong className="share">{shared ? `${Math.round(shared.share * 100)}%` : '0%'}</strong> 的文字见于另一份报告（精确计算）
          </p>
          <Marked text={text} passages={shared?.passages ?? []} />
        </>
      ) : (
        <p className="muted">报告没有这一部分。</p>
      )}
    </div>
  );
}

export default function SimilarityPair() {
  const { view } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>雷同对照</h1>
        <Link to="/similarity">← 雷同检测</Link>
      </div>
      <p className="muted">黄色标出两份报告共有的文字（去掉数字、标点、单位名称和格式固定用语后，连续 5 字以上相同）。</p>
      {COMPARED_PARTS.map((part) => {
        const section = SECTION_KEYS.find((s) => s.key === part)!;
        const est = view.estimated[part];
        return (
          <section key={part} className="pair-part" aria-label={`${section.number}、${section.label}`}>
            <h2>
              {section.number}、{section.label}
              {est !== undefined ? <span className="muted small"> · 入库时估计 {Math.round(est * 100)}%</span> : null}
            </h2>
            <div className="side-by-side">
              <Side side={view.a} part={part} />
              <Side side={view.b} part={part} />
            </div>
          </section>
        );
      })}
    </>
  );
}
