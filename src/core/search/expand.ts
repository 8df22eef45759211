import { type IndexState, listVisibleTo } from './index-state.ts';
import type { PostingList } from './postings.ts';
import type { QueryTerm } from './query-parser.ts';

/** One index term a query word stands for, and how much a match on it counts. */
export interface Expansion {
  list: PostingList;
  weight: number;
}

/** What a query word expanded to; `correction` is the word we think was meant, when it was unknown. */
export interface ExpandedTerm {
  expansions: Expansion[];
  correction?: string;
}

/** Words seen in fewer articles than this also get typo and prefix expansions. */
const RARE = 3;
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = [1, 0.6, 0.4];
const MAX_PREFIX = 8;
const MAX_FUZZY = 5;

/**
 * Expands a query word: the exact stem, plus completions ("huaw" → huawei) and near spellings
 * ("huwei" → huawei) when the stem is unknown or rare. Digits are never "corrected": 2023 is not 2024.
 */
export function expandTerm(state: IndexState, query: QueryTerm, owner: string): ExpandedTerm {
  const expansions: Expansion[] = [];
  const seen = new Set<string>();
  // Words only another tenant's articles contain must not shape this tenant's answer, not even as a hint.
  const visible = (list: PostingList) => listVisibleTo(state, list, owner);
  const found0 = state.terms.get(query.term);
  const exact = found0 && visible(found0) ? found0 : undefined;
  if (exact && exact.live > 0) {
    expansions.push({ list: exact, weight: 1 });
    seen.add(query.term);
  }
  const df = exact?.live ?? 0;
  if (df >= RARE || /\d/.test(query.raw)) return { expansions };

  if (query.raw.length >= 3) {
    const prefixes = new Set([query.term, query.raw]);
    const found: PostingList[] = [];
    for (const prefix of prefixes) {
      for (const term of state.vocabulary.withPrefix(prefix, 64)) {
        const list = state.terms.get(term);
        if (!list || list.live === 0 || seen.has(term) || !visible(list)) continue;
        seen.add(term);
        found.push(list);
      }
    }
    found.sort((a, b) => b.live - a.live);
    for (const list of found.slice(0, MAX_PREFIX)) expansions.push({ list, weight: PREFIX_WEIGHT });
  }

  let correction: string | undefined;
  if (query.term.length >= 4) {
    const maxDistance = query.term.length >= 8 ? 2 : 1;
    // In a big index a word seen once is more likely a typo itself than what the user meant.
    const minDf = state.liveCount >= 1000 ? 2 : 1;
    const near = state.vocabulary
      .near(query.term, maxDistance)
      .map((hit) => ({ ...hit, list: state.terms.get(hit.term) }))
      .filter(
        (hit): hit is typeof hit & { list: PostingList } =>
          !!hit.list && hit.list.live >= minDf && visible(hit.list),
      )
      .filter((hit) => !seen.has(hit.term))
      .sort((a, b) => a.distance - b.distance || b.list.live - a.list.live)
      .slice(0, MAX_FUZZY);
    for (const hit of near) {
      seen.add(hit.term);
      expansions.push({ list: hit.list, weight: FUZZY_WEIGHT[hit.distance] ?? 0.3 });
    }
    if (df === 0 && near[0] && (near[0].list.live > 1 || state.liveCount < 1000))
      correction = near[0].list.surface;
  }
  return correction === undefined ? { expansions } : { expansions, correction };
}
