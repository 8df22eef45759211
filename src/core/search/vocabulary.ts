/**
 * The index's term list, kept two ways for typo and prefix lookups without a trie:
 * bucketed by length (a typo changes length by at most the edit distance) and sorted (prefixes are ranges).
 * New terms wait in a small unsorted tail that is merged once it grows, so ingest never re-sorts per article.
 */
export interface Vocabulary {
  add(term: string): void;
  /** Terms within `maxDistance` edits (insert, delete, substitute, swap neighbours) of `term`. */
  near(term: string, maxDistance: number): { term: string; distance: number }[];
  /** Terms that start with `prefix`, the term itself excluded. */
  withPrefix(prefix: string, limit: number): string[];
  readonly size: number;
}

const MERGE_AT = 4096;

/** Creates a vocabulary, empty or holding `initial` (distinct terms, e.g. of a saved index). */
export function createVocabulary(initial: string[] = []): Vocabulary {
  // Bucketed by length and first letter: a typo search scans a few hundred words, not the vocabulary.
  const buckets = new Map<number, string[]>();
  const bucketKey = (length: number, first: number) => length * 0x10000 + first;
  let sorted: string[] = [];
  let tail: string[] = [];
  let size = initial.length;
  for (const term of initial) {
    const key = bucketKey(term.length, term.charCodeAt(0));
    const bucket = buckets.get(key);
    if (bucket) bucket.push(term);
    else buckets.set(key, [term]);
  }
  if (initial.length > 0) sorted = [...initial].sort();

  const merge = () => {
    if (tail.length === 0) return;
    tail.sort();
    const merged: string[] = new Array(sorted.length + tail.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < sorted.length && j < tail.length)
      merged[k++] = sorted[i]! <= tail[j]! ? sorted[i++]! : tail[j++]!;
    while (i < sorted.length) merged[k++] = sorted[i++]!;
    while (j < tail.length) merged[k++] = tail[j++]!;
    sorted = merged;
    tail = [];
  };

  return {
    get size() {
      return size;
    },
    add(term) {
      size++;
      const key = bucketKey(term.length, term.charCodeAt(0));
      const bucket = buckets.get(key);
      if (bucket) bucket.push(term);
      else buckets.set(key, [term]);
      tail.push(term);
      if (tail.length >= MERGE_AT) merge();
    },
    near(term, maxDistance) {
      const out: { term: string; distance: number }[] = [];
      for (let length = term.length - maxDistance; length <= term.length + maxDistance; length++) {
        // Typos rarely hit the first letter; requiring it keeps the scan cheap and the answers sane.
        const bucket = buckets.get(bucketKey(length, term.charCodeAt(0)));
        if (!bucket) continue;
        for (const candidate of bucket) {
          if (candidate === term) continue;
          const distance = boundedDistance(term, candidate, maxDistance);
          if (distance <= maxDistance) out.push({ term: candidate, distance });
        }
      }
      return out;
    },
    withPrefix(prefix, limit) {
      const out: string[] = [];
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (sorted[mid]! < prefix) low = mid + 1;
        else high = mid;
      }
      for (let i = low; i < sorted.length && out.length < limit; i++) {
        const candidate = sorted[i]!;
        if (!candidate.startsWith(prefix)) break;
        if (candidate !== prefix) out.push(candidate);
      }
      for (const candidate of tail) {
        if (out.length >= limit) break;
        if (candidate !== prefix && candidate.startsWith(prefix)) out.push(candidate);
      }
      return out;
    },
  };
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps), giving up as soon as it
 * must exceed `max`; returns max + 1 then.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (n + 1 > rows[0]!.length) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(n + 1);
  // Three reused rows: two before and the current one, for the swap rule.
  let previous2 = rows[0]!;
  let previous = rows[1]!;
  let current = rows[2]!;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = previous[j - 1]! + (ca === cb ? 0 : 1);
      if (previous[j]! + 1 < value) value = previous[j]! + 1;
      if (current[j - 1]! + 1 < value) value = current[j - 1]! + 1;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        if (previous2[j - 2]! + 1 < value) value = previous2[j - 2]! + 1;
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const spare = previous2;
    previous2 = previous;
    previous = current;
    current = spare;
  }
  return previous[n]!;
}

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
