/**
 * The prose parts (一 总体情况, 五, 六) of a synthetic report: short, in the register of real ones,
 * naming the unit with its province, city and county so a reader (or the parser) can place it.
 *
 * The wording is drawn as sequences of short phrases from pools, so that two reports written
 * independently share almost no run of five characters (雷同检测 must not find copies where none was
 * planted), while a copy — the same draws for another unit or year — repeats the whole text.
 */
import type { Report } from '../report';
import { int, type Rng } from './prng';
import { statisticalPeriod } from './render';

export interface Place {
  name: string;
  county: string;
  /** null where the level is a placeholder (市辖区, 省直辖县级行政区划) */
  city: string | null;
  province: string;
}

const FIELDS = [
  '财政预决算', '重大建设项目', '公共资源配置', '社会公益事业', '乡村振兴', '安全生产', '生态环境保护', '义务教育',
  '医疗卫生', '就业创业', '社会救助', '征地补偿', '惠农补贴', '棚户区改造', '防汛抗旱', '优化营商环境', '行政执法',
  '规划建设', '食品药品安全', '养老服务', '住房保障', '退役军人服务', '农村集体资产', '河湖长制', '人居环境整治',
  '耕地保护', '殡葬改革', '残疾人帮扶', '涉农资金', '文明创建', '基层治理', '应急管理', '市场监管', '交通运输',
  '水利工程', '民生实事', '政府采购', '村务公开', '产业发展', '招商引资',
];

const MEASURES = [
  '健全机制', '压实责任', '细化分工', '强化培训', '规范流程', '完善目录', '加强审核', '优化栏目', '丰富形式',
  '畅通渠道', '及时更新', '动态调整', '严格把关', '定期自查', '跟踪督办', '对标对表', '以查促改', '强化考核',
  '深化解读', '回应关切', '统一标准', '集中清理', '专人负责', '分级审签', '限时办结', '闭环管理', '台账管理',
  '联审联签', '常态巡查', '立行立改', '互学互评', '以点带面', '示范引领', '数字赋能', '一网通办', '上下联动',
  '部门协同', '群众评议', '第三方评估', '月度通报',
];

const CHANNELS = [
  '门户网站', '政务新媒体', '村务公开栏', '便民服务中心', '微信公众号', '政务服务大厅', '新闻发布会', '公开查阅点',
  '电子显示屏', '广播电视', '社区公告栏', '政务热线', '政务微博', '宣传手册', '户外大屏', '网格员走访', '院坝会',
  '短视频平台', '档案馆查阅室', '图书馆查阅点',
];

const SHORTCOMINGS = [
  '栏目内容更新滞后', '政策解读形式单一', '工作人员业务不熟', '公开标准执行不一', '信息发布审核偏松',
  '依申请办理不够规范', '基层公开覆盖不全', '群众参与渠道偏窄', '新媒体运维力量薄弱', '历史信息清理不彻底',
  '公开目录动态调整慢', '解读材料同步率低', '数据开放程度不高', '回应关切不够主动', '考核评价办法粗放',
  '专题专栏维护不够', '图解视频解读偏少', '公开意识仍有差距', '监督检查频次不足', '档案资料归集分散',
  '办理答复文书不规范', '涉密审查流程繁琐', '网站检索功能欠佳', '村级公开内容简单', '信息发布时效偏慢',
  '重点领域公开深度不够', '政策文件配套解读滞后', '意见征集反馈不及时', '会议开放参与面窄', '统计数据发布零散',
  '财务信息明细不全', '公示期限把握不准', '链接失效问题偶发', '无障碍浏览支持不足', '移动端适配程度低',
  '网上留言回复偏慢', '执法信息公示不全', '办事指南要素缺失', '公开平台整合不到位', '工作台账记录不全',
  '人员变动交接不畅', '培训覆盖面不广', '信息公开保密审查不细', '依申请答复说理不足', '主动公开比例偏低',
];

