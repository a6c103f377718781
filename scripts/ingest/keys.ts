/**
 * The project's one vocabulary (../shared/report-schema.md): every figure's key, its Chinese
 * label, the table and group it belongs to and the format versions that print it. Parser,
 * database, charts and tests all import names from here; no key is spelled anywhere else.
 */

export type FormatVersion = '2021' | '2019';
export type Template = FormatVersion | 'hybrid' | 'legacy' | 'unknown';
export type TableId = 'active' | 'applications' | 'review';

export interface ActiveKey {
  key: string;
  /** row label as printed in the official template */
  row: string;
  /** column label as printed */
  column: string;
  formats: readonly FormatVersion[];
  /** the block of part 二 it is printed in (第二十条第(X)项) */
  block: '一' | '五' | '六' | '八' | '九';
  unit?: '万元';
  /** the column's label where the 2019 format prints it differently */
  column2019?: string;
}

const both = ['2021', '2019'] as const;
const v2021 = ['2021'] as const;
const v2019 = ['2019'] as const;

export const ACTIVE_KEYS: readonly ActiveKey[] = [
  { key: 'rules.issued', row: '规章', column: '本年制发件数', formats: v2021, block: '一' },
  { key: 'rules.repealed', row: '规章', column: '本年废止件数', formats: v2021, block: '一' },
  { key: 'rules.in_force', row: '规章', column: '现行有效件数', formats: v2021, block: '一' },
  { key: 'normative.issued', row: '行政规范性文件', column: '本年制发件数', formats: v2021, block: '一' },
  { key: 'normative.repealed', row: '行政规范性文件', column: '本年废止件数', formats: v2021, block: '一' },
  { key: 'normative.in_force', row: '行政规范性文件', column: '现行有效件数', formats: v2021, block: '一' },
  { key: 'rules.new_made', row: '规章', column: '本年新制作数量', formats: v2019, block: '一' },
  { key: 'rules.new_published', row: '规章', column: '本年新公开数量', formats: v2019, block: '一' },
  { key: 'rules.total_published', row: '规章', column: '对外公开总数量', formats: v2019, block: '一' },
  { key: 'normative.new_made', row: '规范性文件', column: '本年新制作数量', formats: v2019, block: '一' },
  { key: 'normative.new_published', row: '规范性文件', column: '本年新公开数量', formats: v2019, block: '一' },
  { key: 'normative.total_published', row: '规范性文件', column: '对外公开总数量', formats: v2019, block: '一' },
  { key: 'licensing.prev_items', row: '行政许可', column: '上一年项目数量', formats: v2019, block: '五' },
  { key: 'licensing.change', row: '行政许可', column: '本年增/减', formats: v2019, block: '五' },
  { key: 'licensing.decisions', column2019: '处理决定数量', row: '行政许可', column: '本年处理决定数量', formats: both, block: '五' },
  { key: 'other_services.prev_items', row: '其他对外管理服务事项', column: '上一年项目数量', formats: v2019, block: '五' },
  { key: 'other_services.change', row: '其他对外管理服务事项', column: '本年增/减', formats: v2019, block: '五' },
  { key: 'other_services.decisions', row: '其他对外管理服务事项', column: '处理决定数量', formats: v2019, block: '五' },
  { key: 'punishment.prev_items', row: '行政处罚', column: '上一年项目数量', formats: v2019, block: '六' },
  { key: 'punishment.change', row: '行政处罚', column: '本年增/减', formats: v2019, block: '六' },
  { key: 'punishment.decisions', column2019: '处理决定数量', row: '行政处罚', column: '本年处理决定数量', formats: both, block: '六' },
  { key: 'coercion.prev_items', row: '行政强制', column: '上一年项目数量', formats: v2019, block: '六' },
  { key: 'coercion.change', row: '行政强制', column: '本年增/减', formats: v2019, block: '六' },
  { key: 'coercion.decisions', column2019: '处理决定数量', row: '行政强制', column: '本年处理决定数量', formats: both, block: '六' },
  { key: 'fees.prev_items', row: '行政事业性收费', column: '上一年项目数量', formats: v2019, block: '八' },
  { key: 'fees.change', row: '行政事业性收费', column: '本年增/减', formats: v2019, block: '八' },
  { key: 'fees.amount', row: '行政事业性收费', column: '本年收费金额（单位：万元）', formats: v2021, block: '八', unit: '万元' },
  { key: 'procurement.items', row: '政府集中采购', column: '采购项目数量', formats: v2019, block: '九' },
  { key: 'procurement.amount', row: '政府集中采购', column: '采购总金额', formats: v2019, block: '九', unit: '万元' },
];

