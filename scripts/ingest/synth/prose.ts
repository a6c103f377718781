/**
 * The prose parts (一 总体情况, 五, 六) of a synthetic report: short, in the register of real ones,
 * naming the unit with its province, city and county so a reader (or the parser) can place it.
 */
import type { Report } from '../report';
import { int, pick, type Rng } from './prng';
import { statisticalPeriod } from './render';

export interface Place {
  name: string;
  county: string;
  /** null where the level is a placeholder (市辖区, 省直辖县级行政区划) */
  city: string | null;
  province: string;
}

const PROBLEMS = [
  '一是政务公开工作人员业务能力有待提高；二是主动公开信息的及时性、全面性还需加强。',
  '一是政策解读形式较为单一；二是基层政务公开标准化规范化建设仍需深化。',
  '信息公开内容更新不够及时，公开形式不够丰富，群众参与度有待提升。',
];

const FIXES = [
  '下一步将加强业务培训，完善信息发布审核机制，持续提升政务公开质量。',
  '我们将进一步规范公开流程，丰富解读形式，推动政务公开工作再上新台阶。',
  '今后将健全工作机制，加强监督检查，确保政府信息公开工作落到实处。',
];

export function placeName(p: Place): string {
  return `${p.province}${p.city ?? ''}${p.county}${p.name}`;
}

export function unitSections(
  p: Place,
  organ: string,
  year: number,
  applicationsReceived: number,
  rng: Rng,
): Report['sections'] {
  const items = int(rng, 8, 260);
  const received =
    applicationsReceived > 0
      ? `全年新收政府信息公开申请${applicationsReceived}件，均在法定期限内答复。`
      : '全年未收到政府信息公开申请。';
  return {
    overview: [
      `本报告由${organ}根据《中华人民共和国政府信息公开条例》要求编制。${statisticalPeriod(year)}`,
      `${year}年，${placeName(p)}认真贯彻落实政府信息公开工作要求，主动公开政府信息${items}条，通过${p.county}人民政府门户网站和政务公开专栏及时发布工作动态。`,
      `（一）主动公开情况。围绕重点领域信息公开，及时公开财政预决算、惠民补贴等信息。（二）依申请公开情况。${received}`,
    ].join('\n'),
    problems: `${year}年，${pick(rng, PROBLEMS)}\n${pick(rng, FIXES)}`,
    other: `${organ}${year}年度未收取政府信息公开信息处理费，无其他需要报告的事项。`,
  };
}
