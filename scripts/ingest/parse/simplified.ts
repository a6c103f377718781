/**
 * Traditional → simplified (OpenCC, Taiwan standard to mainland) applied only to the stretches of
 * text it can change. The converter matches dictionary words left to right; a character that occurs
 * in no dictionary word can be neither matched nor crossed by a match, so the text falls into
 * independent pieces at such characters (digits, ASCII, line ends, most punctuation), and a piece
 * holding no character that starts a word comes out unchanged. Converting only the other pieces
 * gives the converter's result for the whole text, at a third of its cost on a traditional report.
 */
import { ConverterBuilder, type DictLike } from 'opencc-js/core';
import * as preset from 'opencc-js/preset/t2cn';

const OPTIONS = { from: 'tw', to: 'cn' } as const;
/** The preset's configuration that ConverterBuilder picks for tw → cn. */
const CONFIG = 'tw2s';

const convert = ConverterBuilder(preset)(OPTIONS);

/** In some dictionary word (1), starts a word of a converting dictionary (2), or describes an ideograph (4). */
const IN_WORD = 1;
const STARTS_WORD = 2;
const DESCRIPTION = 4;
const CHARS = new Uint8Array(0x10000);

/** A [word, replacement] pair; a serialized dictionary (`word replacement|…`) always holds a space. */
const isPair = (e: unknown): boolean => Array.isArray(e) && e.length === 2 && e.every((s) => typeof s === 'string' && !s.includes(' '));

/** The dictionaries of a chain, whatever their nesting (a group, a list of groups). */
function dictionaries(chain: unknown): DictLike[] {
  if (typeof chain === 'string') return [chain];
  if (!Array.isArray(chain)) return [];
  if (chain.length > 0 && chain.every(isPair)) return [chain as DictLike];
  return chain.flatMap(dictionaries);
}

function words(dict: DictLike): string[] {
  return typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ')[0]) : dict.map(([word]) => word);
}

{
  const config = (preset.configs as Record<string, Record<string, unknown>>)[CONFIG];
  if (!config) throw new Error(`opencc-js preset has no ${CONFIG} configuration`);
  const converting = dictionaries([config.normalizationChain, config.conversionChain]).flatMap(words);
  for (const word of [...converting, ...dictionaries(config.segmentation).flatMap(words)]) {
    for (let i = 0; i < word.length; i++) CHARS[word.charCodeAt(i)] |= IN_WORD;
  }
  for (const word of converting) CHARS[word.charCodeAt(0)] |= STARTS_WORD;
  // Characters beyond the BMP are looked at by halves here: counted as words' so never cut through.
  CHARS.fill(IN_WORD | STARTS_WORD, 0xd800, 0xe000);
  // The converter steps over an ideographic description sequence whole, possibly across any of
  // the characters above: text holding one is converted in one piece.
  CHARS.fill(DESCRIPTION, 0x2ff0, 0x3000);
}

/** Pieces that need converting closer than this are converted together (one call costs more). */
const JOIN_GAP = 8;

export function toSimplified(text: string): string {
  const parts: string[] = [];
  let done = 0;
  let spanStart = -1;
  let spanEnd = -1;
  let pieceStart = 0;
  let pieceChanges = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? CHARS[text.charCodeAt(i)] : 0;
    if (c === DESCRIPTION) return convert(text);
    if (c !== 0) {
      if (c & STARTS_WORD) pieceChanges = true;
      continue;
    }
    if (pieceChanges) {
      if (spanStart !== -1 && pieceStart - spanEnd > JOIN_GAP) {
        parts.push(text.slice(done, spanStart), convert(text.slice(spanStart, spanEnd)));
        done = spanEnd;
        spanStart = -1;
      }
      if (spanStart === -1) spanStart = pieceStart;
      spanEnd = i;
    }
    pieceStart = i + 1;
    pieceChanges = false;
  }
  if (spanStart !== -1) parts.push(text.slice(done, spanStart), convert(text.slice(spanStart, spanEnd)));
  else if (done === 0) return text;
  parts.push(text.slice(spanStart !== -1 ? spanEnd : done));
  return parts.join('');
}