/** The keys of part 二 in the order a given format prints them. */
export function activeKeysFor(format: FormatVersion): ActiveKey[] {
  return ACTIVE_KEYS.filter((k) => k.formats.includes(format));
}

export interface ApplicantColumn {
  key: string;
  label: string;
  /** the label with its group, as a reader says it */
  fullLabel: string;
}

export const APPLICANT_COLUMNS: readonly ApplicantColumn[] = [
  { key: 'natural_person', label: '自然人', fullLabel: '自然人' },
  { key: 'commercial', label: '商业企业', fullLabel: '法人或其他组织 · 商业企业' },
  { key: 'research', label: '科研机构', fullLabel: '法人或其他组织 · 科研机构' },
  { key: 'social_welfare', label: '社会公益组织', fullLabel: '法人或其他组织 · 社会公益组织' },
  { key: 'legal_service', label: '法律服务机构', fullLabel: '法人或其他组织 · 法律服务机构' },
  { key: 'other_org', label: '其他', fullLabel: '法人或其他组织 · 其他' },
  { key: 'total', label: '总计', fullLabel: '总计' },
];

export type ApplicationGroup = 'denied' | 'unable' | 'not_processed' | 'other';

export interface ApplicationRow {
  key: string;
  label: string;
  /** the printed numbering, e.g. 三 (三) 1. */
  number: string;
  group?: ApplicationGroup;
  /** true for rows that are outcomes summed into the 总计 row */
  outcome: boolean;
  formats: readonly FormatVersion[];
}

