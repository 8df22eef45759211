import type { SearchOptions, SearchResult } from '../ports/search-index.ts';
import { recency } from './bm25.ts';
import { type Expansion, expandTerm } from './expand.ts';
import { type IndexState, listVisibleTo, visibleDoc } from './index-state.ts';
import { matchPhrase, type PresenceCount } from './phrase.ts';
import { searchFast } from './query-fast.ts';
import { buildFilter, passes, type QueryFilter } from './query-filter.ts';
import { type ParsedQuery, parseQuery, type QueryPhrase } from './query-parser.ts';
import { partialSearch } from './query-partial.ts';
import { hitsOf, indexOf, scoreDoc, scoredSearch } from './query-scored.ts';
import { TopK } from './top-k.ts';

/** What a search keeps beside its hits: the spelling hint and the words found nowhere. */
type Extras = Omit<SearchResult, 'hits' | 'total'>;

/** The query's words as the index knows them: one group of expansions per word that matched anything. */
interface ExpandedQuery {
  groups: Expansion[][];
  groupTerms: string[];
  extras: Extras;
}

/** One search under way: everything its paths share. */
interface Run {
  state: IndexState;
  query: ParsedQuery;
  options: SearchOptions;
  groups: Expansion[][];
  groupTerms: string[];
  extras: Extras;
  filter: QueryFilter;
  nowMs: number;
  /** How many hits the page needs: offset plus limit. */
  wanted: number;
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
  const { groups, groupTerms, extras } = expandQuery(state, query, options.owner);
  if (query.terms.length > 0 && groups.length === 0) return nothingToSearch(state, query, options, extras);
  const run: Run = {
    state,
    query,
    options,
    groups,
    groupTerms,
    extras,
    filter: buildFilter(state, query, options),
    nowMs: now.getTime(),
    wanted: (options.offset ?? 0) + options.limit,
  };
  if (groups.length === 0) return filtersOnly(run);
  return phraseSearch(run) ?? (exhaustive ? undefined : fastSearch(run)) ?? scoredPath(run);
}

/** Expands every query word (stems, typos, prefixes); words found nowhere are ignored, and said so. */
function expandQuery(state: IndexState, query: ParsedQuery, owner: string): ExpandedQuery {
  const groups: Expansion[][] = [];
  const groupTerms: string[] = [];
  const ignored: string[] = [];
  const corrected: string[] = [];
  let anyCorrection = false;
  for (const term of query.terms) {
    const expanded = expandTerm(state, term, owner);
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
  return { groups, groupTerms, extras };
}

/** No query word matched anything: look further afield than search does, for a hint only. */
function nothingToSearch(
  state: IndexState,
  query: ParsedQuery,
  options: SearchOptions,
  extras: Extras,
): SearchResult {
  const hint = query.terms
    .map((term) => farSuggestion(state, term.term, options.owner) ?? term.raw)
    .join(' ');
  const far = hint !== query.terms.map((t) => t.raw).join(' ') ? { suggestion: hint } : {};
  return { hits: [], total: 0, beforeFilters: 0, ...extras, ...far };
}

/** Filters alone: the newest matching articles first. */
function filtersOnly(run: Run): SearchResult {
  const { state, filter } = run;
  const top = new TopK(run.wanted, state.published);
  let total = 0;
  let beforeFilters = 0;
  for (let doc = 0; doc < state.next; doc++) {
    if (state.alive[doc] === 1 && visibleDoc(state, doc, filter.owner)) beforeFilters++;
    if (!passes(state, filter, doc)) continue;
    total++;
    top.push(doc, state.published[doc]!);
  }
  return finish(run, top.sorted(), total, { beforeFilters });
}

/**
 * Only a phrase: find its matches by walking its words' postings together, then score just those,
 * instead of scoring every article that has any of the words (often most of the index).
 */
function phraseSearch(run: Run): SearchResult | undefined {
  const { state, groups, filter, nowMs } = run;
  const phrase = soleExactPhrase(run.query, groups, run.groupTerms);
  if (!phrase) return undefined;
  const top = new TopK(run.wanted, state.published);
  const ceiling = 1 + state.ranking.recencyBoost;
  const present: PresenceCount = { owner: filter.owner, count: 0 };
  let total = 0;
  for (const doc of matchPhrase(state, phrase, undefined, present)) {
    if (!passes(state, filter, doc)) continue;
    total++;
    const relevance = scoreDoc(state, groups, doc);
    if (relevance * ceiling >= top.threshold) top.push(doc, relevance * recency(state, doc, nowMs));
  }
  if (total === 0 && groups.length > 1) return undefined;
  return finish(run, top.sorted(), total, { beforeFilters: present.count });
}

/**
 * Plain words, without scoring every posting. For several words the conjunction walk answers alone when
 * the weakest full match on the page beats anything an article missing a word could score; otherwise,
 * with that score as the bar, the partial pass ranks the articles holding a word that can still reach
 * the page (query-partial.ts). The scored path (query-scored.ts) takes the rest.
 */
function fastSearch(run: Run): SearchResult | undefined {
  const top = new TopK(run.wanted, run.state.published);
  const fast = searchFast(run.state, run.groups, run.filter, top, run.nowMs);
  if (!fast) return undefined;
  const counts = { beforeFilters: fast.beforeFilters };
  if (run.groups.length === 1 || top.threshold > (fast.partialBound ?? Number.NEGATIVE_INFINITY))
    return finish(run, top.sorted(), fast.total, counts);
  if (fast.total < run.wanted) return undefined;
  const ranked = partialSearch(run.state, run.groups, run.filter, run.wanted, run.nowMs, top.threshold);
  return ranked ? finish(run, ranked, fast.total, counts) : undefined;
}

/** Scores every article with any of the words; full matches first, then partial ones (query-scored.ts). */
function scoredPath(run: Run): SearchResult {
  const outcome = scoredSearch({
    state: run.state,
    groups: run.groups,
    filter: run.filter,
    phraseBits: phraseGroupBits(run.query, run.groupTerms),
    wanted: run.wanted,
    nowMs: run.nowMs,
  });
  return finish(run, outcome.ranked, outcome.total, {
    beforeFilters: outcome.beforeFilters,
    ...(outcome.relaxed ? { relaxed: true } : {}),
  });
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

function finish(
  run: Run,
  ranked: { doc: number; score: number }[],
  total: number,
  counts: Extras,
): SearchResult {
  const offset = run.options.offset ?? 0;
  const hits = hitsOf(run.state, ranked, offset, run.wanted);
  // Partial matches rank among full ones but `total` counts only full ones: mark them, so a reply can say so.
  if (run.groups.length > 1)
    hits.forEach((hit, i) => {
      if (lacksAWord(run.groups, ranked[offset + i]!.doc)) hit.partial = true;
    });
  return { hits, total, ...run.extras, ...counts };
}

/** True when the document holds none of the expansions of some query word. */
function lacksAWord(groups: Expansion[][], doc: number): boolean {
  return groups.some((expansions) =>
    expansions.every(({ list }) => indexOf(list.docs, list.length, doc) < 0),
  );
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
