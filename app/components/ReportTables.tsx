/** The three statistical tables of a report in the official layout, every cell shown. */
import {
  ACTIVE_KEYS,
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  APPLICATION_ROWS,
  CHECK_RULES,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  REVIEW_KEYS,
  TABLE_TITLES,
  type ActiveKey,
  type FormatVersion,
} from '../../scripts/ingest/keys';
import type { Check, Figure } from '../../scripts/ingest/report';
import { BLANK_TITLE, formatFigure } from '../lib/format';
import { Link } from '@remix-run/react';
import type { FigureCell } from '../models/reports.server';

type Lookup = Map<string, FigureCell>;

function cellKey(tbl: string, row: string, col: string | null): string {
  return col ? `${tbl}.${row}.${col}` : `${tbl}.${row}`;
}

/** The cells each failed check concerns, with the reason shown on them. */
function failedCells(checks: Check[]): Map<string, string> {
  const marks = new Map<string, string>();
  const mark = (key: string, c: Check) => {
    const why = `${CHECK_RULES[c.rule]}：应为 ${formatFigure(c.expected)}，实为 ${formatFigure(c.actual)}`;
    marks.set(key, marks.has(key) ? `${marks.get(key)}\n${why}` : why);
  };
  for (const c of checks) {
    if (c.ok) continue;
    if (c.rule === 'applications.balance' && c.column) {
      for (const r of ['received_new', 'carried_over', 'total', 'carried_forward']) mark(cellKey('applications', r, c.column), c);
    } else if (c.rule === 'applications.outcome_total' && c.column) mark(cellKey('applications', 'total', c.column), c);
    else if (c.rule === 'applications.row_total' && c.row) mark(cellKey('applications', c.row, 'total'), c);
    else if (c.rule === 'review.total' && c.group) mark(cellKey('review', `${c.group}.total`, null), c);
  }
  return marks;
}

interface Marks {
  figures: Lookup;
  failed: Map<string, string>;
  /** the cell whose origin the source text shows */
  selected: string | null;
  /** cells corrected by hand → what the page says about it */
  corrected: ReadonlyMap<string, string>;
}

function Value({ figures, failed, selected, corrected, tbl, row, col, colSpan }: Marks & { tbl: string; row: string; col: string | null; colSpan?: number }) {
  const key = cellKey(tbl, row, col);
  const cell = figures.get(key);
  const v: Figure | undefined = cell?.value;
  const why = failed.get(key);
  const byHand = corrected.get(key);
  const classes = ['num', v === null || v === undefined ? 'blank' : '', why ? 'failed' : '', byHand ? 'corrected' : '', key === selected ? 'selected' : ''].filter(Boolean).join(' ');
  const title =
    [why, byHand].filter(Boolean).join('\n') || (v === null ? BLANK_TITLE : cell?.raw && cell.raw !== String(v) ? `原文：${cell.raw}` : undefined);
  return (
    <td className={classes} colSpan={colSpan} data-key={key} title={title}>
      {cell ? (
        <Link to={{ search: `?cell=${key}`, hash: 'source' }} replace preventScrollReset aria-label={`${formatFigure(v)}：在原文中查看`}>
          {formatFigure(v)}
        </Link>
      ) : (
        ''
      )}
    </td>
  );
}

function blockFormat(figures: Lookup, block: ActiveKey['block']): FormatVersion | null {
  for (const f of ['2021', '2019'] as const) {
    const keys = ACTIVE_KEYS.filter((k) => k.block === block && k.formats.length === 1 && k.formats[0] === f);
    if (keys.some((k) => figures.has(cellKey('active', k.key, null)))) return f;
  }
  return ACTIVE_KEYS.some((k) => k.block === block && figures.has(cellKey('active', k.key, null))) ? '2021' : null;
}

const BLOCKS: ActiveKey['block'][] = ['一', '五', '六', '八', '九'];

function ActiveTable(marks: Marks) {
  const { figures } = marks;
  const width = 3;
  return (
    <table className="grid" aria-label={TABLE_TITLES.active.label}>
      <tbody>
        {BLOCKS.map((block) => {
          const format = blockFormat(figures, block);
          if (!format) return null;
          const keys = ACTIVE_KEYS.filter((k) => k.block === block && k.formats.includes(format));
          const columns = [...new Set(keys.map((k) => (format === '2019' && k.column2019) || k.column))];
          const rows = [...new Set(keys.map((k) => k.row))];
          const span = (i: number) => (i === columns.length - 1 && columns.length < width ? width - columns.length + 1 : undefined);
          return [
            <tr key={`${block}-title`}>
              <th colSpan={width + 1}>{`第二十条第（${block}）项`}</th>
            </tr>,
            <tr key={`${block}-head`}>
              <th>信息内容</th>
              {columns.map((c, i) => (
                <th key={c} colSpan={span(i)}>
                  {c}
                </th>
              ))}
            </tr>,
            ...rows.map((row) => (
              <tr key={`${block}-${row}`}>
                <th scope="row">{row}</th>
                {keys
                  .filter((k) => k.row === row)
                  .map((k, i) => (
                    <Value key={k.key} {...marks} tbl="active" row={k.key} col={null} colSpan={span(i)} />
                  ))}
              </tr>
            )),
          ];
        })}
      </tbody>
    </table>
  );
}

