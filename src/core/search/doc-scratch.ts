import { packTf } from './postings.ts';

/** Receives one term's postings data for the document being indexed. */
export type FlushPosting = (
  term: number,
  tf: number,
  positions: Int32Array,
  start: number,
  count: number,
) => void;

/**
 * Per-document counting buffers reused across articles: term ids and positions go into flat typed
 * arrays, then a counting sort groups positions by term. No per-term objects, so indexing makes little garbage.
 */
export interface DocScratch {
  begin(termCount: number): void;
  title: (term: number, position: number) => void;
  summary: (term: number, position: number) => void;
  body: (term: number, position: number) => void;
  flush(visit: FlushPosting): void;
}

// Per term: title count, summary count, body count, cursor; side by side so one term is one cache line.
const STRIDE = 4;

/** Creates the reusable buffers. */
export function createDocScratch(): DocScratch {
  let tokenTerms = new Int32Array(4096);
  let tokenPositions = new Int32Array(4096);
  let grouped = new Int32Array(4096);
  let count = 0;
  let stats = new Int32Array(1024 * STRIDE);
  let distinct: number[] = [];

  const push = (field: 0 | 1 | 2) => (term: number, position: number) => {
    if ((term + 1) * STRIDE > stats.length) growTerms(term + 1);
    if (count === tokenTerms.length) {
      tokenTerms = widen(tokenTerms, count * 2);
      tokenPositions = widen(tokenPositions, count * 2);
    }
    tokenTerms[count] = term;
    tokenPositions[count] = position;
    count++;
    const at = term * STRIDE;
    if (stats[at] === 0 && stats[at + 1] === 0 && stats[at + 2] === 0) distinct.push(term);
    stats[at + field]!++;
  };

  const growTerms = (needed: number) => {
    let size = stats.length / STRIDE;
    while (size < needed) size *= 2;
    stats = widen(stats, size * STRIDE);
  };

  return {
    begin(termCount) {
      if (termCount * STRIDE > stats.length) growTerms(termCount);
      count = 0;
      distinct = [];
    },
    title: push(0),
    summary: push(1),
    body: push(2),
    flush(visit) {
      if (grouped.length < count) grouped = new Int32Array(tokenTerms.length);
      let running = 0;
      for (const term of distinct) {
        const at = term * STRIDE;
        stats[at + 3] = running;
        running += stats[at]! + stats[at + 1]! + stats[at + 2]!;
      }
      // Tokens arrive in position order, so each term's positions come out sorted.
      for (let k = 0; k < count; k++) grouped[stats[tokenTerms[k]! * STRIDE + 3]!++] = tokenPositions[k]!;
      for (const term of distinct) {
        const at = term * STRIDE;
        const title = stats[at]!;
        const summary = stats[at + 1]!;
        const body = stats[at + 2]!;
        const total = title + summary + body;
        visit(term, packTf(title, summary, body), grouped, stats[at + 3]! - total, total);
        stats[at] = 0;
        stats[at + 1] = 0;
        stats[at + 2] = 0;
      }
      count = 0;
      distinct = [];
    },
  };
}

function widen(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}