/** n distinct items of a pool, in drawn order. */
function draw<T>(rng: Rng, pool: readonly T[], n: number): T[] {
  const left = [...pool];
  const out: T[] = [];
  for (let i = 0; i < n && left.length > 0; i++) out.push(left.splice(int(rng, 0, left.length - 1), 1)[0]);
  return out;
}

export function placeName(p: Place): string {
  return `${p.province}${p.city ?? ''}${p.county}${p.name}`;
}

/**
 * The three prose parts. Every word choice comes from `rng`; names, year and figures from the other
 * arguments, so the same rng for another unit or year gives a copy with only those changed.
 */
/** Ways of saying the same thing: drawn, so that a fixed sentence does not make every report alike. */
const RECEIVED = ['全年新收政府信息公开申请', '本年度受理依申请公开', '共收到公开申请', '全年登记政府信息公开申请'];
const ANSWERED = ['均在法定期限内答复', '全部按期办结', '未出现逾期答复', '均依法依规作出答复'];
const NONE_RECEIVED = ['全年未收到政府信息公开申请。', '本年度未收到政府信息公开申请。'];
const OPENINGS = ['聚焦', '围绕', '紧扣', '突出'];
const DONE = ['信息应公开尽公开', '信息做到及时准确发布', '信息实现常态化公开', '信息全部按时公开到位'];
const MANAGED = ['政府信息管理方面', '平台建设方面', '监督保障方面', '工作机制方面'];
const UPDATED = ['同步更新', '动态维护', '按月更新', '集中发布'];
const NEXT = ['下一步将', '今后将', '我们将', '接下来将'];

/**
 * The three prose parts. Every word choice comes from `rng`; names, year and figures from the other
 * arguments, so the same rng for another unit or year gives a copy with only those changed.
 */
export function unitSections(
  p: Place,
  organ: string,
  year: number,
  applicationsReceived: number,
  rng: Rng,
): Report['sections'] {
  const items = int(rng, 8, 260);
  const one = <T>(pool: readonly T[]) => pool[int(rng, 0, pool.length - 1)];
  const [receivedPhrase, answered, none, opening, next, done, managed, updated] = [
    one(RECEIVED),
    one(ANSWERED),
    one(NONE_RECEIVED),
    one(OPENINGS),
    one(NEXT),
    one(DONE),
    one(MANAGED),
    one(UPDATED),
  ];
  const fields = draw(rng, FIELDS, 10);
  const measures = draw(rng, MEASURES, 14);
  const channels = draw(rng, CHANNELS, 2);
  const shortcomings = draw(rng, SHORTCOMINGS, 3);
  return {
    overview: [
      `本报告由${organ}根据《中华人民共和国政府信息公开条例》要求编制。${statisticalPeriod(year)}`,
      `${year}年，${placeName(p)}${opening}${fields.slice(0, 3).join('、')}，${measures.slice(0, 3).join('、')}，依托${channels.join('和')}主动公开政府信息${items}条。`,
      `（一）主动公开情况。${measures.slice(3, 5).join('、')}，${fields.slice(3, 5).join('、')}${done}。`,
      // every fixed phrase stands between drawn words, so that no two reports share a long run by chance
      `（二）依申请公开情况。${applicationsReceived > 0 ? `${fields[9]}等领域${receivedPhrase}${applicationsReceived}件，${measures[13]}，${answered}。` : none}`,
      `（三）${measures.slice(10, 13).join('、')}，${managed}${updated}${fields.slice(7, 9).join('、')}相关内容。`,
    ].join('\n'),
    problems: `${year}年，一是${shortcomings[0]}；二是${shortcomings[1]}；三是${shortcomings[2]}。\n${next}${measures.slice(5).join('、')}，做好${fields.slice(5).join('、')}信息公开。`,
    other: `${organ}${year}年度未收取政府信息公开信息处理费，无其他需要报告的事项。`,
  };
}
