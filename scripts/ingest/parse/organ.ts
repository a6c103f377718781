/**
 * Who issued the report, from the most trusted place that names it: the title, the page chrome
 * (发布机构, 来源), the signature, the contact sentence (请与…联系), the sentence that opens the
 * overview (2022年,抚远市自然资源局…).
 */
import { looksLikeOrgan, namesKnownPlace, organParts } from './organ-name';

export type OrganSource = 'title' | 'chrome' | 'signature' | 'contact' | 'subject';

const CHROME = /(?:发布机构|发文机关|发布单位|信息来源|来源)[ \t]*[:：][ \t]*([^\s:：|]{2,40})/g;
/** 请与柞水县凤凰镇人民政府党政办公室联系; 本报告由淮安市人民政府办公室根据…编制 */
const CONTACT = /请(?:与|和|同|向)([^,，。;；()（）:：]{3,60}?)联系|本(?:年度)?报告由([^,，。;；()（）:：]{3,60}?)(?:根据|依据|按照|负责|编制)/g;
/** The office that writes the report for its organ. 办公厅 is left alone: it is an organ itself. */
const OFFICE = /(?:党政综合办公室|党政办公室|综合办公室|政务公开办公室|政务公开办|党政办|综合办|政务办|办公室)$/;
const GOVERNMENT = /(?:人民政府|政府|办事处|管委会|管理委员会)$/;
const SUBJECT = /\d{4}\s*年(?:度|以来)?\s*[,，]\s*(\p{Script=Han}{3,24}?(?:人民政府|办事处|管委会|管理委员会|委员会|局))/u;

export function findOrgan(
  titleOrgan: string | null,
  head: string,
  signatureOrgan: string | null,
  text: string,
): { organ: string; source: OrganSource } | null {
  if (titleOrgan) return { organ: titleOrgan, source: 'title' };
  for (const m of head.matchAll(CHROME)) {
    if (trusted(m[1])) return { organ: m[1], source: 'chrome' };
  }
  if (signatureOrgan && trusted(signatureOrgan)) return { organ: signatureOrgan, source: 'signature' };
  for (const m of text.matchAll(CONTACT)) {
    const organ = withoutOffice((m[1] ?? m[2]).replace(/\s+/g, ''));
    if (organ && trusted(organ)) return { organ, source: 'contact' };
  }
  const subject = SUBJECT.exec(head);
  if (subject && trusted(subject[1])) return { organ: subject[1], source: 'subject' };
  return null;
}

/** Outside the title, a name counts only when it names a place of the division list (no spam). */
function trusted(organ: string): boolean {
  return looksLikeOrgan(organ) && namesKnownPlace(organParts(organ));
}

/** 凤凰镇人民政府党政办公室 → 凤凰镇人民政府; 自然资源局办公室 → 自然资源局. */
function withoutOffice(name: string): string {
  const m = OFFICE.exec(name);
  if (!m) return name;
  const rest = name.slice(0, m.index);
  return GOVERNMENT.test(rest) || /局$/.test(rest) ? rest : name;
}
