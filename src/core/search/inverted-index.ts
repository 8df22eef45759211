import { type Article, articleStamp } from '../article.ts';
import type { SearchIndex, SearchOptions, SearchResult } from '../ports/search-index.ts';
import { dropBlockBounds } from './block-bounds.ts';
import { createDocScratch, type FlushPosting } from './doc-scratch.ts';
import { type CapturedSnapshot, captureSnapshot, decodeSnapshot } from './index-snapshot.ts';
import {
  createIndexState,
  DEFAULT_RANKING,
  ensureCapacity,
  type IndexState,
  type RankingParams,
} from './index-state.ts';
import { createPostingStage } from './posting-stage.ts';
import {
  appendPosting,
  compactPostingList,
  createPostingList,
  type PostingList,
  postingBytes,
} from './postings.ts';
import { executeSearch } from './query-exec.ts';
import { createTokenTable, scanTerms } from './token-table.ts';
import { createVocabulary } from './vocabulary.ts';

/** Options of the inverted index. */
export interface InvertedIndexOptions {
  ranking?: Partial<RankingParams>;
  /** Body words indexed per article; the rest of a very long article is not searchable. */
  maxBodyTokens?: number;
}

/** What the index holds, for benchmarks and health checks. */
export interface IndexStats {
  documents: number;
  deadDocuments: number;
  terms: number;
  postingBytes: number;
  /** (document, term) pairs held, dead ones included until compaction. */
  postings: number;
  positionBytes: number;
}

/** The inverted index plus introspection for benches and what saving and reconciling it need. */
export interface InvertedIndex extends SearchIndex {
  /** Adds many articles at once (start-up, import, rebuild); same result as adding them one by one. */
  addAll(articles: Iterable<Article>): void;
  /** The reference ranking: scores every match with no skipping; tests and the bench check search against it. */
  searchExhaustive(query: string, options: SearchOptions): SearchResult;
  stats(): IndexStats;
  /** Ids of the indexed articles. */
  ids(): IterableIterator<string>;
  /** The stamp (see articleStamp) of the article as indexed, or undefined when it is not indexed. */
  stampOf(id: string): string | undefined;
  /** The index as bytes to save, captured now; see captureSnapshot. */
  capture(epoch: string): CapturedSnapshot;
}

// Gap between fields in position space, so a phrase never spans the end of the title and the body.
const FIELD_GAP = 16;

/**
 * An in-process inverted index: BM25F over title, summary and body with Porter stems, positional postings
 * for phrases, tag lists for topic/jurisdiction/agency filters, and typo and prefix tolerance.
 */
export function createInvertedIndex(options: InvertedIndexOptions = {}): InvertedIndex {
  const ranking: RankingParams = { ...DEFAULT_RANKING, ...options.ranking };
  return indexOver(createIndexState(ranking, maxBodyTokensOf(options), createVocabulary()));
}

/**
 * An index from saved bytes (see captureSnapshot), plus the stamp epoch it was saved against.
 * Throws SnapshotError when the bytes are damaged or from another index version.
 */
export function loadInvertedIndex(
  data: Uint8Array,
  options: InvertedIndexOptions = {},
): { index: InvertedIndex; epoch: string } {
  const ranking: RankingParams = { ...DEFAULT_RANKING, ...options.ranking };
  const { state, epoch } = decodeSnapshot(data, ranking, maxBodyTokensOf(options));
  return { index: indexOver(state), epoch };
}

function maxBodyTokensOf(options: InvertedIndexOptions): number {
  return options.maxBodyTokens ?? 20_000;
}

