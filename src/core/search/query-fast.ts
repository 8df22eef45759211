import { BLOCK, blockBounds, blockRecencyBound, blockScoreBound } from './block-bounds.ts';
import { type Bm25Context, bm25Context, idfOf, postingScore, recency } from './bm25.ts';
import type { Expansion } from './expand.ts';
import { type IndexState, visibleDoc } from './index-state.ts';
import { passesCheap, type QueryFilter } from './query-filter.ts';
import { groupBests } from './query-partial.ts';
import type { TopK } from './top-k.ts';

/** Match counts of a fast search; its hits went into the TopK given. */
export interface FastOutcome {
  total: number;
  beforeFilters: number;
  /**
   * For several words: the most an article missing one of them could score, recency included. The
   * walk sees only articles with every word, so its answer stands only when the page's weakest hit
   * scores more than this.
   */
  partialBound?: number;
}

// Bounds are compared with a hair of slack, so rounding can never skip a document that would tie.
const SLACK = 1 + 1e-9;

/**
 * Ranks a query of plain words (no quoted phrases) without scoring every posting: one word walks its list
 * block by block and scores only blocks whose bound can still reach the top k; several words walk
 * their lists together from the rarest, skipping ahead by galloping search, and score only documents that
 * hold every word and whose bound can reach the top k. Returns undefined when the query needs the
 * exhaustive path (one word with several expansions). Results equal the exhaustive path's exactly.
 */
export function searchFast(
  state: IndexState,
  groups: Expansion[][],
  filter: QueryFilter,
  top: TopK,
  nowMs: number,
): FastOutcome | undefined {
  if (filter.phrases.length > 0 || groups.length > 31) return undefined;
  const run: FastRun = {
    context: bm25Context(state),
    filter,
    top,
    nowMs,
    ceiling: 1 + state.ranking.recencyBoost,
  };
  if (groups.length === 1) {
    const [only] = groups[0]!;
    return groups[0]!.length === 1 ? singleList(run, only!) : undefined;
  }
  return conjunction(run, groups);
}

/** What both fast paths share for one search. */
interface FastRun {
  context: Bm25Context;
  filter: QueryFilter;
  top: TopK;
  nowMs: number;
  /** The largest recency lift there is. */
  ceiling: number;
}

/** True when the filter keeps every live document the asker may see. */
function trivial(filter: QueryFilter): boolean {
  return (
    filter.since === Number.NEGATIVE_INFINITY &&
    filter.before === Number.POSITIVE_INFINITY &&
    filter.sources === undefined &&
    filter.tags.length === 0 &&
    filter.excluded === undefined
  );
}

function singleList(run: FastRun, { list, weight }: Expansion): FastOutcome {
  const { context, filter, top, nowMs, ceiling } = run;
  const state = context.state;
  const bounds = blockBounds(state, list);
  const weightIdf = weight * idfOf(context, list.live);
  const { alive } = state;
  const { docs, tfs } = list;
  const plain = trivial(filter);
  let total = 0;
  let beforeFilters = 0;
  for (let block = 0, start = 0; start < list.length; block++, start += BLOCK) {
    const bound =
      blockScoreBound(context, bounds, block, weightIdf) *
      blockRecencyBound(state, bounds, block, nowMs) *
      SLACK;
    const end = Math.min(list.length, start + BLOCK);
    for (let i = start; i < end; i++) {
      const doc = docs[i]!;
      if (alive[doc] !== 1 || !visibleDoc(state, doc, filter.owner)) continue;
      beforeFilters++;
      if (!plain && !passesCheap(state, filter, doc)) continue;
      total++;
      if (bound < top.threshold) continue;
      const relevance = postingScore(context, weightIdf, tfs[i]!, doc);
      if (relevance * ceiling >= top.threshold) top.push(doc, relevance * recency(state, doc, nowMs));
    }
  }
  return { total, beforeFilters };
}

/** First index at or after `from` whose document is at least `target`: gallops, then halves. */
function seek(docs: Int32Array, from: number, length: number, target: number): number {
  if (from >= length || docs[from]! >= target) return from;
  let low = from;
  let step = 1;
  let high = from + 1;
  while (high < length && docs[high]! < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  if (high > length) high = length;
  // docs[low] < target; the answer is in (low, high].
  let a = low + 1;
  let b = high;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (docs[mid]! < target) a = mid + 1;
    else b = mid;
  }
  return a;
}

interface Cursor {
  docs: Int32Array;
  tfs: Uint16Array;
  length: number;
  at: number;
  weightIdf: number;
}

/** The lowest current document of a group's cursors (a word's expansions), or Infinity when all are done. */
function current(group: Cursor[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const c of group) if (c.at < c.length && c.docs[c.at]! < lowest) lowest = c.docs[c.at]!;
  return lowest;
}

function advance(group: Cursor[], target: number): number {
  for (const c of group) c.at = seek(c.docs, c.at, c.length, target);
  return current(group);
}

function conjunction(run: FastRun, groups: Expansion[][]): FastOutcome {
  const { context, filter, top, nowMs, ceiling } = run;
  const state = context.state;
  const cursors: Cursor[][] = groups.map((expansions) =>
    expansions.map(({ list, weight }) => ({
      docs: list.docs,
      tfs: list.tfs,
      length: list.length,
      at: 0,
      weightIdf: weight * idfOf(context, list.live),
    })),
  );
  // A document's relevance is at most the sum of each word's best block bound: most are passed over unscored.
  const bests = groupBests(context, groups);
  const sum = bests.reduce((a, b) => a + b, 0);
  const upper = sum * SLACK;
  // Missing a word: at most the others' bounds, discounted as the scored path discounts a partial match.
  const share = ((groups.length - 1) / groups.length) ** state.ranking.coveragePower;
  const partialBound = (sum - Math.min(...bests)) * share * ceiling * SLACK;
  const size = (g: number) => groups[g]!.reduce((sum, { list }) => sum + list.length, 0);
  const order = groups.map((_, g) => g).sort((a, b) => size(a) - size(b));
  const driver = cursors[order[0]!]!;
  const others = order.slice(1).map((g) => cursors[g]!);
  const plain = trivial(filter);
  let total = 0;
  let beforeFilters = 0;
  let candidate = current(driver);
  while (candidate !== Number.POSITIVE_INFINITY) {
    let next = candidate;
    for (const group of others) {
      next = advance(group, candidate);
      if (next !== candidate) break;
    }
    if (next !== candidate) {
      candidate = advance(driver, next);
      continue;
    }
    const doc = candidate;
    if (state.alive[doc] === 1 && visibleDoc(state, doc, filter.owner)) {
      beforeFilters++;
      if (plain || passesCheap(state, filter, doc)) {
        total++;
        const lift = recency(state, doc, nowMs);
        if (upper * lift >= top.threshold) {
          const relevance = scoreAt(context, cursors, doc);
          if (relevance * ceiling >= top.threshold) top.push(doc, relevance * lift);
        }
      }
    }
    candidate = advance(driver, doc + 1);
  }
  return { total, beforeFilters, partialBound };
}

/** The document's relevance as the exhaustive path sums it: each word's best expansion, words in query order. */
function scoreAt(context: Bm25Context, cursors: Cursor[][], doc: number): number {
  let total = 0;
  for (const group of cursors) {
    let best = Number.NEGATIVE_INFINITY;
    for (const c of group) {
      if (c.at >= c.length || c.docs[c.at] !== doc) continue;
      const score = postingScore(context, c.weightIdf, c.tfs[c.at]!, doc);
      if (score > best) best = score;
    }
    total += best;
  }
  return total;
}
