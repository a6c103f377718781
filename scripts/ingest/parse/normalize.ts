/**
 * One canonical form of report text before anything is matched: simplified characters, ASCII digits
 * and punctuation, no pinyin annotations. Parsing, storage and the source view all use this form, so
 * a figure's origin offsets point into exactly the text the user sees.
 */
import { toSimplified } from './simplified';

/**
 * Characters that only traditional text uses and that every report contains some of; their absence
 * lets simplified documents (the vast majority) skip the converter, which dominates parse time.
 */
const TRADITIONAL_MARKERS = '開報條數規處務總請結關於與為會對發經國說時們這個區鎮區縣號辦項費額計據構歲實際';
/** One lookup per character: a regex character class of Han characters scans a report 5× slower. */
const IS_MARKER = new Uint8Array(0x10000);
for (const c of TRADITIONAL_MARKERS) IS_MARKER[c.charCodeAt(0)] = 1;

function hasTraditionalMarker(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (IS_MARKER[text.charCodeAt(i)] === 1) return true;
  return false;
}

const TONE_LETTERS = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ';
/** Site converters insert the reading after a character: 規(guī)章, 數(shù)量. */
const PINYIN = new RegExp(`(\\p{Script=Han})\\(([${TONE_LETTERS}]{1,6}\\d?)\\)`, 'gu');

/** Line ends, spaces and dashes that have one canonical form. */
const TIDY = /[\r\u00A0\u2000-\u200B\u3000\t–―−]/;

export function normalizeText(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '').normalize('NFKC');
  if (/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]/.test(text)) text = text.replace(PINYIN, '$1');
  if (hasTraditionalMarker(text)) text = toSimplified(text);
  // One scan decides whether any of the replacements below has work to do; — is already canonical.
  if (!TIDY.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(/[\u00A0\u2000-\u200B\u3000\t]/g, ' ').replace(/[–―]/g, '—').replace(/−/g, '-');
}
