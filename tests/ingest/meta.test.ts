import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractMeta } from '../../scripts/ingest/parse/meta';
import { normalizeText } from '../../scripts/ingest/parse/normalize';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'tests/fixtures');
const pagesDir = path.resolve(repoRoot, '../shared/fixtures/pages');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');

const metaOf = (file: string) => extractMeta(normalizeText(readFileSync(file, 'utf8')));

describe('the seed report (红土崖镇 2022)', () => {
  const meta = metaOf(path.join(fixtures, 'hongtuya-2022.txt'));

  it('names the organ, year and signature date', () => {
    expect(meta.organ).toBe('红土崖镇人民政府');
    expect(meta.year).toBe(2022);
    expect(meta.published).toBe('2022-12-31');
  });

  it('resolves the town to its division code through 浑江区 named in the text', () => {
    expect(meta.jurisdiction).toEqual({
      name: '红土崖镇',
      level: '镇',
      parent: '浑江区',
      code: '220602102',
      county: '浑江区',
      city: '白山市',
      province: '吉林省',
    });
    expect(meta.warnings).toEqual([]);
  });
});

describe('real pages with a careful reader’s answers (../shared/fixtures/pages)', () => {
  const expectedFile = path.join(pagesDir, 'expected.jsonl');
  const present = existsSync(expectedFile);
  if (!present) console.warn(`SKIPPING real-page meta tests: ${expectedFile} is absent`);
  const expected: { file: string; organ: string | null; jurisdiction: string | null; parent: string | null; year: number }[] = present
    ? readFileSync(expectedFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    : [];

  it.skipIf(!present)('holds the eleven pages', () => {
    expect(expected).toHaveLength(11);
  });

  for (const page of expected) {
    it.skipIf(!present)(`${page.file}: ${page.organ ?? 'organ not named'}, ${page.year}`, () => {
      const meta = metaOf(path.join(pagesDir, page.file));
      expect({ organ: meta.organ, jurisdiction: meta.jurisdiction.name, parent: meta.jurisdiction.parent, year: meta.year }).toEqual({
        organ: page.organ,
        jurisdiction: page.jurisdiction,
        parent: page.parent,
        year: page.year,
      });
    });
  }
});

describe('complete reports of the corpus (../shared/corpus)', () => {
  const present = existsSync(corpusDir);
  if (!present) console.warn(`SKIPPING corpus meta tests: ${corpusDir} is absent`);
  const file = (name: string) => path.join(corpusDir, name);

  it.skipIf(!present)('洪泽区 2023 and 2024: one organ although the 2024 title prefixes 淮安市', () => {
    const y2023 = metaOf(file('KIROGOVCOMPARE__hzq2023_working.pdf.pypdf-extracted.txt'));
    const y2024 = metaOf(file('KIROGOVCOMPARE__hzq2024_working.pdf.pypdf-extracted.txt'));
    for (const [meta, year] of [[y2023, 2023], [y2024, 2024]] as const) {
      expect(meta.organ).toBe('洪泽区人民政府');
      expect(meta.year).toBe(year);
      expect(meta.published).toBeNull();
      expect(meta.jurisdiction).toMatchObject({ name: '洪泽区', level: '区', parent: '淮安市', code: '320813', city: '淮安市', province: '江苏省' });
    }
  });

  it.skipIf(!present)('淮安市人民政府 2024 resolves to the city', () => {
    const meta = metaOf(file('govnianbao__szfgs2024.pdf.pypdf-extracted.txt'));
    expect(meta.organ).toBe('淮安市人民政府');
    expect(meta.year).toBe(2024);
    expect(meta.jurisdiction).toMatchObject({ name: '淮安市', level: '市', code: '3208', county: null, city: '淮安市', province: '江苏省' });
  });

  it.skipIf(!present)('平潭综合实验区 2018–2025: the zone, resolved to 平潭县 with a warning, year from the title', () => {
    const pages = readdirSync(corpusDir).filter((f) => f.startsWith('pingtan-') && f.endsWith('__page.txt'));
    expect(pages).toHaveLength(8);
    for (const page of pages) {
      const meta = metaOf(file(page));
      const titleYear = Number(/(\d{4})年度/.exec(page)![1]);
      expect(meta.organ).toBe('平潭综合实验区');
      expect(meta.year).toBe(titleYear);
      expect(meta.published!.slice(0, 4)).toBe(String(titleYear + 1));
      expect(meta.jurisdiction).toMatchObject({ name: '平潭综合实验区', parent: null, code: '350128', county: '平潭县', city: '福州市', province: '福建省' });
      expect(meta.warnings.join('\n')).toMatch(/平潭综合实验区 is not in the division list; resolved as 平潭县/);
    }
  });

  it.skipIf(!present)('上海市人民政府办公厅 2025 and 上海市科委 2024 are departments of 上海市', () => {
    const office = metaOf(file('KIROGOVCOMPARE__shanghai-office-sample-source.md'));
    expect(office.organ).toBe('上海市人民政府办公厅');
    expect(office.year).toBe(2025);
    expect(office.jurisdiction).toMatchObject({ name: '上海市', level: '部门', parent: null, code: '31', province: '上海市' });
    const kewei = metaOf(file('KIROGOVCOMPARE__kewei-2024-source.md'));
    expect(kewei.organ).toBe('上海市科委');
    expect(kewei.year).toBe(2024);
    expect(kewei.jurisdiction).toMatchObject({ name: '上海市', level: '部门', code: '31' });
  });

  it.skipIf(!present)('沭阳县 2025, OCR’d as 沐阳县: kept as printed, no code invented', () => {
    const meta = metaOf(file('KIROGOVCOMPARE__沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt'));
    expect(meta.organ).toBe('沐阳县人民政府');
    expect(meta.year).toBe(2025);
    expect(meta.published).toBe('2026-01-23');
    expect(meta.jurisdiction).toMatchObject({ name: '沐阳县', level: '县', parent: null, code: null, county: null });
    expect(meta.warnings).toContain('jurisdiction: 沐阳县 is not in the division list');
  });
});

describe('standalone excerpts of real reports (tests/fixtures/meta)', () => {
  const excerpt = (name: string) => metaOf(path.join(fixtures, 'meta', name));

  it('a title split over two lines under a page number, the contact sentence broken mid-name', () => {
    const meta = excerpt('hzq-2023-head.txt');
    expect(meta.organ).toBe('洪泽区人民政府');
    expect(meta.year).toBe(2023);
    expect(meta.jurisdiction).toMatchObject({ name: '洪泽区', parent: '淮安市', code: '320813' });
  });

  it('a title that prefixes the city: the prefix becomes the parent, not part of the organ', () => {
    const meta = excerpt('hzq-2024-head.txt');
    expect(meta.organ).toBe('洪泽区人民政府');
    expect(meta.year).toBe(2024);
    expect(meta.jurisdiction).toMatchObject({ name: '洪泽区', parent: '淮安市', code: '320813' });
  });

  it('a city government', () => {
    const meta = excerpt('huaian-2024-head.txt');
    expect(meta.organ).toBe('淮安市人民政府');
    expect(meta.jurisdiction).toMatchObject({ name: '淮安市', level: '市', code: '3208', province: '江苏省' });
  });

  it('page chrome: the title after 标题:, 发布时间 as the publication date, the special zone', () => {
    const meta = excerpt('pingtan-2021-head.txt');
    expect(meta.organ).toBe('平潭综合实验区');
    expect(meta.year).toBe(2021);
    expect(meta.published).toBe('2022-02-08');
    expect(meta.jurisdiction).toMatchObject({ code: '350128', county: '平潭县' });
  });

  it('a markdown title with spaced year and the date under the signature', () => {
    const meta = excerpt('shuyang-2025.txt');
    expect(meta.organ).toBe('沐阳县人民政府');
    expect(meta.year).toBe(2025);
    expect(meta.published).toBe('2026-01-23');
    expect(meta.jurisdiction.code).toBeNull();
  });

  it('year before the organ, title split after 政府信息公开', () => {
    const meta = excerpt('shanghai-office-2025-head.txt');
    expect(meta.organ).toBe('上海市人民政府办公厅');
    expect(meta.year).toBe(2025);
    expect(meta.jurisdiction).toMatchObject({ name: '上海市', level: '部门' });
  });

  it('organ only in the contact sentence, in traditional characters with pinyin', () => {
    const meta = excerpt('fenghuang-2021-head.txt');
    expect(meta.organ).toBe('凤凰镇人民政府');
    expect(meta.year).toBe(2021);
    expect(meta.jurisdiction).toMatchObject({ name: '凤凰镇', parent: '柞水县', code: '611026105', city: '商洛市' });
  });

  it('garbled period 20191月1日, chrome 发布日期 with an empty 来源, parent from the city the text names', () => {
    const meta = excerpt('dalu-2019-head.txt');
    expect(meta.organ).toBe('大路镇人民政府');
    expect(meta.year).toBe(2019);
    expect(meta.published).toBe('2020-01-20');
    expect(meta.jurisdiction).toMatchObject({ name: '大路镇', parent: '琼海市', code: '469002110', county: '琼海市' });
  });

  it('a county-level city’s bureau named only in the opening sentence: a department of 抚远市', () => {
    const meta = excerpt('fuyuan-2022-head.txt');
    expect(meta.organ).toBe('抚远市自然资源局');
    expect(meta.year).toBe(2022);
    expect(meta.jurisdiction).toMatchObject({ name: '抚远市', level: '部门', parent: null, code: '230883', city: '佳木斯市', province: '黑龙江省' });
  });
});

describe('short texts', () => {
  const title = (organ: string) => `${organ}2022年政府信息公开工作年度报告\n一、总体情况\n`;

  it('a town of a common name: no code, every candidate', () => {
    const meta = extractMeta(`${title('太平镇人民政府')}本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。`);
    expect(meta.jurisdiction.code).toBeNull();
    expect(meta.jurisdiction.parent).toBeNull();
    const candidates = meta.jurisdiction.candidates!;
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    expect(new Set(candidates.map((c) => c.code)).size).toBe(candidates.length);
    expect(candidates.every((c) => c.name === '太平镇')).toBe(true);
    expect(meta.warnings.join('\n')).toMatch(/divisions are called 太平镇/);
  });

  it('the same town once the text names its city', () => {
    const meta = extractMeta(`${title('太平镇人民政府')}我镇认真落实哈尔滨市工作部署。`);
    expect(meta.jurisdiction).toMatchObject({ code: '230102101', county: '道里区', city: '哈尔滨市', province: '黑龙江省' });
    expect(meta.jurisdiction.candidates).toBeUndefined();
  });

  it('township-level units whose names carry no place word: 林场, 地区, 管理处, names with brackets', () => {
    const cases: [organ: string, mention: string, code: string][] = [
      ['塞罕坝机械林场人民政府', '围场满族蒙古族自治县', '130828450'],
      ['庙城地区办事处', '怀柔区', '110116005'],
      ['木兰山风景区管理处', '黄陂区', '420116401'],
      ['城南经济新区（车逻镇）人民政府', '高邮市', '321084401'],
    ];
    for (const [organ, mention, code] of cases) {
      const meta = extractMeta(normalizeText(`${title(organ)}我们在${mention}的领导下做好政务公开工作。`));
      expect(meta.jurisdiction.code, organ).toBe(code);
      expect(meta.jurisdiction.level, organ).toBeNull();
    }
  });

  it('a department is still a department: 公路管理处 names no unit', () => {
    const meta = extractMeta(`${title('怀柔区公路管理处')}我处认真做好政务公开工作。`);
    expect(meta.jurisdiction.level).toBe('部门');
  });

  it('spam before the town on a mirror site is dropped, never a parent', () => {
    const meta = extractMeta(`${title('新葡京博彩官网区红土崖镇人民政府')}红土崖镇在浑江区政府网站上公开信息。`);
    expect(meta.organ).toBe('红土崖镇人民政府');
    expect(meta.jurisdiction).toMatchObject({ name: '红土崖镇', parent: '浑江区', code: '220602102' });
    expect(meta.warnings).toContain('organ: “新葡京博彩官网区” before 红土崖镇 is no division; dropped');
  });

  it('spam as the page’s only named source gives no organ', () => {
    const meta = extractMeta('来源：新葡京博彩官网区人民政府\n一、总体情况\n2022年，我镇公开信息18条。');
    expect(meta.organ).toBeNull();
    expect(meta.jurisdiction.name).toBeNull();
    expect(meta.jurisdiction.parent).toBeNull();
  });

  it('“我镇” alone names no organ', () => {
    const meta = extractMeta('一、总体情况\n2022年，我镇持续强化组织领导。统计期限自2022年1月1日起至2022年12月31日止。');
    expect(meta.organ).toBeNull();
    expect(meta.year).toBe(2022);
  });

  it('the title year wins over a disagreeing statistical period, with a warning', () => {
    const meta = extractMeta(`${title('红土崖镇人民政府').replace('2022', '2021')}截止至2022年12月31日，浑江区。`);
    expect(meta.year).toBe(2021);
    expect(meta.warnings).toContain('year: the title says 2021, the statistical period 2022; the title is taken');
  });

  it('the statistical year, not the year of signing; a signature dated in Chinese numerals', () => {
    const meta = extractMeta('一、总体情况\n2020年度我街办未接到申请。\n驼峰路街道办事处\n二〇二一年一月十八日');
    expect(meta.year).toBe(2020);
    expect(meta.published).toBe('2021-01-18');
    expect(meta.organ).toBe('驼峰路街道办事处');
    expect(meta.jurisdiction).toMatchObject({ name: '驼峰路街道', level: '街道', code: '610802005' });
  });

  it('a county prefix in the title that does not hold the town keeps the parent and warns', () => {
    const meta = extractMeta(title('桃江县新建镇人民政府'));
    expect(meta.organ).toBe('新建镇人民政府');
    expect(meta.jurisdiction).toMatchObject({ name: '新建镇', parent: '桃江县', code: null });
    expect(meta.warnings.join('\n')).toMatch(/none of the \d+ divisions called 新建镇 lies in 桃江县/);
  });

  it('a misread county inside a named city offers the near names, picks none', () => {
    const meta = extractMeta(`${title('沐阳县人民政府')}宿迁市`);
    expect(meta.jurisdiction.code).toBeNull();
    expect(meta.jurisdiction.candidates!.map((c) => c.name).sort()).toEqual(['沭阳县', '泗阳县']);
  });

  it('title variants: 关于 before the year, the year after 工作', () => {
    expect(extractMeta('红土崖镇人民政府关于2022年政府信息公开工作年度报告\n浑江区')).toMatchObject({ organ: '红土崖镇人民政府', year: 2022 });
    expect(extractMeta('红土崖镇政府信息公开工作2022年度报告\n浑江区')).toMatchObject({ organ: '红土崖镇', year: 2022 });
  });

  it('levels: an autonomous region is a province, a party organ belongs to the county after 中共', () => {
    expect(extractMeta(title('广西壮族自治区人民政府')).jurisdiction).toMatchObject({ name: '广西壮族自治区', level: '省', code: '45' });
    const party = extractMeta(title('中共沛县县委宣传部'));
    expect(party.organ).toBe('中共沛县县委宣传部');
    expect(party.jurisdiction).toMatchObject({ name: '沛县', level: '部门', code: '320322' });
  });

  it('a department prefixed by its city: organ without the city, the city as parent', () => {
    const meta = extractMeta(title('佳木斯市抚远市自然资源局'));
    expect(meta.organ).toBe('抚远市自然资源局');
    expect(meta.jurisdiction).toMatchObject({ name: '抚远市', level: '部门', parent: '佳木斯市', code: '230883' });
  });

  it('the parent is the unit directly above when the text names it, even if the title prints the city', () => {
    const meta = extractMeta(`${title('白山市红土崖镇人民政府')}红土崖镇在浑江区政府网站上公开信息。`);
    expect(meta.organ).toBe('红土崖镇人民政府');
    expect(meta.jurisdiction).toMatchObject({ parent: '浑江区', code: '220602102' });
    expect(extractMeta(title('白山市红土崖镇人民政府')).jurisdiction).toMatchObject({ parent: '白山市', code: '220602102' });
  });

  it('a printed county that does not hold the only unit of that name: no code, the unit as a candidate', () => {
    const meta = extractMeta(title('桃江县红土崖镇人民政府'));
    expect(meta.jurisdiction).toMatchObject({ name: '红土崖镇', parent: '桃江县', code: null, county: null });
    expect(meta.jurisdiction.candidates!.map((c) => c.code)).toEqual(['220602102']);
    expect(meta.warnings.join('\n')).toMatch(/红土崖镇 resolves to 220602102 \(浑江区\), not under 桃江县 as printed/);
  });
});
