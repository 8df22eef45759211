import { foldToken, isContentToken, MAX_TOKEN_LENGTH, stem } from './analyzer.ts';

/** Marks a token that is not indexed (a stop word or a single letter). */
export const SKIP = -1;

/**
 * Maps words as they appear in lower-cased text straight to term ids, hashing the characters in place
 * so a word already seen costs no string allocation, no stemming and one probe. This is what makes
 * indexing a gigabyte of news text take seconds rather than minutes.
 */
export interface TokenTable {
  /** The term id of text[start, end) (already lower-cased), registering the word on first sight. */
  termOf(text: string, start: number, end: number, hash: number): number;
}

/** Creates a token table; `termIdFor` turns a new stem into a term id (creating its posting list). */
export function createTokenTable(termIdFor: (stemmed: string, surface: string) => number): TokenTable {
  // Open addressing with the word's two 32-bit hashes and its term id side by side in one array:
  // a probe touches one cache line. Two independent hashes make a false match vanishingly rare
  // (about 1 in 10^7 for a million distinct words), so words are never compared char by char.
  // Small at first and doubled as words arrive: a digest or preview builds a fresh index for a few articles.
  let capacity = 1 << 10;
  let slots = new Int32Array(capacity * 3);
  let used = new Uint8Array(capacity);
  let count = 0;

  const insert = (h1: number, h2: number, term: number) => {
    const mask = capacity - 1;
    let slot = h1 & mask;
    while (used[slot] === 1) slot = (slot + 1) & mask;
    used[slot] = 1;
    slots[slot * 3] = h1;
    slots[slot * 3 + 1] = h2;
    slots[slot * 3 + 2] = term;
  };

  const rehash = () => {
    const oldSlots = slots;
    const oldUsed = used;
    capacity *= 2;
    slots = new Int32Array(capacity * 3);
    used = new Uint8Array(capacity);
    for (let slot = 0; slot < oldUsed.length; slot++) {
      if (oldUsed[slot] === 1) insert(oldSlots[slot * 3]!, oldSlots[slot * 3 + 1]!, oldSlots[slot * 3 + 2]!);
    }
  };

  return {
    termOf(text, start, end, h1) {
      let h2 = 5381;
      for (let k = start; k < end; k++) h2 = Math.imul(h2, 33) ^ text.charCodeAt(k);
      h2 ^= end - start;
      const mask = capacity - 1;
      let slot = h1 & mask;
      while (used[slot] === 1) {
        if (slots[slot * 3] === h1 && slots[slot * 3 + 1] === h2) return slots[slot * 3 + 2]!;
        slot = (slot + 1) & mask;
      }
      const folded = foldToken(text.slice(start, end));
      const term = isContentToken(folded) ? termIdFor(stem(folded), folded) : SKIP;
      insert(h1, h2, term);
      count++;
      // Keep the table at most half full so probes stay short.
      if (count * 2 >= capacity) rehash();
      return term;
    },
  };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordCode(code: number, text: string, at: number): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return WORD_CHAR.test(text[at]!);
}

/**
 * Scans lower-cased text word by word, like `scanWords`, but hands out term ids via the table.
 * Calls `emit(termId, position)` for indexed words; returns the number of positions used.
 */
export function scanTerms(
  lower: string,
  table: TokenTable,
  emit: (term: number, position: number) => void,
  startPosition: number,
  maxTokens: number,
): number {
  let position = startPosition;
  let start = -1;
  let hash = 0;
  const end = lower.length;
  for (let i = 0; i <= end; i++) {
    const code = i < end ? lower.charCodeAt(i) : 32;
    if (i < end && isWordCode(code, lower, i)) {
      if (start < 0) {
        start = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ code, 0x01000193);
      continue;
    }
    if (start < 0) continue;
    if (i - start <= MAX_TOKEN_LENGTH) {
      const term = table.termOf(lower, start, i, hash);
      if (term !== SKIP) emit(term, position);
      position++;
      if (position - startPosition >= maxTokens) return position - startPosition;
    }
    start = -1;
  }
  return position - startPosition;
}
