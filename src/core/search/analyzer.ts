import { stemmer } from 'stemmer';
import { STOP_WORDS } from '../text/tokens.ts';

/** Longest token we index; longer runs are URLs, hashes or base64, never words people search for. */
export const MAX_TOKEN_LENGTH = 40;

const WORD_CHAR = /[\p{L}\p{N}]/u;
const MARKS = /[\u0300-\u036f]/g;

// The stemmer is the slowest step of indexing, and news vocabulary repeats: remember recent stems.
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 300_000;

/** The Porter stem of a lower-cased token, cached. */
export function stem(token: string): string {
  let out = stemCache.get(token);
  if (out === undefined) {
    // Digits-only and mixed tokens like 5g or h100 are names, not inflected words.
    out = /\d/.test(token) ? token : stemmer(token);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(token, out);
  }
  return out;
}

/** Lower-cases and folds diacritics (Müller → muller), skipping the work for plain ASCII. */
export function foldToken(raw: string): string {
  const lower = raw.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) return lower.normalize('NFKD').replace(MARKS, '');
  }
  return lower;
}

function isWordCode(code: number, text: string, at: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  // Surrogate pairs (emoji, rare scripts) are never word characters for us; the halves are skipped.
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return WORD_CHAR.test(text[at]!);
}

/**
 * Calls `emit(token, position)` for every word in `text`, positions counting every word (stop words too),
 * so a phrase like "right to be forgotten" keeps its gaps. `emit` sees the folded, unstemmed token.
 * Returns the number of positions used. Stops after `maxTokens` words.
 */
export function scanWords(
  text: string,
  emit: (token: string, position: number) => void,
  startPosition = 0,
  maxTokens = Number.POSITIVE_INFINITY,
): number {
  let position = startPosition;
  let start = -1;
  const end = text.length;
  for (let i = 0; i <= end; i++) {
    const word = i < end && isWordCode(text.charCodeAt(i), text, i);
    if (word) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const length = i - start;
    if (length <= MAX_TOKEN_LENGTH) {
      emit(foldToken(text.slice(start, i)), position);
      position++;
      if (position - startPosition >= maxTokens) return position - startPosition;
    }
    start = -1;
  }
  return position - startPosition;
}

/** True for tokens that carry meaning: not a stop word, not a single letter. */
export function isContentToken(token: string): boolean {
  return token.length > 1 && !STOP_WORDS.has(token);
}

/** A stemmed content term at its word position. */
export interface PositionedTerm {
  term: string;
  raw: string;
  position: number;
}

/** Stemmed content terms of a text, with word positions (stop words leave gaps). */
export function analyze(text: string, maxTokens?: number): PositionedTerm[] {
  const out: PositionedTerm[] = [];
  scanWords(
    text,
    (token, position) => {
      if (isContentToken(token)) out.push({ term: stem(token), raw: token, position });
    },
    0,
    maxTokens,
  );
  return out;
}
