/** Timeliness as SQL over a `reports` alias: the deadline of a report's year (metrics.ts) and whether it missed it. */
import { DEADLINE_MONTH_DAY } from '../metrics';

const [DEADLINE_MONTH, DEADLINE_DAY] = DEADLINE_MONTH_DAY.split('-').map(Number);

/** SQL over a reports alias: the report's deadline. */
export const deadlineSql = (a: string) => `make_date(${a}.year + 1, ${DEADLINE_MONTH}, ${DEADLINE_DAY})`;

/** SQL: published after the deadline. A report without a date (or a year) is unknown, not late. */
export const lateSql = (a: string) => `coalesce(${a}.published > ${deadlineSql(a)}, false)`;
