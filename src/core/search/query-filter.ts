import type { SearchOptions } from '../ports/search-index.ts';
import { type IndexState, visibleDoc } from './index-state.ts';
import { matchPhrase, matchPhraseText } from './phrase.ts';
import type { ParsedQuery, QueryPhrase } from './query-parser.ts';

/**
 * A query's filters as plain data (bounds and per-document marks), checked by one function rather than a
 * chain of closures made per search: the scoring loop stays monomorphic, so V8 keeps it optimized.
 */
export interface QueryFilter {
  owner: string;
  since: number;
  before: number;
  /** Allowed source codes, or undefined for any source. */
  sources: Uint8Array | undefined;
  /** Per topic/jurisdiction/agency filter, the documents that carry it. */
  tags: Uint8Array[];
  /** Documents with an excluded word or phrase. */
  excluded: Uint8Array | undefined;
  phrases: QueryPhrase[];
  /** Documents where every phrase occurs, once verifyPhrases ran. */
  verified: Uint8Array | undefined;
}

/** The filter of a parsed query; phrases are verified later, over the candidates only. */
export function buildFilter(state: IndexState, query: ParsedQuery, options: SearchOptions): QueryFilter {
  let sources: Uint8Array | undefined;
  if (query.sources.length > 0) {
    const allowed = new Uint8Array(state.sourceNames.length);
    state.sourceNames.forEach((name, code) => {
      const lower = name.toLowerCase();
      if (query.sources.some((wanted) => lower.includes(wanted))) allowed[code] = 1;
    });
    sources = allowed;
  }
  const tags: Uint8Array[] = [];
  for (const topic of query.topics) {
    const aliases = options.topicAliases?.get(topic);
    tags.push(aliases ? aliasMarks(state, aliases) : tagMarks(state, topic));
  }
  for (const place of query.jurisdictions) tags.push(tagMarks(state, `jurisdiction:${place}`));
  for (const agency of query.agencies) tags.push(tagMarks(state, `agency:${agency}`));
  for (const kind of query.kinds) tags.push(tagMarks(state, `kind:${kind}`));
  for (const ref of query.refs) tags.push(tagMarks(state, `ref:${ref}`));
  let excluded: Uint8Array | undefined;
  if (query.excludeTerms.length > 0 || query.excludePhrases.length > 0) {
    excluded = new Uint8Array(state.next);
    for (const term of query.excludeTerms) {
      const list = state.terms.get(term);
      if (list) for (let i = 0; i < list.length; i++) excluded[list.docs[i]!] = 1;
    }
    for (const phrase of query.excludePhrases) {
      for (const doc of matchPhrase(state, phrase)) excluded[doc] = 1;
    }
  }
  return {
    owner: options.owner,
    since: query.since ?? Number.NEGATIVE_INFINITY,
    before: query.before ?? Number.POSITIVE_INFINITY,
    sources,
    tags,
    excluded,
    phrases: query.phrases,
    verified: undefined,
  };
}

/** Every check but the phrases, cheapest first. */
export function passesCheap(state: IndexState, filter: QueryFilter, doc: number): boolean {
  if (state.alive[doc] !== 1 || !visibleDoc(state, doc, filter.owner)) return false;
  const published = state.published[doc]!;
  if (published < filter.since || published >= filter.before) return false;
  if (filter.sources !== undefined && filter.sources[state.source[doc]!] !== 1) return false;
  const tags = filter.tags;
  for (let i = 0; i < tags.length; i++) if (tags[i]![doc] !== 1) return false;
  return filter.excluded === undefined || filter.excluded[doc] === 0;
}

/** True when the document passes every filter; phrases must have been verified first. */
export function passes(state: IndexState, filter: QueryFilter, doc: number): boolean {
  if (!passesCheap(state, filter, doc)) return false;
  return filter.verified === undefined || filter.verified[doc] === 1;
}

/**
 * Finds which candidates contain every phrase. Positions are decoded only for candidates that hold all
 * the phrase words (`phraseBits` of their group mask) and pass the cheaper filters.
 */
export function verifyPhrases(
  state: IndexState,
  filter: QueryFilter,
  candidates: Int32Array,
  count: number,
  masks: Uint32Array,
  phraseBits: number,
): void {
  if (filter.phrases.length === 0) return;
  let wanted = new Uint8Array(state.next);
  for (let t = 0; t < count; t++) {
    const doc = candidates[t]!;
    if ((masks[doc]! & phraseBits) >>> 0 === phraseBits && passesCheap(state, filter, doc)) wanted[doc] = 1;
  }
  for (const phrase of filter.phrases) {
    const found = new Uint8Array(state.next);
    for (const doc of matchPhrase(state, phrase, wanted)) found[doc] = 1;
    wanted = found;
  }
  filter.verified = wanted;
}

function tagMarks(state: IndexState, tag: string): Uint8Array {
  const marks = new Uint8Array(state.next);
  for (const doc of state.tags.get(tag) ?? []) marks[doc] = 1;
  return marks;
}

function aliasMarks(state: IndexState, aliases: string[]): Uint8Array {
  const marks = new Uint8Array(state.next);
  for (const alias of aliases) {
    for (const doc of matchPhraseText(state, alias)) marks[doc] = 1;
  }
  return marks;
}
