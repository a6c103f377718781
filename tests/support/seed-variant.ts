/**
 * Versions of the seed report (红土崖镇 2022, one cell per line) with other figures and another
 * year, for store tests that need several years of one organ. Only cells printed as `0 |` in the
 * seed are replaced, so the layout stays the real one.
 */
import { readFileSync } from 'node:fs';
import { fixture } from './shared';

const SEED = readFileSync(fixture('hongtuya-2022.txt'), 'utf8');

/** Labels of the seed whose following lines are figures, and how many. */
const ROWS = {
  rules: ['规章 |', 3],
  normative: ['行政规范性文件 |', 3],
  received_new: ['一、本年新收政府信息公开申请数量 |', 7],
  carried_over: ['二、上年结转政府信息公开申请数量 |', 7],
  granted: ['(一)予以公开 |', 7],
  total: ['(七)总计 |', 7],
  carried_forward: ['四、结转下年度继续办理 |', 7],
} as const;

export interface Variant {
  year?: number;
  /** table 二 block 一: [issued, repealed, in_force] */
  rules?: [number, number, number];
  normative?: [number, number, number];
  /** table 三, natural persons only (so the total column equals it): each row's figure */
  applications?: Partial<Record<'received_new' | 'carried_over' | 'granted' | 'total' | 'carried_forward', number>>;
  /** words added to part 六, to make a new version of the same report */
  note?: string;
  /** no organ or place named anywhere: the parser finds neither */
  anonymous?: boolean;
  /** another township and its county in place of 红土崖镇 and 浑江区 */
  place?: { township: string; county: string };
}

export function seedVariant(v: Variant): string {
  const lines = SEED.split('\n');
  const put = (row: keyof typeof ROWS, values: number[]) => {
    const [label, n] = ROWS[row];
    const at = lines.findIndex((l) => l === label);
    if (at < 0 || values.length !== n) throw new Error(`no row ${label} of ${n} cells in the seed`);
    for (let j = 0; j < n; j++) {
      if (lines[at + 1 + j] !== '0 |') throw new Error(`${label}: line ${at + 1 + j} is not a figure`);
      lines[at + 1 + j] = `${values[j]} |`;
    }
  };
  if (v.rules) put('rules', v.rules);
  if (v.normative) put('normative', v.normative);
  for (const [row, value] of Object.entries(v.applications ?? {})) put(row as keyof typeof ROWS, [value, 0, 0, 0, 0, 0, value]);
  let text = lines.join('\n');
  if (v.year) text = text.replaceAll('2022年', `${v.year}年`);
  if (v.note) text = text.replace('无其他报告事项', `无其他报告事项。${v.note}`);
  if (v.place) text = text.replaceAll('红土崖镇', v.place.township).replaceAll('浑江区', v.place.county);
  if (v.anonymous) text = text.replaceAll('红土崖镇人民政府', '我单位').replaceAll('红土崖镇', '我镇').replaceAll('浑江区', '我区');
  return text;
}