function ApplicationsTable(marks: Marks) {
  const { figures } = marks;
  const printed = APPLICATION_ROWS.filter((r) => APPLICANT_COLUMNS.some((c) => figures.has(cellKey('applications', r.key, c.key))));
  const outcomes = printed.filter((r) => r.outcome || r.key === 'total');
  const organisations = APPLICANT_COLUMNS.slice(1, 6);
  const values = (row: string) =>
    APPLICANT_COLUMNS.map((c) => <Value key={c.key} {...marks} tbl="applications" row={row} col={c.key} />);
  const rows: JSX.Element[] = [];
  let previousGroup: string | undefined;
  for (const r of printed) {
    if (!r.outcome && r.key !== 'total') {
      rows.push(
        <tr key={r.key}>
          <th scope="row" colSpan={3}>
            {`${r.number}${r.label}`}
          </th>
          {values(r.key)}
        </tr>,
      );
      continue;
    }
    const first = r === outcomes[0];
    const groupRows = r.group ? outcomes.filter((o) => o.group === r.group) : [];
    const single = r.key === 'other.all';
    rows.push(
      <tr key={r.key}>
        {first ? <th rowSpan={outcomes.length}>三、本年度办理结果</th> : null}
        {r.group && !single ? (
          previousGroup !== r.group ? (
            <th rowSpan={groupRows.length}>{`${APPLICATION_GROUPS[r.group].number}${APPLICATION_GROUPS[r.group].label}`}</th>
          ) : null
        ) : null}
        <th scope="row" colSpan={r.group && !single ? undefined : 2}>
          {`${r.number}${r.label}${r.key === 'partially_granted' ? '（区分处理的，只计这一情形，不计其他情形）' : ''}`}
        </th>
        {values(r.key)}
      </tr>,
    );
    previousGroup = r.group;
  }
  return (
    <table className="grid" aria-label={TABLE_TITLES.applications.label}>
      <thead>
        <tr>
          <th rowSpan={3} colSpan={3}>
            （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
          </th>
          <th colSpan={7}>申请人情况</th>
        </tr>
        <tr>
          <th rowSpan={2}>{APPLICANT_COLUMNS[0].label}</th>
          <th colSpan={5}>法人或其他组织</th>
          <th rowSpan={2}>{APPLICANT_COLUMNS[6].label}</th>
        </tr>
        <tr>
          {organisations.map((c) => (
            <th key={c.key}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

function ReviewTable(marks: Marks) {
  const [review, ...litigation] = REVIEW_GROUPS;
  return (
    <table className="grid" aria-label={TABLE_TITLES.review.label}>
      <thead>
        <tr>
          <th colSpan={5}>{review.label}</th>
          <th colSpan={10}>行政诉讼</th>
        </tr>
        <tr>
          {REVIEW_COLUMNS.map((c) => (
            <th key={c.key} rowSpan={2}>
              {c.label}
            </th>
          ))}
          {litigation.map((g) => (
            <th key={g.key} colSpan={5}>
              {g.label}
            </th>
          ))}
        </tr>
        <tr>
          {litigation.flatMap((g) =>
            REVIEW_COLUMNS.map((c) => <th key={`${g.key}.${c.key}`}>{c.label}</th>),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          {REVIEW_KEYS.map((k) => (
            <Value key={k} {...marks} tbl="review" row={k} col={null} />
          ))}
        </tr>
      </tbody>
    </table>
  );
}

export function ReportTables({
  figures,
  checks,
  selected = null,
  corrected = new Map(),
}: {
  figures: FigureCell[];
  checks: Check[];
  selected?: string | null;
  corrected?: ReadonlyMap<string, string>;
}) {
  const lookup: Lookup = new Map(figures.map((f) => [cellKey(f.tbl, f.row_key, f.col_key), f]));
  const marks: Marks = { figures: lookup, failed: failedCells(checks), selected, corrected };
  const has = (tbl: string) => figures.some((f) => f.tbl === tbl);
  const missing = <p className="muted">报告中没有这张表（全部视为空白，不是 0）。</p>;
  return (
    <>
      <h2>{`${TABLE_TITLES.active.number}、${TABLE_TITLES.active.label}`}</h2>
      {has('active') ? <ActiveTable {...marks} /> : missing}
      <h2>{`${TABLE_TITLES.applications.number}、${TABLE_TITLES.applications.label}`}</h2>
      {has('applications') ? <ApplicationsTable {...marks} /> : missing}
      <h2>{`${TABLE_TITLES.review.number}、${TABLE_TITLES.review.label}`}</h2>
      {has('review') ? <ReviewTable {...marks} /> : missing}
    </>
  );
}
