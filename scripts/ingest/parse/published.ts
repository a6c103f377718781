/** When the report was published: the page's 发布日期, else the date it is signed with. */
import { isoDate } from './dates';

const CHROME_DATE =
  /(?:发布日期|发布时间|成文日期|发文日期|公开日期|印发日期|生成日期)[ \t]*[:：]?[ \t]*(\d{4})[ \t]*[-/.年][ \t]*(\d{1,2})[ \t]*[-/.月][ \t]*(\d{1,2})/;

export function chromeDate(head: string): string | null {
  const m = CHROME_DATE.exec(head);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}