function indexOver(state: IndexState): InvertedIndex {
  const remove = (id: string) => removeDocument(state, id);

  const lists: PostingList[] = [];
  const table = createTokenTable((sliced, slicedSurface) => {
    // Words are slices of a whole article; copy them so the index never pins article texts in memory.
    const stemmed = detach(sliced);
    const surface = detach(slicedSurface);
    const existing = state.terms.get(stemmed);
    if (existing) return termIds.get(existing)!;
    const list = createPostingList(surface);
    state.terms.set(stemmed, list);
    state.vocabulary.add(stemmed);
    termIds.set(list, lists.length);
    lists.push(list);
    return lists.length - 1;
  });
  const termIds = new Map<PostingList, number>();
  // A loaded index starts with its terms numbered; the token table learns the words again as they recur.
  for (const list of state.terms.values()) {
    termIds.set(list, lists.length);
    lists.push(list);
  }
  const scratch = createDocScratch();

  let stage = createPostingStage();
  const append: FlushPosting = (term, tf, positions, start, count) =>
    appendPosting(lists[term]!, doc, tf, positions, start, count);
  const staged: FlushPosting = (term, tf, positions, start, count) =>
    stage.stage(term, doc, tf, positions, start, count);
  let doc = 0;

  /** Indexes one article, handing its postings to `sink` (straight into the lists, or staged in bulk). */
  const index = (article: Article, sink: FlushPosting) => {
    remove(article.id);
    ensureCapacity(state);
    doc = state.next++;
    scratch.begin(lists.length);
    const titleLength = scanTerms(article.title, table, scratch.title, 0, 0xffff);
    const summaryStart = titleLength + FIELD_GAP;
    const summaryLength = scanTerms(article.summary, table, scratch.summary, summaryStart, 0xffff);
    const bodyStart = summaryStart + summaryLength + FIELD_GAP;
    const bodyLength = scanTerms(article.text, table, scratch.body, bodyStart, state.maxBodyTokens);
    scratch.flush(sink);
    recordDocument(state, doc, article, { titleLength, summaryLength, bodyLength });
  };

  const add = (article: Article) => index(article, append);

  return {
    get size() {
      return state.liveCount;
    },
    add,
    addAll(articles) {
      // A fresh stage per batch, dropped after: its buffers are tens of megabytes.
      stage = createPostingStage();
      for (const article of articles) {
        index(article, staged);
        if (stage.full) stage.commit(lists);
      }
      stage.commit(lists);
      stage = createPostingStage(0);
    },
    remove,
    search: (query, searchOptions) => executeSearch(state, query, searchOptions),
    searchExhaustive: (query, searchOptions) => executeSearch(state, query, searchOptions, true),
    ids: () => state.byId.keys(),
    stampOf(id) {
      const doc = state.byId.get(id);
      return doc === undefined ? undefined : state.stamps[doc];
    },
    capture: (epoch) => captureSnapshot(state, epoch),
    stats: () => indexStats(state),
  };
}

/** Marks an article's document dead and takes its lengths out of the totals; compacts once a quarter is dead. */
function removeDocument(state: IndexState, id: string): void {
  const doc = state.byId.get(id);
  if (doc === undefined) return;
  state.byId.delete(id);
  state.alive[doc] = 0;
  state.liveCount--;
  state.deadCount++;
  state.totalTitle -= state.titleLength[doc]!;
  state.totalSummary -= state.summaryLength[doc]!;
  state.totalBody -= state.bodyLength[doc]!;
  state.owners[doc] = undefined;
  state.stamps[doc] = '';
  // Postings of removed articles are skipped at query time and dropped once they are a quarter of all.
  if (state.deadCount > 1000 && state.deadCount > state.next / 4) compact(state);
}

/** Field lengths of one indexed document, in tokens. */
interface FieldLengths {
  titleLength: number;
  summaryLength: number;
  bodyLength: number;
}

/** Files a freshly scanned document's tags, source, columns and owners, and adds it to the totals. */
function recordDocument(state: IndexState, doc: number, article: Article, lengths: FieldLengths): void {
  for (const tag of article.topics) {
    const key = tag.toLowerCase();
    let list = state.tags.get(key);
    if (!list) {
      list = [];
      state.tags.set(key, list);
    }
    list.push(doc);
  }
  let source = state.sourceCodes.get(article.source);
  if (source === undefined) {
    source = state.sourceNames.length;
    state.sourceNames.push(article.source);
    state.sourceCodes.set(article.source, source);
  }
  state.ids[doc] = article.id;
  state.stamps[doc] = articleStamp(article);
  state.byId.set(article.id, doc);
  state.alive[doc] = 1;
  const publishedMs = article.publishedAt === undefined ? Number.NaN : Date.parse(article.publishedAt);
  state.dated[doc] = Number.isNaN(publishedMs) ? 0 : 1;
  state.published[doc] = (Number.isNaN(publishedMs) ? Date.parse(article.fetchedAt) : publishedMs) || 0;
  state.titleLength[doc] = lengths.titleLength;
  state.summaryLength[doc] = lengths.summaryLength;
  state.bodyLength[doc] = lengths.bodyLength;
  state.source[doc] = source;
  state.owners[doc] = article.owners.includes('*') ? undefined : [...article.owners];
  state.liveCount++;
  state.totalTitle += lengths.titleLength;
  state.totalSummary += lengths.summaryLength;
  state.totalBody += lengths.bodyLength;
}

/** Sizes of the index for `status` and the benches. */
function indexStats(state: IndexState) {
  let bytes = 0;
  let postings = 0;
  let positionBytes = 0;
  for (const list of state.terms.values()) {
    bytes += postingBytes(list);
    postings += list.length;
    positionBytes += list.positionBytes;
  }
  return {
    documents: state.liveCount,
    deadDocuments: state.deadCount,
    terms: state.terms.size,
    postingBytes: bytes,
    postings,
    positionBytes,
  };
}

function compact(state: IndexState): void {
  const alive = (doc: number) => state.alive[doc] === 1;
  // Emptied lists stay: the token table still maps words to them, and new articles may use them again.
  for (const list of state.terms.values()) {
    compactPostingList(list, alive);
    dropBlockBounds(list);
  }
  for (const [tag, list] of state.tags) {
    const kept = list.filter(alive);
    if (kept.length === 0) state.tags.delete(tag);
    else state.tags.set(tag, kept);
  }
  state.deadCount = 0;
}

function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
