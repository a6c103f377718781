import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { SECTION_KEYS } from '../../scripts/ingest/keys';
import { Trail } from '../components/Trail';
import { SIMILARITY_PAGE_SIZE, SIMILARITY_THRESHOLD, parseSimilarity, serializeSimilarity, type SimilarityState } from '../lib/view-state';
import { loadSimilarity } from '../models/similarity.server';

export const meta: MetaFunction = () => [{ title: '雷同检测 · Nianbao 年报' }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { view: await loadSimilarity(parseSimilarity(new URL(request.url).search)) };
}

const pct = (v: number | null) => (v === null ? '< 30%' : `${Math.round(v * 100)}%`);
const partLabel = (key: string) => SECTION_KEYS.find((s) => s.key === key)!;
const KIND_LABELS = { previous_year: '与本单位上年', same_year: '与同县（区）其他单位同年' } as const;

export default function Similarity() {
  const { view } = useLoaderData<typeof loader>();
  const { state } = view;
  const href = (patch: Partial<SimilarityState>) => `/similarity${serializeSimilarity({ ...state, page: 1, ...patch })}`;
  const pages = Math.max(1, Math.ceil(view.total / SIMILARITY_PAGE_SIZE));
  return (
    <>
      <div className="page-head">
        <h1>雷同检测</h1>
      </div>
      <Trail trail={view.trail} href={(code) => href({ within: code })} rootLabel="全国" />
      <p className="muted">
        比较报告的文字部分（一、{partLabel('overview').label}；五、{partLabel('problems').label}）：同一单位相邻两年之间，以及同一县（区）不同单位同一年之间。
        比较前去掉数字、标点、单位名称和年报格式本身的固定用语，按 5 字片段计算重复比例（MinHash 估计，每次入库时更新）；打开一对报告可看到逐字标出的重复段落和精确比例。
        宿迁市的考核对重复率超过 50% 的报告扣分，默认阈值即 50%。
      </p>
      <Form method="get" className="panel picker-row" aria-label="筛选">
        {state.within ? <input type="hidden" name="in" value={state.within} /> : null}
        <label>
          <span className="label">阈值</span>
          <input type="number" name="t" min={30} max={100} step={5} defaultValue={state.threshold} aria-label="重复比例阈值（%）" /> %
        </label>
        <label>
          <span className="label">比较</span>
          <select name="kind" defaultValue={state.kind} aria-label="比较对象">
            <option value="all">全部</option>
            <option value="previous_year">{KIND_LABELS.previous_year}</option>
            <option value="same_year">{KIND_LABELS.same_year}</option>
          </select>
        </label>
        <label>
          <span className="label">部分</span>
          <select name="part" defaultValue={state.part} aria-label="报告部分">
            <option value="any">任一部分</option>
            <option value="overview">一、{partLabel('overview').label}</option>
            <option value="problems">五、{partLabel('problems').label}</option>
          </select>
        </label>
        <button type="submit">筛选</button>
        {state.threshold !== SIMILARITY_THRESHOLD || state.kind !== 'all' || state.part !== 'any' ? <Link to={href({ threshold: SIMILARITY_THRESHOLD, kind: 'all', part: 'any' })}>恢复默认</Link> : null}
      </Form>
      <p className="summary">
        {view.scopeName}：已比较 {view.compared.toLocaleString('zh-CN')} 份报告，重复比例达到 {state.threshold}% 的{view.more ? '超过' : '共'} <strong>{view.total.toLocaleString('zh-CN')}</strong> 对{view.more ? `（列出前 ${view.total.toLocaleString('zh-CN')} 对；按地区、年度或比较对象缩小范围可看全部）` : ''}。
      </p>
      {view.pairs.length === 0 ? (
        <p className="empty">没有达到阈值的报告。</p>
      ) : (
        <div className="table-scroll">
          <table className="list compact similarity">
            <caption>按重复比例从高到低；同年两单位之间取两个方向中较高的比例</caption>
            <thead>
              <tr>
                <th scope="col">报告</th>
                <th scope="col">重复来源</th>
                <th scope="col">比较</th>
                <th scope="col" className="num">一、总体情况</th>
                <th scope="col" className="num">五、问题及改进</th>
                <th scope="col">对照</th>
              </tr>
            </thead>
            <tbody>
              {view.pairs.map((p) => (
                <tr key={`${p.a}-${p.b}`} data-pair={`${p.a}-${p.b}`}>
                  <td>
                    <Link to={`/reports/${p.a}`}>{`${p.aName} ${p.aYear}`}</Link>
                    {p.synthetic ? <span className="badge small">合成</span> : null}
                  </td>
                  <td>
                    <Link to={`/reports/${p.b}`}>{`${p.bName} ${p.bYear}`}</Link>
                  </td>
                  <td>{KIND_LABELS[p.kind]}</td>
                  <td className={`num ${(p.overview ?? 0) * 100 >= state.threshold ? 'over' : ''}`}>{pct(p.overview)}</td>
                  <td className={`num ${(p.problems ?? 0) * 100 >= state.threshold ? 'over' : ''}`}>{pct(p.problems)}</td>
                  <td>
                    <Link to={`/similarity/${p.a}/${p.b}`}>逐段对照</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label="翻页">
          {state.page > 1 ? <Link to={`/similarity${serializeSimilarity({ ...state, page: state.page - 1 })}`}>← 上一页</Link> : null}
          <span>
            第 {state.page} / {pages} 页
          </span>
          {state.page < pages ? <Link to={`/similarity${serializeSimilarity({ ...state, page: state.page + 1 })}`}>下一页 →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
