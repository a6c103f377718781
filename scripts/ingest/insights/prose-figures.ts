/**
 * Figures the prose states (收到申请N件, 行政复议N件, 行政诉讼N件) against the tables. Prose may count
 * differently (applications received including those carried over, cases of several years), so a
 * difference is a warning to read, never a failed check.
 */
import { sumOrNull, type Values } from '../metrics';

export interface ProseFigure {
  id: 'applications' | 'review' | 'litigation';
  label: string;
  /** the sentence's number as written */
  stated: number;
  /** the phrase it was read from */
  phrase: string;
  /** what the tables give, or null when they leave it blank (then nothing is compared) */
  table: number | null;
  /** where the table's figure comes from */
  tableLabel: string;
  /** other readings of the tables the prose may mean */
  alternatives: { label: string; value: number }[];
  /** null when the table leaves the figure blank */
  agrees: boolean | null;
}

const NUMBER = '(\\d+)\\s*(?:件|宗|起|个|次|条)';
/**
 * Each: what is counted, then a number within a short distance in the same clause; or a sentence
 * saying there was none (未收到…申请, 未发生行政复议), which states 0.
 */
const PATTERNS: { id: ProseFigure['id']; re: RegExp; none: RegExp }[] = [
  {
    id: 'applications',
    re: new RegExp(`(?:收到|新收|受理|登记)[^。；，,\\d]{0,16}?(?:公开)?申请[^。；\\d]{0,8}?${NUMBER}`),
    // 未发生因政府信息公开申请提起的行政复议 is about review, not applications
    none: /未(?:收到|受理)[^。；，,\d]{0,12}申请(?![^。；，,\d]{0,8}(?:行政复议|行政诉讼|复议|诉讼))/,
  },
  { id: 'review', re: new RegExp(`行政复议[^。；，,\\d]{0,10}?${NUMBER}`), none: /未(?:发生|收到|涉及)[^。；，,\d]{0,12}行政复议/ },
  { id: 'litigation', re: new RegExp(`行政诉讼[^。；，,\\d]{0,10}?${NUMBER}`), none: /未(?:发生|收到|涉及)[^。；，,\d]{0,12}行政诉讼/ },
];

function tableSide(id: ProseFigure['id'], values: Values): Pick<ProseFigure, 'table' | 'tableLabel' | 'alternatives' | 'label'> {
  if (id === 'applications') {
    const withCarried = sumOrNull(['applications.received_new.total', 'applications.carried_over.total'], values);
    return {
      label: '收到申请',
      table: sumOrNull(['applications.received_new.total'], values),
      tableLabel: '表三 · 本年新收申请 · 总计',
      alternatives: withCarried === null ? [] : [{ label: '新收 + 上年结转', value: withCarried }],
    };
  }
  if (id === 'review') return { label: '行政复议', table: sumOrNull(['review.review.total'], values), tableLabel: '表四 · 行政复议 · 总计', alternatives: [] };
  return {
    label: '行政诉讼',
    table: sumOrNull(['review.litigation_direct.total', 'review.litigation_after_review.total'], values),
    tableLabel: '表四 · 行政诉讼（直接起诉 + 复议后起诉）· 总计',
    alternatives: [],
  };
}

/** Every figure the prose states that the tables also give, first mention of each kind. */
export function proseAgainstTables(prose: string, values: Values): ProseFigure[] {
  const out: ProseFigure[] = [];
  for (const { id, re, none } of PATTERNS) {
    const m = re.exec(prose) ?? none.exec(prose);
    if (!m) continue;
    const stated = m[1] === undefined ? 0 : Number(m[1]);
    const side = tableSide(id, values);
    const agrees = side.table === null ? null : side.table === stated || side.alternatives.some((a) => a.value === stated);
    out.push({ id, stated, phrase: m[0], ...side, agrees });
  }
  return out;
}
