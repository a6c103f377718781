import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigate, useNavigation } from '@remix-run/react';
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { SYNTHETIC_BADGE, TEMPLATE_LABELS, type Template } from '../../scripts/ingest/keys';
import { FIGURE_CHOICES, META_LABELS, cellValue, columnLabel } from '../lib/list-columns';
import { formatFigure } from '../lib/format';
import {
  CHECK_FILTERS,
  DATA_FILTERS,
  LIST_DEFAULTS,
  LIST_META_COLUMNS,
  PAGE_SIZES,
  formatYears,
  parseList,
  parseYears,
  serializeList,
  type ListState,
} from '../lib/view-state';
import { listReports, type ReportListRow } from '../models/reports.server';

export const meta: MetaFunction = () => [{ title: '报告列表 · Nianbao 年报' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const state = parseList(new URL(request.url).search);
  const started = performance.now();
  const page = await listReports(state);
  return { state: { ...state, page: page.page }, page, ms: Math.round(performance.now() - started) };
}

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature, rowPaginationFeature });
const helper = createColumnHelper<typeof features, ReportListRow>();
const CHECK_LABELS = { all: '全部', failed: '有未通过', passed: '全部通过' } as const;
const DATA_LABELS = { all: '全部', real: '真实报告', synthetic: SYNTHETIC_BADGE } as const;

function Cell({ row, id }: { row: ReportListRow; id: string }) {
  if (id === 'unit') {
    return (
      <>
        <Link to={`/reports/${row.id}`}>{cellValue(row, 'unit')}</Link>
        {row.synthetic ? <span className="badge small">{SYNTHETIC_BADGE}</span> : null}
        {row.organ && row.organ !== row.jurisdiction_name ? <div className="muted small">{row.organ}</div> : null}
      </>
    );
  }
  if (id === 'checks') return row.failed_checks > 0 ? <span className="badge bad">{row.failed_checks} 项未通过</span> : <>通过</>;
  const v = cellValue(row, id);
  if ((LIST_META_COLUMNS as readonly string[]).includes(id)) return <>{v ?? '—'}</>;
  return <span title={v === null ? '空白或该格式没有此项（不是 0）' : undefined}>{formatFigure(v as number | null)}</span>;
}

