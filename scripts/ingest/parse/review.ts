/** Part 四: administrative review and litigation, fifteen figures after the headers. */
import { REVIEW_KEYS } from '../keys';
import type { Figure, Origin } from '../report';
import { matchesLabel, readRow, type RowVerifier } from './cells';
import { REVIEW_HEADER } from './labels';
import { compact, type Token } from './tokens';

export interface ReviewRead {
  values: Record<string, Figure>;
  origins: Record<string, Origin>;
  warnings: string[];
}

const N = REVIEW_KEYS.length;
const ORIGIN_KEYS = REVIEW_KEYS.map((k) => `review.${k}`);
/** Each group's total is the sum of its four results. */
const groupsAddUp: RowVerifier = (v) => [0, 5, 10].every((g) => v[g] + v[g + 1] + v[g + 2] + v[g + 3] === v[g + 4]);

export function readReview(tokens: Token[], exact = false): ReviewRead {
  const values: Record<string, Figure> = {};
  for (const k of REVIEW_KEYS) values[k] = null;
  const origins: Record<string, Origin> = {};
  let last = -1;
  tokens.forEach((t, i) => {
    if (matchesLabel(t, REVIEW_HEADER)) last = i;
  });
  if (last === -1) return { values, origins, warnings: ['part 四: table not found'] };
  if (!REVIEW_HEADER.test(compact(tokens[last].text))) {
    const glued = readRow(tokens, last, N, REVIEW_HEADER, { verify: groupsAddUp, exact });
    REVIEW_KEYS.forEach((k, i) => {
      values[k] = glued.cells[i].value;
      if (glued.cells[i].origin) origins[ORIGIN_KEYS[i]] = glued.cells[i].origin!;
    });
    return { values, origins, warnings: glued.found ? [] : ['part 四: figures run together with no separator; left blank rather than guessed'] };
  }
  // What merged header cells leave behind before the figures is not a blank figure.
  let first = last + 1;
  const available = readRow(tokens, last, N + 30, /./).found;
  let surplus = available - N;
  while (surplus > 0 && first < tokens.length && tokens[first].kind !== 'text') {
    if (tokens[first].kind === 'blank') surplus--;
    if (tokens[first].kind === 'gap') surplus -= tokens[first].size!;
    first++;
  }
  const read = readRow([tokens[last], ...tokens.slice(first)], 0, N, /./, { verify: groupsAddUp, exact });
  const warnings: string[] = [];
  if (read.found === 0) warnings.push('part 四: no figures after the headers');
  else if (read.found < N) warnings.push(`part 四: ${read.found} of ${N} figures found`);
  REVIEW_KEYS.forEach((k, i) => {
    values[k] = read.cells[i].value;
    if (read.cells[i].origin) origins[ORIGIN_KEYS[i]] = read.cells[i].origin!;
  });
  return { values, origins, warnings };
}
