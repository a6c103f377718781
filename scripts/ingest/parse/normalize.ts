/**
 * One canonical form of report text before anything is matched: simplified characters, ASCII digits
 * and punctuation, no pinyin annotations. Parsing, storage and the source view all use this form, so
 * a figure's origin offsets point into exactly the text the user sees.
 */
import { toSimplified } from './simplified';

/**
 * Characters that only traditional text uses and that every report contains some of; their absence
 * lets simplified documents (the vast majority) skip the converter.
 */
const TRADITIONAL_MARKERS = '開報條數規處務總請結關於與為會對發經國說時們這個區鎮區縣號辦項費額計據構歲實際';

const TONE_LETTERS = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ';
/** Site converters insert the reading after a character: 規(guī)章, 數(shù)量. */
const PINYIN = new RegExp(`(\\p{Script=Han})\\(([${TONE_LETTERS}]{1,6}\\d?)\\)`, 'gu');

/** Line ends, spaces and dashes that have one canonical form. */
const TIDY = /[\r\u00A0\u2000-\u200B\u3000\t–―−]/;

const MARKER = 1;
const UNTIDY = 2;
const OPEN = 4;
const PINYIN_AFTER_OPEN = 8;
/**
 * What each character asks of the steps below, looked up once per character in one scan: a regex
 * character class of Han characters scans a report 5× slower, and three scans cost three times one.
 */
const FLAGS = new Uint8Array(0x10000);
for (const c of TRADITIONAL_MARKERS) FLAGS[c.charCodeAt(0)] = MARKER;
for (const c of '\r\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u3000\t–―−') FLAGS[c.charCodeAt(0)] = UNTIDY;
FLAGS['('.charCodeAt(0)] = OPEN;
const IS_TONE_LETTER = new Uint8Array(0x10000);
for (let c = 0x61; c <= 0x7a; c++) IS_TONE_LETTER[c] = 1;
for (const c of TONE_LETTERS.slice(3)) IS_TONE_LETTER[c.charCodeAt(0)] = 1;

/** MARKER, UNTIDY (TIDY would match) and PINYIN_AFTER_OPEN (`(` then a tone letter) as found in text. */
function scan(text: string): number {
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const f = FLAGS[text.charCodeAt(i)];
    if (f === 0) continue;
    if (f !== OPEN) found |= f;
    else if (i + 1 < text.length && IS_TONE_LETTER[text.charCodeAt(i + 1)] === 1) found |= PINYIN_AFTER_OPEN;
  }
  return found;
}

export function normalizeText(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '').normalize('NFKC');
  const found = scan(text);
  // Taking the readings out touches no marker or untidy character, so the scan still holds after it.
  if (found & PINYIN_AFTER_OPEN) text = text.replace(PINYIN, '$1');
  let untidy = (found & UNTIDY) !== 0;
  if (found & MARKER) {
    text = toSimplified(text);
    untidy = TIDY.test(text);
  }
  // — is already canonical.
  if (!untidy) return text;
  return text.replace(/\r\n?/g, '\n').replace(/[\u00A0\u2000-\u200B\u3000\t]/g, ' ').replace(/[–―]/g, '—').replace(/−/g, '-');
}