export default function ReportList() {
  const { state: raw, page, ms } = useLoaderData<typeof loader>();
  const state = raw as ListState;
  const navigate = useNavigate();
  const navigation = useNavigation();
  const href = (patch: Partial<ListState>) => `/reports${serializeList({ ...state, ...patch })}`;
  const exportQuery = serializeList({ ...state, page: 1 });

  const allColumns = useMemo(() => [...new Set([...LIST_META_COLUMNS, ...state.columns, ...FIGURE_CHOICES])], [state.columns]);
  const columns = useMemo(
    () =>
      helper.columns(
        allColumns.map((id) =>
          helper.display({
            id,
            header: columnLabel(id),
            cell: (info) => <Cell row={info.row.original} id={id} />,
            enableSorting: true,
          }),
        ),
      ),
    [allColumns],
  );
  const sorting: SortingState = [{ id: state.sort.column, desc: state.sort.desc }];
  const columnVisibility = Object.fromEntries(allColumns.map((id) => [id, state.columns.includes(id)]));
  const table = useTable({
    features,
    columns,
    data: page.rows as ReportListRow[],
    getRowId: (r) => String(r.id),
    manualSorting: true,
    manualPagination: true,
    rowCount: page.total,
    state: { sorting, columnVisibility, pagination: { pageIndex: state.page - 1, pageSize: state.size } },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0] ?? { id: LIST_DEFAULTS.sort.column, desc: true };
      navigate(href({ sort: { column: first.id, desc: first.desc }, page: 1 }), { preventScrollReset: true });
    },
    onPaginationChange: (updater) => {
      const next = typeof updater === 'function' ? updater({ pageIndex: state.page - 1, pageSize: state.size }) : updater;
      navigate(href({ page: next.pageIndex + 1, size: next.pageSize }), { preventScrollReset: true });
    },
  });

  const toggleColumn = (id: string, on: boolean) => {
    const cols = on ? [...state.columns, id] : state.columns.filter((c) => c !== id);
    navigate(href({ columns: allColumns.filter((c) => cols.includes(c)) }), { preventScrollReset: true });
  };
  const busy = navigation.state === 'loading';

  return (
    <>
      <div className="page-head">
        <h1>报告列表</h1>
        <div className="exports">
          <a className="button" href={`/reports/export/csv${exportQuery}`} download>
            导出 CSV
          </a>
          <a className="button" href={`/reports/export/xlsx${exportQuery}`} download>
            导出 Excel（XLSX）
          </a>
          <a className="button" href={`/reports/export/jsonl${exportQuery}`} download>
            导出 JSON Lines
          </a>
        </div>
      </div>
      <Form
        method="get"
        className="panel filters"
        aria-label="筛选"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          navigate(
            href({
              q: String(f.get('q') ?? '').trim(),
              years: parseYears(String(f.get('y') ?? '')),
              template: (String(f.get('tpl') ?? '') || null) as Template | null,
              checks: f.get('checks') as ListState['checks'],
              data: f.get('data') as ListState['data'],
              page: 1,
            }),
          );
        }}
      >
        <label>
          名称
          <input type="search" name="q" defaultValue={state.q} placeholder="单位或机关名称" key={state.q} />
        </label>
        <label>
          年度
          <input type="text" name="y" defaultValue={state.years ? formatYears(state.years) : ''} placeholder="如 2022 或 2019-2023" size={11} key={String(state.years?.from)} />
        </label>
        <label>
          格式
          <select name="tpl" defaultValue={state.template ?? ''} key={state.template ?? ''}>
            <option value="">全部</option>
            {(Object.keys(TEMPLATE_LABELS) as Template[]).map((t) => (
              <option key={t} value={t}>
                {TEMPLATE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          校验
          <select name="checks" defaultValue={state.checks} key={state.checks}>
            {CHECK_FILTERS.map((c) => (
              <option key={c} value={c}>
                {CHECK_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          数据
          <select name="data" defaultValue={state.data} key={state.data}>
            {DATA_FILTERS.map((d) => (
              <option key={d} value={d}>
                {DATA_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        {state.within ? <input type="hidden" name="in" value={state.within} /> : null}
        <button type="submit" className="primary">
          筛选
        </button>
        <Link to="/reports">清除</Link>
      </Form>

      <details className="columns-choice">
        <summary>选择列（{state.columns.length}）</summary>
        <fieldset>
          <legend className="sr-only">显示的列</legend>
          {allColumns.map((id) => (
            <label key={id}>
              <input type="checkbox" checked={state.columns.includes(id)} disabled={id === 'unit'} onChange={(e) => toggleColumn(id, e.target.checked)} />
              {META_LABELS[id as keyof typeof META_LABELS] ?? columnLabel(id)}
            </label>
          ))}
        </fieldset>
      </details>

      <p className="summary" aria-live="polite">
        {busy ? '正在加载…' : `共 ${page.total.toLocaleString('zh-CN')} 份报告${state.within ? `（区划 ${state.within}）` : ''}，查询用时 ${ms} 毫秒。`}
        点击表头排序。
      </p>

      {page.total === 0 ? (
        <p className="empty">没有符合条件的报告。</p>
      ) : (
        <div className="table-scroll">
          <table className="list reports">
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const figure = !(LIST_META_COLUMNS as readonly string[]).includes(header.column.id);
                    return (
                      <th
                        key={header.id}
                        className={figure ? 'num' : undefined}
                        aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                        scope="col"
                      >
                        <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                          <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                        </button>
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={(LIST_META_COLUMNS as readonly string[]).includes(cell.column.id) ? undefined : 'num'}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav className="pager" aria-label="翻页">
        <button type="button" onClick={() => table.firstPage()} disabled={!table.getCanPreviousPage()}>
          « 首页
        </button>
        <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
          ‹ 上一页
        </button>
        <span>
          第 {state.page} / {page.pages} 页
        </span>
        <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
          下一页 ›
        </button>
        <button type="button" onClick={() => table.lastPage()} disabled={!table.getCanNextPage()}>
          末页 »
        </button>
        <label>
          每页
          <select value={state.size} onChange={(e) => table.setPageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          份
        </label>
      </nav>
    </>
  );
}
