import { foldToken, isContentToken, MAX_TOKEN_LENGTH, stem } from './analyzer.ts';

/** Marks a token that is not indexed (a stop word or a single letter). */
export const SKIP = -1;

/**
 * Maps words as they appear in text straight to term ids, hashing the characters in place so a word
 * already seen costs no string allocation, no stemming and one probe. This is what makes indexing a
 * gigabyte of news text take seconds rather than minutes.
 */
export interface TokenTable {
  /** The term id of text[start, end), whose lower-cased characters hash to (h1, h2); registers new words. */
  termOf(text: string, start: number, end: number, h1: number, h2: number): number;
}
/** Creates a token table; `termIdFor` turns a new stem into a term id (creating its posting list). */
export function createTokenTable(termIdFor: (stemmed: string, surface: string) => number): TokenTable {
  // Open addressing with the word's two 32-bit hashes and its term id side by side in one array:
  // a probe touches one cache line. Two independent hashes make a false match vanishingly rare
  // (about 1 in 10^7 for a million distinct words), so words are never compared char by char.
  // Four ints per slot (h1, h2, term id + 2 so that 0 marks an empty slot, spare): one probe is one
  // aligned 16-byte read, and there is no separate "used" array to miss the cache on.
  // Small at first and doubled as words arrive: a digest or preview builds a fresh index for a few articles.
  let capacity = 1 << 10;
  let slots = new Int32Array(capacity * 4);
  let count = 0;

  const insert = (h1: number, h2: number, stored: number) => {
    const mask = capacity - 1;
    let slot = h1 & mask;
    while (slots[slot * 4 + 2] !== 0) slot = (slot + 1) & mask;
    slots[slot * 4] = h1;
    slots[slot * 4 + 1] = h2;
    slots[slot * 4 + 2] = stored;
  };

  const rehash = () => {
    const old = slots;
    capacity *= 2;
    slots = new Int32Array(capacity * 4);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] !== 0) insert(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  };

  return {
    termOf(text, start, end, h1, h2) {
      const mask = capacity - 1;
      let slot = h1 & mask;
      for (;;) {
        const at = slot * 4;
        const stored = slots[at + 2]!;
        if (stored === 0) break;
        if (slots[at] === h1 && slots[at + 1] === h2) return stored - 2;
        slot = (slot + 1) & mask;
      }
      const folded = foldToken(text.slice(start, end));
      const term = isContentToken(folded) ? termIdFor(stem(folded), folded) : SKIP;
      insert(h1, h2, term + 2);
      count++;
      // Keep the table at most half full so probes stay short.
      if (count * 2 >= capacity) rehash();
      return term;
    },
  };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

// Per UTF-16 code unit: its lower-case code (0 when it is not a word character). Built once, so the scan
// loop is one table read per character instead of a regex test, and no lower-cased copy of the text is made.
const LOWER = new Uint16Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  // Surrogate halves (emoji, rare scripts) are never word characters for us.
  if (code >= 0xd800 && code <= 0xdfff) continue;
  const char = String.fromCharCode(code);
  if (!WORD_CHAR.test(char)) continue;
  const lower = char.toLowerCase();
  LOWER[code] = lower.length === 1 ? lower.charCodeAt(0) : code;
}

/**
 * Scans text word by word, like `scanWords`, but hands out term ids via the table.
 * Calls `emit(termId, position)` for indexed words; returns the number of positions used.
 */
export function scanTerms(
  text: string,
  table: TokenTable,
  emit: (term: number, position: number) => void,
  startPosition: number,
  maxTokens: number,
): number {
  let position = startPosition;
  let start = -1;
  let h1 = 0;
  let h2 = 0;
  const end = text.length;
  for (let i = 0; i <= end; i++) {
    const code = i < end ? LOWER[text.charCodeAt(i)]! : 0;
    if (code !== 0) {
      if (start < 0) {
        start = i;
        h1 = 0x811c9dc5;
        h2 = 5381;
      }
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2, 33) ^ code;
      continue;
    }
    if (start < 0) continue;
    if (i - start <= MAX_TOKEN_LENGTH) {
      const term = table.termOf(text, start, i, h1, h2 ^ (i - start));
      if (term !== SKIP) emit(term, position);
      position++;
      if (position - startPosition >= maxTokens) return position - startPosition;
    }
    start = -1;
  }
  return position - startPosition;
}
