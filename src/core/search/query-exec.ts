import type { SearchHit, SearchOptions, SearchResult } from '../ports/search-index.ts';
import { bm25Context, idfOf, postingScore, recency } from './bm25.ts';
import { type Expansion, expandTerm } from './expand.ts';
import { type IndexState, listVisibleTo, visibleDoc } from './index-state.ts';
import { matchPhrase, type PresenceCount } from './phrase.ts';
import { searchFast } from './query-fast.ts';
import { buildFilter, passes, verifyPhrases } from './query-filter.ts';
import { type ParsedQuery, parseQuery, type QueryPhrase } from './query-parser.ts';
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

/**
 * Runs a query against the index state. `exhaustive` scores every match (the reference the fast paths
 * are tested against); otherwise plain-word queries skip what cannot reach the top k.
 */
export function executeSearch(
  state: IndexState,
  input: string,
  options: SearchOptions,
  exhaustive = false,
): SearchResult {
  const now = options.now ?? new Date();
  const query = parseQuery(input, now);
  if (query.empty) {
    return {
      hits: [],
      total: 0,
      problem: 'The query has no words to search for (only symbols, emoji or very common words).',
    };
  }
  if (state.liveCount === 0) return { hits: [], total: 0 };

  const groups: Expansion[][] = [];
  const groupTerms: string[] = [];
  const ignored: string[] = [];
  const corrected: string[] = [];
  let anyCorrection = false;
  for (const term of query.terms) {
    const expanded = expandTerm(state, term, options.owner);
    if (expanded.correction) anyCorrection = true;
    corrected.push(expanded.correction ?? term.raw);
    if (expanded.expansions.length === 0) ignored.push(term.raw);
    else {
      groups.push(expanded.expansions);
      groupTerms.push(term.term);
    }
  }
  const suggestion = anyCorrection ? corrected.join(' ') : undefined;
  const extras = {
    ...(suggestion ? { suggestion } : {}),
    ...(ignored.length > 0 ? { ignored } : {}),
  };
  if (query.terms.length > 0 && groups.length === 0) {
    // Nothing to search: look further afield than search does, for a hint only.
    const hint = query.terms
      .map((term) => farSuggestion(state, term.term, options.owner) ?? term.raw)
      .join(' ');
    const far = hint !== query.terms.map((t) => t.raw).join(' ') ? { suggestion: hint } : {};
    return { hits: [], total: 0, beforeFilters: 0, ...extras, ...far };
  }

  const top = new TopK((options.offset ?? 0) + options.limit, state.published);
  const nowMs = now.getTime();
  const filter = buildFilter(state, query, options);
  const owner = options.owner;

  if (groups.length === 0) {
    // Filters alone: the newest matching articles first.
    let total = 0;
    let beforeFilters = 0;
    for (let doc = 0; doc < state.next; doc++) {
      if (state.alive[doc] === 1 && visibleDoc(state, doc, owner)) beforeFilters++;
      if (!passes(state, filter, doc)) continue;
      total++;
      top.push(doc, state.published[doc]!);
    }
    return finish(state, top, total, options, { ...extras, beforeFilters });
  }

  // No recency factor exceeds this, so a candidate whose relevance times it cannot enter the top k is skipped.
  const ceiling = 1 + state.ranking.recencyBoost;
  const phrase = soleExactPhrase(query, groups, groupTerms);
  if (phrase) {
    // Only a phrase: find its matches by walking its words' postings together, then score just those,
    // instead of scoring every article that has any of the words (often most of the index).
    const present: PresenceCount = { owner, count: 0 };
    let total = 0;
    for (const doc of matchPhrase(state, phrase, undefined, present)) {
      if (!passes(state, filter, doc)) continue;
      total++;
      const relevance = scoreDoc(state, groups, doc);
      if (relevance * ceiling >= top.threshold) top.push(doc, relevance * recency(state, doc, nowMs));
    }
    if (total > 0 || groups.length === 1)
      return finish(state, top, total, options, { ...extras, beforeFilters: present.count });
  }

  if (!exhaustive) {
    const fast = searchFast(state, groups, filter, top, nowMs);
    // No article with every word: the exhaustive path below ranks those with some of them.
    if (fast && (fast.total > 0 || groups.length === 1))
      return finish(state, top, fast.total, options, { ...extras, beforeFilters: fast.beforeFilters });
  }

  const { scores, masks, touched } = scratch(state);
  const touchedCount = scoreGroups(state, groups);
  const full = groups.length >= 32 ? 0xffffffff : (1 << groups.length) - 1;
  verifyPhrases(state, filter, touched, touchedCount, masks, phraseGroupBits(query, groupTerms));
  try {
    let total = 0;
    let beforeFilters = 0;
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t]!;
      if (masks[doc] !== full) continue;
      // Counts only what the asker may see: another tenant's matches are not even a number here.
      if (state.alive[doc] === 1 && visibleDoc(state, doc, owner)) beforeFilters++;
      if (!passes(state, filter, doc)) continue;
      total++;
      const relevance = scores[doc]!;
      if (relevance * ceiling >= top.threshold) top.push(doc, relevance * recency(state, doc, nowMs));
    }
    if (total > 0 || groups.length === 1)
      return finish(state, top, total, options, { ...extras, beforeFilters });
    // No article has every word: rank those with some, scaled by the share of words they have.
    let visibleTouched = 0;
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t]!;
      if (state.alive[doc] === 1 && visibleDoc(state, doc, owner)) visibleTouched++;
      if (!passes(state, filter, doc)) continue;
      total++;
      const relevance = (scores[doc]! * popcount(masks[doc]!)) / groups.length;
      if (relevance * ceiling >= top.threshold) top.push(doc, relevance * recency(state, doc, nowMs));
    }
    return finish(state, top, total, options, {
      ...extras,
      beforeFilters: visibleTouched,
      relaxed: total > 0,
    });
  } finally {
    for (let t = 0; t < touchedCount; t++) {
      const doc = touched[t]!;
      scores[doc] = 0;
      masks[doc] = 0;
    }
  }
}

