import type { SearchHit } from '../ports/search-index.ts';
import { bm25Context, idfOf, postingScore, recency } from './bm25.ts';
import type { Expansion } from './expand.ts';
import { type IndexState, visibleDoc } from './index-state.ts';
import { passes, type QueryFilter, verifyPhrases } from './query-filter.ts';
import { TopK } from './top-k.ts';

interface Scratch {
  scores: Float64Array;
  best: Float64Array;
  masks: Uint32Array;
  touched: Int32Array;
  inGroup: Int32Array;
}

// Score buffers are reused between searches: 100k documents would otherwise allocate ~2 MB per query.
const scratchFor = new WeakMap<IndexState, Scratch>();

function scratch(state: IndexState): Scratch {
  let s = scratchFor.get(state);
  if (!s || s.scores.length < state.next) {
    const size = state.capacity;
    s = {
      scores: new Float64Array(size),
      best: new Float64Array(size),
      masks: new Uint32Array(size),
      touched: new Int32Array(size),
      inGroup: new Int32Array(size),
    };
    scratchFor.set(state, s);
  }
  return s;
}

/** What the scored path needs to know about one search. */
export interface ScoredRun {
  state: IndexState;
  groups: Expansion[][];
  filter: QueryFilter;
  /** Bits of the word groups that belong to quoted phrases: a partial match must still have them all. */
  phraseBits: number;
  /** How many hits the page needs (offset plus limit). */
  wanted: number;
  nowMs: number;
}

/** Ranked hits of the scored path, best first, with the counts a reply explains them by. */
export interface ScoredOutcome {
  ranked: { doc: number; score: number }[];
  /** Articles with every query word that pass the filters; when none has them all, those with some. */
  total: number;
  beforeFilters: number;
  /** True when no article had every word, so only articles with some of them are shown. */
  relaxed: boolean;
}

/**
 * Scores every article with any query word, by coordination level: relevance times (share of the query
 * words it has) to `ranking.coveragePower`, so an article with every word gets its full relevance and one
 * missing a word a discount, but a strong match missing one word ("wrongful" in a story about a wrongful
 * arrest) can pass a weak one that has them all by chance (every word somewhere in a long page's menus).
 * Articles missing a word of a quoted phrase are not matches.
 */
export function scoredSearch(run: ScoredRun): ScoredOutcome {
  const { state, groups, filter, phraseBits } = run;
  const { scores, masks, touched } = scratch(state);
  const touchedCount = scoreGroups(state, groups);
  verifyPhrases(state, filter, touched, touchedCount, masks, phraseBits);
  try {
    // 2 ** n, not 1 << n: a shift by 31 turns negative and no mask of 31 words would ever equal it.
    const full = 2 ** groups.length - 1;
    const candidates = touched.subarray(0, touchedCount);
    const power = state.ranking.coveragePower;
    const outcome = collect(
      run,
      candidates,
      (doc) => (masks[doc]! & phraseBits) >>> 0 === phraseBits,
      (doc) =>
        masks[doc] === full ? scores[doc]! : scores[doc]! * (popcount(masks[doc]!) / groups.length) ** power,
      (doc) => masks[doc] === full,
    );
    return outcome;
  } finally {
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t]!;
      scores[doc] = 0;
      masks[doc] = 0;
    }
  }
}

/**
 * Ranks the candidates that `keep` admits by `relevance` times recency. Counts those with every word
 * (`complete`) before and after the filters, or, when none has every word, all of them (`relaxed`).
 */
function collect(
  run: ScoredRun,
  candidates: Int32Array,
  keep: (doc: number) => boolean,
  relevanceOf: (doc: number) => number,
  complete: (doc: number) => boolean,
): ScoredOutcome {
  const { state, filter, nowMs } = run;
  const top = new TopK(run.wanted, state.published);
  // No recency factor exceeds this, so a candidate whose relevance times it cannot enter the top k is skipped.
  const ceiling = 1 + state.ranking.recencyBoost;
  // [passing the filters, visible before them], for articles with every word and for all.
  const counts = { full: [0, 0], any: [0, 0] };
  for (const doc of candidates) {
    if (!keep(doc)) continue;
    const tally = complete(doc) ? [counts.full, counts.any] : [counts.any];
    // Counts only what the asker may see: another tenant's matches are not even a number here.
    if (state.alive[doc] === 1 && visibleDoc(state, doc, filter.owner)) for (const t of tally) t[1]!++;
    if (!passes(state, filter, doc)) continue;
    for (const t of tally) t[0]!++;
    const relevance = relevanceOf(doc);
    if (relevance * ceiling >= top.threshold) top.push(doc, relevance * recency(state, doc, nowMs));
  }
  const relaxed = counts.full[0] === 0 && counts.any[0]! > 0;
  const [total, beforeFilters] = relaxed || counts.full[1] === 0 ? counts.any : counts.full;
  return { ranked: top.sorted(), total: total!, beforeFilters: beforeFilters!, relaxed };
}

/** One document's relevance, computed exactly as scoreGroups does, for groups of one expansion each. */
export function scoreDoc(state: IndexState, groups: Expansion[][], doc: number): number {
  const context = bm25Context(state);
  let total = 0;
  for (const [{ list, weight }] of groups as [Expansion][]) {
    const i = indexOf(list.docs, list.length, doc);
    if (i < 0) continue;
    total += postingScore(context, weight * idfOf(context, list.live), list.tfs[i]!, doc);
  }
  return total;
}

/** Index of `doc` in a sorted posting list's documents, or -1. */
export function indexOf(docs: Int32Array, length: number, doc: number): number {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = docs[mid]!;
    if (at === doc) return mid;
    if (at < doc) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** BM25F per query word (its best-matching expansion per article), summed; returns the touched articles. */
function scoreGroups(state: IndexState, groups: Expansion[][]): number {
  const { scores, best, masks, touched, inGroup } = scratch(state);
  const context = bm25Context(state);
  let touchedCount = 0;
  const alive = state.alive;
  for (let g = 0; g < groups.length; g++) {
    const expansions = groups[g]!;
    const bit = (1 << g) >>> 0;
    let inGroupCount = 0;
    for (const { list, weight } of expansions) {
      const weightIdf = weight * idfOf(context, list.live);
      const { docs, tfs } = list;
      for (let i = 0; i < list.length; i++) {
        const doc = docs[i]!;
        if (alive[doc] !== 1) continue;
        const score = postingScore(context, weightIdf, tfs[i]!, doc);
        const mask = masks[doc]!;
        if ((mask & bit) === 0) {
          if (mask === 0) touched[touchedCount++] = doc;
          masks[doc] = (mask | bit) >>> 0;
          best[doc] = score;
          inGroup[inGroupCount++] = doc;
        } else if (score > best[doc]!) best[doc] = score;
      }
    }
    for (let i = 0; i < inGroupCount; i++) {
      const doc = inGroup[i]!;
      scores[doc]! += best[doc]!;
    }
  }
  return touchedCount;
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Turns ranked documents into the page's hits: from `offset` up to `wanted` in all. */
export function hitsOf(
  state: IndexState,
  ranked: { doc: number; score: number }[],
  offset: number,
  wanted: number,
): SearchHit[] {
  return ranked.slice(offset, wanted).map(({ doc, score }) => ({ id: state.ids[doc]!, score }));
}
