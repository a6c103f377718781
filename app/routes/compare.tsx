import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSubmit } from '@remix-run/react';
import { SYNTHETIC_BADGE } from '../../scripts/ingest/keys';
import { useMemo } from 'react';
import { compareCharts, resolveLayout } from '../charts/compare';
import type { ChartSpec } from '../charts/frame';
import { GROUP_LABELS, panelsFor } from '../charts/panels';
import { Chart, ChartProvider, ExportAll } from '../components/Chart';
import { GROUPS, VIEWS, parseCompare, serializeCompare, yearList, type CompareState } from '../lib/view-state';
import { loadCompare } from '../models/compare.server';
import { loadPicker } from '../models/hierarchy.server';

export const meta: MetaFunction = () => [{ title: '对比 · Nianbao 年报' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const state = parseCompare(url.search);
  const q = (url.searchParams.get('q') ?? '').slice(0, 40);
  const view = await loadCompare(state);
  const picker = await loadPicker(view.state.within, state.units, q);
  return {
    view: { ...view, rows: [] },
    // one JSON string, parsed by the page in a few ms: as loader data, 50 units' 10,000 chart objects
    // took ~40 ms of turbo-stream decoding in one task, on opening the page and on every toggle
    charts: JSON.stringify(compareCharts(view)),
    picker,
    q,
    query: serializeCompare(view.state),
  };
}

const VIEW_LABELS = { auto: '自动', bars: '柱状图（一年）', lines: '折线图（按指标）', multiples: '分面小图（按单位）' } as const;

export default function Compare() {
  const { view, charts: chartsJson, picker, q, query } = useLoaderData<typeof loader>();
  const charts = useMemo(() => JSON.parse(chartsJson) as ChartSpec[], [chartsJson]);
  const navigate = useNavigate();
  const submit = useSubmit();
  const navigation = useNavigation();
  const state = view.state as CompareState;
  const href = (patch: Partial<CompareState>) => `/compare${serializeCompare({ ...state, ...patch })}`;
  const yearsAvailable = view.available ? yearList(view.available) : [];
  const years = view.years;
  const hasComposition = panelsFor(state.group).some((p) => p.composition);
  const layout = resolveLayout(state.view, view.units.length, years ? years.to - years.from + 1 : 0);
  const chosen = new Set(state.units);
  const allChosen = state.within !== null && state.within === picker.browse;
  const busy = navigation.state === 'loading' && navigation.location?.pathname === '/compare';

  return (
    <ChartProvider>
      <div className="page-head">
        <h1>对比</h1>
        <ExportAll zipName={`Nianbao 对比图表 ${view.withinName ?? ''} ${years ? `${years.from}-${years.to}` : ''}`.trim()} />
      </div>
      {view.defaulted ? (
        <p className="hint">
          未选择单位：先显示乡镇（街道）最多的县 <strong>{view.withinName}</strong>。用下面的选择器换成别的地区或单位。
        </p>
      ) : null}

      <section className="panel picker" aria-label="选择单位和年度">
        <div className="picker-row">
          <span className="label">地区</span>
          {picker.levels.map((level, i) => (
            <label key={i} className="select">
              <span className="sr-only">{level.label}</span>
              <select
                value={level.selected ?? ''}
                onChange={(e) => e.target.value && navigate(href({ within: e.target.value, units: [] }))}
                aria-label={`选择${level.label}`}
              >
                <option value="">（选择{level.label}）</option>
                {level.options.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name}（{o.units} 个单位）
                  </option>
                ))}
              </select>
            </label>
          ))}
          <Form method="get" className="search" role="search">
            <input type="hidden" name="in" value={state.within ?? ''} />
            {state.units.map((u) => (
              <input key={u} type="hidden" name="u" value={u} />
            ))}
            <label>
              <span className="sr-only">按名称查找单位</span>
              <input type="search" name="q" defaultValue={q} placeholder="按名称查找单位，如“蒋坝”" />
            </label>
            <button type="submit">查找</button>
          </Form>
        </div>
        {q ? (
          <div className="search-hits">
            {picker.search.length === 0 ? (
              <span className="muted">没有名称含“{q}”的单位。</span>
            ) : (
              picker.search.map((u) => (
                <Link key={u.key} className="chip add" to={href({ units: [...state.units.filter((x) => x !== u.key), u.key] })}>
                  ＋ {u.name}
                  {u.county && u.county !== u.name ? <span className="muted">（{u.county}）</span> : null}
                </Link>
              ))
            )}
          </div>
        ) : null}

        {picker.browse && picker.members.length > 0 ? (
          <Form
            method="get"
            className="members"
            onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: false })}
          >
            {years ? <input type="hidden" name="y" value={`${years.from}-${years.to}`} /> : null}
            <input type="hidden" name="g" value={state.group} />
            {state.view !== 'auto' ? <input type="hidden" name="view" value={state.view} /> : null}
            {state.percent ? <input type="hidden" name="pct" value="1" /> : null}
            {state.decal ? <input type="hidden" name="decal" value="1" /> : null}
            {state.units
              .filter((u) => !picker.members.some((m) => m.key === u))
              .map((u) => (
                <input key={u} type="hidden" name="u" value={u} />
              ))}
            <label className="all">
              <input type="checkbox" name="in" value={picker.browse} defaultChecked={allChosen} key={`all-${allChosen}`} />
              全部下级单位（{picker.members.length} 个）
            </label>
            <fieldset disabled={allChosen}>
              <legend className="sr-only">逐个选择单位</legend>
              {picker.members.map((m) => (
                <label key={m.key} className="member">
                  <input type="checkbox" name="u" value={m.key} defaultChecked={allChosen || chosen.has(m.key)} key={`${m.key}-${allChosen || chosen.has(m.key)}`} />
                  {m.name}
                  {m.synthetic ? <span className="badge small">合成</span> : null}
                  {m.drill ? (
                    <Link to={href({ within: m.drill, units: [] })} className="drill" title={`${m.name}的下级单位`}>
                      下级 →
                    </Link>
                  ) : null}
                </label>
              ))}
            </fieldset>
            <noscript>
              <button type="submit">应用</button>
            </noscript>
          </Form>
        ) : null}

        {state.units.length > 0 ? (
          <div className="chosen" aria-label="另选的单位">
            {view.units
              .filter((u) => chosen.has(u.key) && !picker.members.some((m) => m.key === u.key))
              .map((u) => (
                <Link key={u.key} className="chip" to={href({ units: state.units.filter((x) => x !== u.key) })} title="移除">
                  {u.name} ×
                </Link>
              ))}
          </div>
        ) : null}

        <div className="picker-row">
          <span className="label">年度</span>
          <YearSelect
            label="起始年度"
            value={years?.from}
            years={yearsAvailable}
            onPick={(y) => navigate(href({ years: { from: y, to: Math.max(y, years?.to ?? y) } }))}
          />
          至
          <YearSelect
            label="结束年度"
            value={years?.to}
            years={yearsAvailable}
            onPick={(y) => navigate(href({ years: { from: Math.min(y, years?.from ?? y), to: y } }))}
          />
          {view.available ? (
            <span className="quick">
              {yearsAvailable
                .slice(-3)
                .reverse()
                .map((y) => (
                  <Link key={y} to={href({ years: { from: y, to: y } })}>
                    只看 {y}
                  </Link>
                ))}
              <Link to={href({ years: view.available })}>全部年度</Link>
            </span>
          ) : null}
        </div>

        <div className="picker-row">
          <span className="label">指标</span>
          <nav className="tabs" aria-label="指标组">
            {GROUPS.map((g) => (
              <Link key={g} to={href({ group: g })} aria-current={g === state.group ? 'page' : undefined} className={g === state.group ? 'active' : ''}>
                {GROUP_LABELS[g]}
              </Link>
            ))}
          </nav>
        </div>

        <div className="picker-row">
          <span className="label">显示</span>
          <label>
            <span className="sr-only">图表形式</span>
            <select value={state.view} onChange={(e) => navigate(href({ view: e.target.value as CompareState['view'] }))} aria-label="图表形式">
              {VIEWS.map((v) => (
                <option key={v} value={v}>
                  {v === 'auto' ? `自动（现为${VIEW_LABELS[layout]}）` : VIEW_LABELS[v]}
                </option>
              ))}
            </select>
          </label>
          {hasComposition ? (
            <label className="toggle">
              <input type="checkbox" checked={state.percent} onChange={(e) => navigate(href({ percent: e.target.checked }), { preventScrollReset: true })} />
              构成显示为百分比
            </label>
          ) : null}
          <label className="toggle">
            <input type="checkbox" checked={state.decal} onChange={(e) => navigate(href({ decal: e.target.checked }), { preventScrollReset: true })} />
            图案填充（便于黑白打印）
          </label>
        </div>
      </section>

      <p className="summary" aria-live="polite">
        {busy ? '正在更新…' : null}
        已选 <strong>{view.units.length}</strong> 个单位
        {years ? (
          <>
            ，{years.from === years.to ? `${years.from} 年` : `${years.from}–${years.to} 年`}
          </>
        ) : null}
        。点击柱或点打开对应的报告
        {Object.keys(charts[0]?.drill ?? {}).length > 0 ? '；点击县（区）名称查看其乡镇（街道）' : ''}。
        {view.units.some((u) => u.synthetic) ? <span className="badge">{SYNTHETIC_BADGE}</span> : null}
      </p>

      {view.units.length === 0 ? (
        <p className="empty">还没有选择单位，或数据库中还没有报告。</p>
      ) : charts.length === 0 ? (
        <p className="empty">所选单位和年度的报告都没有这组指标。</p>
      ) : (
        charts.map((c) => <Chart key={c.name} spec={c} query={query} />)
      )}
    </ChartProvider>
  );
}

function YearSelect({ label, value, years, onPick }: { label: string; value: number | undefined; years: number[]; onPick: (year: number) => void }) {
  return (
    <label>
      <span className="sr-only">{label}</span>
      <select value={value ?? ''} onChange={(e) => onPick(Number(e.target.value))} aria-label={label}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}