export const APPLICATION_ROWS: readonly ApplicationRow[] = [
  { key: 'received_new', number: '一、', label: '本年新收政府信息公开申请数量', outcome: false, formats: both },
  { key: 'carried_over', number: '二、', label: '上年结转政府信息公开申请数量', outcome: false, formats: both },
  { key: 'granted', number: '（一）', label: '予以公开', outcome: true, formats: both },
  { key: 'partially_granted', number: '（二）', label: '部分公开', outcome: true, formats: both },
  { key: 'denied.state_secret', number: '1.', label: '属于国家秘密', group: 'denied', outcome: true, formats: both },
  { key: 'denied.prohibited_by_law', number: '2.', label: '其他法律行政法规禁止公开', group: 'denied', outcome: true, formats: both },
  { key: 'denied.security_stability', number: '3.', label: '危及“三安全一稳定”', group: 'denied', outcome: true, formats: both },
  { key: 'denied.third_party', number: '4.', label: '保护第三方合法权益', group: 'denied', outcome: true, formats: both },
  { key: 'denied.internal_affairs', number: '5.', label: '属于三类内部事务信息', group: 'denied', outcome: true, formats: both },
  { key: 'denied.process_info', number: '6.', label: '属于四类过程性信息', group: 'denied', outcome: true, formats: both },
  { key: 'denied.enforcement_file', number: '7.', label: '属于行政执法案卷', group: 'denied', outcome: true, formats: both },
  { key: 'denied.query_item', number: '8.', label: '属于行政查询事项', group: 'denied', outcome: true, formats: both },
  { key: 'unable.not_held', number: '1.', label: '本机关不掌握相关政府信息', group: 'unable', outcome: true, formats: both },
  { key: 'unable.needs_creation', number: '2.', label: '没有现成信息需要另行制作', group: 'unable', outcome: true, formats: both },
  { key: 'unable.unclear', number: '3.', label: '补正后申请内容仍不明确', group: 'unable', outcome: true, formats: both },
  { key: 'not_processed.petition', number: '1.', label: '信访举报投诉类申请', group: 'not_processed', outcome: true, formats: both },
  { key: 'not_processed.duplicate', number: '2.', label: '重复申请', group: 'not_processed', outcome: true, formats: both },
  { key: 'not_processed.publication', number: '3.', label: '要求提供公开出版物', group: 'not_processed', outcome: true, formats: both },
  { key: 'not_processed.excessive', number: '4.', label: '无正当理由大量反复申请', group: 'not_processed', outcome: true, formats: both },
  { key: 'not_processed.confirmation', number: '5.', label: '要求行政机关确认或重新出具已获取信息', group: 'not_processed', outcome: true, formats: both },
  { key: 'other.no_correction', number: '1.', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', group: 'other', outcome: true, formats: v2021 },
  { key: 'other.unpaid_fee', number: '2.', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', group: 'other', outcome: true, formats: v2021 },
  { key: 'other.other', number: '3.', label: '其他', group: 'other', outcome: true, formats: v2021 },
  { key: 'other.all', number: '（六）', label: '其他处理', group: 'other', outcome: true, formats: both },
  { key: 'total', number: '（七）', label: '总计', outcome: false, formats: both },
  { key: 'carried_forward', number: '四、', label: '结转下年度继续办理', outcome: false, formats: both },
];

export const APPLICATION_GROUPS: Readonly<Record<ApplicationGroup, { number: string; label: string }>> = {
  denied: { number: '（三）', label: '不予公开' },
  unable: { number: '（四）', label: '无法提供' },
  not_processed: { number: '（五）', label: '不予处理' },
  other: { number: '（六）', label: '其他处理' },
};

export const REVIEW_GROUPS = [
  { key: 'review', label: '行政复议', fullLabel: '行政复议' },
  { key: 'litigation_direct', label: '未经复议直接起诉', fullLabel: '行政诉讼 · 未经复议直接起诉' },
  { key: 'litigation_after_review', label: '复议后起诉', fullLabel: '行政诉讼 · 复议后起诉' },
] as const;

export const REVIEW_COLUMNS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;

export type ReviewGroupKey = (typeof REVIEW_GROUPS)[number]['key'];
export type ReviewColumnKey = (typeof REVIEW_COLUMNS)[number]['key'];

/** All 15 keys of part 四 in printed order: review.upheld … litigation_after_review.total. */
export const REVIEW_KEYS: readonly string[] = REVIEW_GROUPS.flatMap((g) =>
  REVIEW_COLUMNS.map((c) => `${g.key}.${c.key}`),
);

export const SECTION_KEYS = [
  { key: 'overview', number: '一', label: '总体情况' },
  { key: 'problems', number: '五', label: '存在的主要问题及改进情况' },
  { key: 'other', number: '六', label: '其他需要报告的事项' },
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number]['key'];

export const TABLE_TITLES: Readonly<Record<TableId, { number: string; label: string }>> = {
  active: { number: '二', label: '主动公开政府信息情况' },
  applications: { number: '三', label: '收到和处理政府信息公开申请情况' },
  review: { number: '四', label: '政府信息公开行政复议、行政诉讼情况' },
};

export const CHECK_RULES = {
  'applications.balance': '新收 + 上年结转 = 办理结果总计 + 结转下年度',
  'applications.row_total': '总计列 = 六类申请人之和',
  'applications.outcome_total': '（七）总计 = 各项办理结果之和',
  'review.total': '总计 = 维持 + 纠正 + 其他 + 尚未审结',
  'cross_year.carried': '上年结转下年度 = 本年上年结转',
  'cross_year.in_force': '上年现行有效 + 本年制发 − 本年废止 = 本年现行有效',
} as const;
export type CheckRule = keyof typeof CHECK_RULES;

export const TEMPLATE_LABELS: Readonly<Record<Template, string>> = {
  '2021': '2021 版格式',
  '2019': '2019 版格式',
  hybrid: '混合格式',
  legacy: '2019 年以前的统计表',
  unknown: '未识别的格式',
};

/** The label a reader sees for any figure key, e.g. `applications.granted.total`. */
export function figureLabel(table: TableId, row: string, column?: string): string {
  if (table === 'active') {
    const k = ACTIVE_KEYS.find((a) => a.key === row);
    return k ? `${k.row} · ${k.column}` : row;
  }
  if (table === 'applications') {
    const r = APPLICATION_ROWS.find((a) => a.key === row);
    const c = APPLICANT_COLUMNS.find((a) => a.key === column);
    const group = r?.group ? `${APPLICATION_GROUPS[r.group].label} · ` : '';
    return `${group}${r?.label ?? row} · ${c?.fullLabel ?? column ?? ''}`;
  }
  const [g, c] = row.split('.');
  const group = REVIEW_GROUPS.find((x) => x.key === g);
  const col = REVIEW_COLUMNS.find((x) => x.key === c);
  return `${group?.fullLabel ?? g} · ${col?.label ?? c}`;
}

/** Every synthetic report carries this line; the parser sets `synthetic` when it sees it. */
export const SYNTHETIC_MARK = '【合成示例数据：本报告由 Nianbao 生成，非真实政府文件】';
export const SYNTHETIC_BADGE = '合成示例数据';

/**
 * Fixed text of the official tables that labels no figure: block headings, header cells, notes
 * (checked against the 2021 template .docx and the 2019-format 上海 sample in shared/corpus).
 */
export const TEMPLATE_TEXT = {
  /** heading of each block of part 二 */
  activeBlock: (block: ActiveKey['block']) => `第二十条第（${block}）项`,
  infoContent: '信息内容',
  balanceNote: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  applicantHeader: '申请人情况',
  organisations: '法人或其他组织',
  outcomes: { number: '三、', label: '本年度办理结果' },
  /** notes printed after a row label of part 三, by row key */
  rowNotes: { partially_granted: '（区分处理的，只计这一情形，不计其他情形）' } as Readonly<Record<string, string>>,
  litigation: '行政诉讼',
  /** the 2019 format heads the decisions column of blocks 五 and 六 without 本年 */
  decisions2019: '处理决定数量',
} as const;

/** The column label a format prints for a key of part 二. */
export function activeColumnLabel(k: ActiveKey, format: FormatVersion): string {
  return format === '2019' && k.formats.length > 1 ? TEMPLATE_TEXT.decisions2019 : k.column;
}

/** Keys of part 二 that may be negative (本年增/减): written with an explicit sign. */
export function isSignedActiveKey(k: ActiveKey): boolean {
  return k.column === '本年增/减';
}

/**
 * The rows of part 三 a format prints, in order. The 2021 format prints 其他处理 as three
 * sub-rows; the 2019 format prints it as the one row `other.all`.
 */
export function applicationRowsFor(format: FormatVersion): ApplicationRow[] {
  return APPLICATION_ROWS.filter(
    (r) => r.formats.includes(format) && !(format === '2021' && isGroupRow(r)),
  );
}

/** A row that is its group's own line (（六）其他处理 printed as one row). */
export function isGroupRow(r: ApplicationRow): boolean {
  return r.group !== undefined && r.number === APPLICATION_GROUPS[r.group].number;
}

/** 2021 format, block 一: per row, the keys of 本年制发, 本年废止 and 现行有效 (cross_year.in_force). */
export function inForceChains(): { issued: string; repealed: string; inForce: string }[] {
  const block = ACTIVE_KEYS.filter((k) => k.block === '一' && k.formats.includes('2021'));
  const rows = [...new Set(block.map((k) => k.row))];
  return rows.map((row) => {
    const [issued, repealed, inForce] = block.filter((k) => k.row === row).map((k) => k.key);
    return { issued, repealed, inForce };
  });
}
