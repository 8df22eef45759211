import { BLOCK, blockBounds, blockScoreBound } from './block-bounds.ts';
import { type Bm25Context, bm25Context, idfOf, postingScore, recency } from './bm25.ts';
import type { Expansion } from './expand.ts';
import type { IndexState } from './index-state.ts';
import { passes, type QueryFilter } from './query-filter.ts';
import { indexOf } from './query-scored.ts';
import { TopK } from './top-k.ts';

// Bounds are compared with a hair of slack, so rounding can never skip a document that would tie.
const SLACK = 1 + 1e-9;

/** Beyond this share of all the words' postings, walking the essential lists costs about what scoring all does. */
const MAX_ESSENTIAL_SHARE = 0.5;

/** The best block bound of each query word (its best expansion): no article scores more on that word. */
export function groupBests(context: Bm25Context, groups: Expansion[][]): number[] {
  return groups.map((expansions) => {
    let best = 0;
    for (const { list, weight } of expansions) {
      const bounds = blockBounds(context.state, list);
      const weightIdf = weight * idfOf(context, list.live);
      for (let block = 0; block * BLOCK < list.length; block++)
        best = Math.max(best, blockScoreBound(context, bounds, block, weightIdf));
    }
    return best;
  });
}

/**
 * The weak words (MaxScore): the largest set of the lowest-bound words such that an article holding only
 * those, discounted as a partial match, cannot reach `threshold`. Every other word is essential: an
 * article that can reach the page holds at least one of them.
 */
function essentialGroups(state: IndexState, bests: number[], threshold: number): number[] {
  const n = bests.length;
  const ceiling = 1 + state.ranking.recencyBoost;
  const order = bests.map((_, g) => g).sort((a, b) => bests[a]! - bests[b]! || a - b);
  let sum = 0;
  let weak = 0;
  while (weak < n - 1) {
    const next = sum + bests[order[weak]!]!;
    const bound = next * ((weak + 1) / n) ** state.ranking.coveragePower * ceiling * SLACK;
    if (bound >= threshold) break;
    sum = next;
    weak++;
  }
  return order.slice(weak).sort((a, b) => a - b);
}

/** Relevance of one article as the scored path computes it, bit for bit: word by word, best expansion. */
function coordinationScore(context: Bm25Context, groups: Expansion[][], doc: number): number {
  let total = 0;
  let matched = 0;
  for (const expansions of groups) {
    let best = Number.NEGATIVE_INFINITY;
    for (const { list, weight } of expansions) {
      const i = indexOf(list.docs, list.length, doc);
      if (i < 0) continue;
      const score = postingScore(context, weight * idfOf(context, list.live), list.tfs[i]!, doc);
      if (score > best) best = score;
    }
    if (best === Number.NEGATIVE_INFINITY) continue;
    total += best;
    matched++;
  }
  const n = groups.length;
  return matched === n ? total : total * (matched / n) ** context.state.ranking.coveragePower;
}

/**
 * Ranks articles with every word or only some of them, exactly as the scored path would, once the
 * conjunction walk has set `threshold` (the page's weakest full match): only articles holding an
 * essential word are looked at, so the long lists of common words are never scored. Undefined when the
 * essential lists are most of the postings anyway (the scored path is then as cheap).
 */
export function partialSearch(
  state: IndexState,
  groups: Expansion[][],
  filter: QueryFilter,
  wanted: number,
  nowMs: number,
  threshold: number,
): { doc: number; score: number }[] | undefined {
  const context = bm25Context(state);
  const essential = essentialGroups(state, groupBests(context, groups), threshold);
  const length = (g: number) => groups[g]!.reduce((sum, { list }) => sum + list.length, 0);
  const all = groups.reduce((sum, _, g) => sum + length(g), 0);
  if (essential.reduce((sum, g) => sum + length(g), 0) > MAX_ESSENTIAL_SHARE * all) return undefined;
  const seen = new Uint8Array(state.next);
  const top = new TopK(wanted, state.published);
  const ceiling = 1 + state.ranking.recencyBoost;
  for (const g of essential) {
    for (const { list } of groups[g]!) {
      for (let i = 0; i < list.length; i++) {
        const doc = list.docs[i]!;
        if (seen[doc] === 1) continue;
        seen[doc] = 1;
        if (!passes(state, filter, doc)) continue;
        const relevance = coordinationScore(context, groups, doc);
        if (relevance * ceiling >= top.threshold) top.push(doc, relevance * recency(state, doc, nowMs));
      }
    }
  }
  return top.sorted();
}