/** Bits of the query-word groups that belong to quoted phrases: only articles with all of them can match. */
function phraseGroupBits(query: ParsedQuery, groupTerms: string[]): number {
  const phraseTerms = new Set(query.phrases.flatMap((p) => p.terms.map((t) => t.term)));
  let bits = 0;
  groupTerms.forEach((term, g) => {
    if (phraseTerms.has(term)) bits |= 1 << g;
  });
  return bits >>> 0;
}

/** The query's one phrase when every query word is in it and matches only itself (no typo or prefix expansions). */
function soleExactPhrase(
  query: ParsedQuery,
  groups: Expansion[][],
  groupTerms: string[],
): QueryPhrase | undefined {
  const phrase = query.phrases[0];
  if (query.phrases.length !== 1 || !phrase) return undefined;
  const words = new Set(phrase.terms.map((t) => t.term));
  if (groupTerms.length !== words.size || !groupTerms.every((term) => words.has(term))) return undefined;
  return groups.every((g) => g.length === 1 && g[0]!.weight === 1) ? phrase : undefined;
}

/** One document's relevance, computed exactly as scoreGroups does, for groups of one expansion each. */
function scoreDoc(state: IndexState, groups: Expansion[][], doc: number): number {
  const context = bm25Context(state);
  let total = 0;
  for (const [{ list, weight }] of groups as [Expansion][]) {
    const i = indexOf(list.docs, list.length, doc);
    if (i < 0) continue;
    total += postingScore(context, weight * idfOf(context, list.live), list.tfs[i]!, doc);
  }
  return total;
}

function indexOf(docs: Int32Array, length: number, doc: number): number {
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

function finish(
  state: IndexState,
  top: TopK,
  total: number,
  options: SearchOptions,
  extras: Omit<SearchResult, 'hits' | 'total'>,
): SearchResult {
  const ranked = top.sorted();
  const hits: SearchHit[] = ranked
    .slice(options.offset ?? 0)
    .map(({ doc, score }) => ({ id: state.ids[doc]!, score }));
  return { hits, total, ...extras };
}

function farSuggestion(state: IndexState, term: string, owner: string): string | undefined {
  if (term.length < 4 || /\d/.test(term)) return undefined;
  let best: { surface: string; distance: number; df: number } | undefined;
  for (const hit of state.vocabulary.near(term, 2)) {
    const list = state.terms.get(hit.term);
    if (!list || list.live === 0 || !listVisibleTo(state, list, owner)) continue;
    if (!best || hit.distance < best.distance || (hit.distance === best.distance && list.live > best.df)) {
      best = { surface: list.surface, distance: hit.distance, df: list.live };
    }
  }
  return best?.surface;
}
