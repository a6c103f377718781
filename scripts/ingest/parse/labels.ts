/**
 * How row labels are printed in the wild, keyed by the vocabulary of keys.ts. Matching is on text
 * without spaces after normalisation (simplified, ASCII punctuation), so `規 章` and `規(guī)章` arrive
 * here as 规章.
 */

/** Part 二 rows. A label may carry a note after it, in parentheses. */
export const ACTIVE_ROW_LABELS: Record<string, RegExp> = {
  rules: /^规章(?:[(（].*)?$/,
  normative: /^(?:行政)?规范性文件(?:[(（].*)?$/,
  licensing: /^行政许可(?:[(（].*)?$/,
  other_services: /^其他对外管理服务事项(?:[(（].*)?$/,
  punishment: /^行政处罚(?:[(（].*)?$/,
  coercion: /^行政强制(?:[(（].*)?$/,
  fees: /^行政事业[性型]收费(?:[(（].*)?$/,
  procurement: /^政府集中采购(?:[(（].*)?$/,
};

/** Column headers of part 二 that tell the two formats apart. */
export const HEADERS_2019_BLOCK_ONE = /本年新制作|本年新公开|对外公开总数|^本年新$/;
export const HEADERS_2021_BLOCK_ONE = /本年制发|本年废止|现行有效/;
export const HEADERS_2019_ITEMS = /上一年项目数量|本年增\/?减?|^本年增/;
export const HEADERS_2021_ITEMS = /本年处理决定数量|本年收费金额/;
/** The last header of block (一); when the 规章 label is blank the first data row follows it. */
export const BLOCK_ONE_LAST_HEADER = /^(?:现行有效件数|对外公开总数量)$/;

/** Part 三 rows, in printed order. */
export const APPLICATION_ROW_LABELS: Record<string, RegExp> = {
  received_new: /本年新收/,
  carried_over: /上年结转/,
  granted: /予以公开$/,
  partially_granted: /部分公开/,
  'denied.state_secret': /国家秘密/,
  'denied.prohibited_by_law': /其他法律行政|法规禁止公开/,
  'denied.security_stability': /三安全一稳定|危及/,
  'denied.third_party': /第三方合法权益/,
  'denied.internal_affairs': /三类内部事务/,
  'denied.process_info': /四类过程性/,
  'denied.enforcement_file': /行政执法案卷/,
  'denied.query_item': /行政查询事项/,
  'unable.not_held': /不掌握/,
  'unable.needs_creation': /另行制作/,
  'unable.unclear': /仍不明确/,
  'not_processed.petition': /信访举报投诉/,
  'not_processed.duplicate': /重复申请/,
  'not_processed.publication': /公开出版物/,
  'not_processed.excessive': /大量反复/,
  'not_processed.confirmation': /重新出具|确认或/,
  'other.no_correction': /逾期不补正/,
  'other.unpaid_fee': /缴纳费用|收费通知/,
  'other.other': /^(?:\d[.、．]?)?其他$/,
  'other.all': /其他处理$/,
  total: /^(?:[(（]七[)）]|七[、.])?总计$/,
  carried_forward: /结转下年度/,
};

/** Headers of part 四; its 15 figures follow the last of them. */
export const REVIEW_HEADER = /(?:行政复议|行政诉讼|维持|纠正|结果|审结|总计|起诉|行政法复议)$/;

/** Words of the pre-2019 statistics table, which none of the keys describe. */
export const LEGACY_MARKERS = ['当面申请数', '政府信息公开情况统计表', '网上申请数', '信函申请数'];
