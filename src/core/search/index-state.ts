import type { PostingList } from './postings.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Field weights and length normalisation of BM25F, and how much recency lifts a result. */
export interface RankingParams {
  k1: number;
  title: { weight: number; b: number };
  summary: { weight: number; b: number };
  body: { weight: number; b: number };
  /** Extra score share a brand-new article gets over an old one (0.5 = up to 50% more). */
  recencyBoost: number;
  /** Age at which that extra share halves, in days. */
  recencyHalfLifeDays: number;
  /**
   * An article with only some of the query words (ranked after every article with all of them) scores
   * its relevance times (share of the words it has) to this power.
   */
  coveragePower: number;
}

/**
 * Common BM25F settings, with k1 and the title weight chosen on the tuning half of the judged queries
 * (eval/tune-search.ts: k1 1.2 → 1.6, title 3 → 5; the checking half moved 0.825 → 0.832). Headlines
 * name the story; a body that mentions the words in passing should not outrank them.
 */
export const DEFAULT_RANKING: RankingParams = {
  k1: 1.6,
  title: { weight: 5, b: 0.4 },
  summary: { weight: 1.5, b: 0.5 },
  body: { weight: 1, b: 0.75 },
  recencyBoost: 0.5,
  recencyHalfLifeDays: 14,
  coveragePower: 0.75,
};

/**
 * The index's memory, as columns indexed by document number (structure of arrays, so 100k articles
 * cost a few megabytes of per-document data rather than 100k objects).
 */
export interface IndexState {
  ranking: RankingParams;
  maxBodyTokens: number;
  terms: Map<string, PostingList>;
  vocabulary: Vocabulary;
  /** Tag → document numbers (ascending, may include dead ones until compaction). */
  tags: Map<string, number[]>;
  ids: string[];
  /** Per document, the article's stamp when indexed (see articleStamp), so a saved index can tell what changed. */
  stamps: string[];
  byId: Map<string, number>;
  alive: Uint8Array;
  published: Float64Array;
  /** 1 when the article gave its publication date; undated ones sort and filter by fetch time but get no recency lift. */
  dated: Uint8Array;
  titleLength: Uint16Array;
  summaryLength: Uint16Array;
  bodyLength: Uint32Array;
  source: Int32Array;
  sourceNames: string[];
  sourceCodes: Map<string, number>;
  /** Owners of non-public documents; undefined means everyone may see it. */
  owners: (string[] | undefined)[];
  capacity: number;
  next: number;
  liveCount: number;
  deadCount: number;
  totalTitle: number;
  totalSummary: number;
  totalBody: number;
}

/** A fresh, empty state. */
export function createIndexState(
  ranking: RankingParams,
  maxBodyTokens: number,
  vocabulary: Vocabulary,
): IndexState {
  const capacity = 1024;
  return {
    ranking,
    maxBodyTokens,
    terms: new Map(),
    vocabulary,
    tags: new Map(),
    ids: [],
    stamps: [],
    byId: new Map(),
    alive: new Uint8Array(capacity),
    published: new Float64Array(capacity),
    dated: new Uint8Array(capacity),
    titleLength: new Uint16Array(capacity),
    summaryLength: new Uint16Array(capacity),
    bodyLength: new Uint32Array(capacity),
    source: new Int32Array(capacity),
    sourceNames: [],
    sourceCodes: new Map(),
    owners: [],
    capacity,
    next: 0,
    liveCount: 0,
    deadCount: 0,
    totalTitle: 0,
    totalSummary: 0,
    totalBody: 0,
  };
}

function widen<T extends Uint8Array | Float64Array | Uint16Array | Uint32Array | Int32Array>(
  array: T,
  size: number,
): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/** Makes room for one more document number. */
export function ensureCapacity(state: IndexState): void {
  if (state.next < state.capacity) return;
  const size = Math.max(1024, Math.ceil(state.capacity * 1.5));
  state.alive = widen(state.alive, size);
  state.published = widen(state.published, size);
  state.dated = widen(state.dated, size);
  state.titleLength = widen(state.titleLength, size);
  state.summaryLength = widen(state.summaryLength, size);
  state.bodyLength = widen(state.bodyLength, size);
  state.source = widen(state.source, size);
  state.capacity = size;
}

/** True when the document may be shown to the owner key. */
export function visibleDoc(state: IndexState, doc: number, owner: string): boolean {
  const owners = state.owners[doc];
  return owners === undefined || owners.includes(owner);
}

/** True when any live document in the posting list may be shown to the owner key. */
export function listVisibleTo(state: IndexState, list: PostingList, owner: string): boolean {
  for (let i = 0; i < list.length; i++) {
    const doc = list.docs[i]!;
    if (state.alive[doc] === 1 && visibleDoc(state, doc, owner)) return true;
  }
  return false;
}
