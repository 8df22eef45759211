import type { Logger } from '../logger.ts';
import type { Article } from './article.ts';
import { type ArticleWriter, createArticleWriter } from './article-writer.ts';
import { createCardMemory, rememberingArticles } from './card-memory.ts';
import { createNewsService, type NewsService } from './news-service.ts';
import { policyTags } from './policy/policy-tags.ts';
import type { ArticleHistory } from './ports/article-history.ts';
import type { ArticleStore } from './ports/article-store.ts';
import type { Clock } from './ports/clock.ts';
import type { PolicySourceCheck } from './ports/policy-source-check.ts';
import type { SearchIndex } from './ports/search-index.ts';
import type { SourceUrlGuard } from './ports/source-guard.ts';
import type { StoreHealth } from './ports/store-health.ts';
import type { Stores } from './ports/stores.ts';
import type { StoryClusterer } from './ports/story-clusterer.ts';
import type { Summarizer } from './ports/summarizer.ts';
import type { TenantStore } from './ports/tenant-store.ts';
import type { TopicManager } from './ports/topic-service.ts';
import { topicSchema } from './ports/topic-service.ts';
import { type FollowedIndex, type IndexProgress, openFollowedIndex } from './search/followed-index.ts';
import { type Source, sourceSchema } from './sources.ts';
import { createStoryClusterer } from './stories/clusterer.ts';
import { createExtractiveSummarizer } from './summarize/extractive.ts';
import { createTopicService } from './topics/topic-service.ts';
import { createArticleHistory } from './versions/article-history.ts';

/** The bot core every adapter, command and digest works through; it knows no chat platform. */
export interface Core {
  articles: ArticleStore;
  /** Every article's versions: what changed between two ingests of the same URL. */
  history: ArticleHistory;
  sources: TenantStore<Source>;
  writer: ArticleWriter;
  index: SearchIndex;
  summarizer: Summarizer;
  news: NewsService;
  topics: TopicManager;
  stories: StoryClusterer;
  clock: Clock;
  logger: Logger;
  /** Vets a source URL before `/sources add` accepts it (the SSRF guard). */
  sourceGuard: SourceUrlGuard;
  /** Vets a policy API URL (a missing API key); absent where no policy readers are wired. */
  policySources?: PolicySourceCheck;
  /** Whether the store answers right now. */
  health: StoreHealth;
  /** How far the search index is behind the change log (warming while a new instance builds it). */
  indexProgress(): Promise<IndexProgress>;
  /** Applies every logged change now, instead of at the follower's next wake. */
  catchUp(): Promise<void>;
  /** Saves what must outlive the process (the search index); call before closing the stores. */
  close(): Promise<void>;
}

/** Dependencies of the core; summarizer and index default to the built-in ones. */
export interface CoreDeps {
  stores: Stores;
  clock: Clock;
  logger: Logger;
  summarizer?: Summarizer;
  index?: SearchIndex;
  sourceGuard: SourceUrlGuard;
  policySources?: PolicySourceCheck;
  /**
   * With no saved index, answer at once and build it in the background (the long-running bot); by default
   * the build finishes before the core is returned, as a one-shot CLI verb needs.
   */
  warmInBackground?: boolean;
}

/** Builds the core and loads the saved search index (or rebuilds it from the store). */
export async function createCore(deps: CoreDeps): Promise<Core> {
  // Every article this process writes or reads by id leaves its card here, for /news during an outage.
  const cards = createCardMemory();
  const remembered = rememberingArticles(deps.stores.articles, cards);
  let followed: FollowedIndex | undefined;
  let index: SearchIndex;
  if (deps.index) {
    index = deps.index;
    for await (const article of deps.stores.articles.all()) index.add(article);
  } else {
    followed = await openFollowedIndex({
      articles: remembered,
      log: deps.stores.changeLog,
      logger: deps.logger,
      background: deps.warmInBackground ?? false,
      ...(deps.stores.indexSnapshotPath ? { snapshotPath: deps.stores.indexSnapshotPath } : {}),
    });
    index = followed.index;
  }
  const summarizer = deps.summarizer ?? createExtractiveSummarizer();
  const topics = createTopicService({ store: deps.stores.tenantStore('topics', topicSchema) });
  const stories = createStoryClusterer();
  const history = createArticleHistory({ stores: deps.stores, clock: deps.clock });
  const writer = createArticleWriter({
    history,
    store: remembered,
    summarizer,
    clock: deps.clock,
    // A primary document is also tagged from its record: its kind, agencies, jurisdiction and identifiers.
    tag: (article: Article) => [...new Set([...topics.tagsFor(article), ...policyTags(article.policy)])],
    onSaved: (article: Article) => {
      index.add(article);
      followed?.changed();
    },
  });
  return {
    articles: deps.stores.articles,
    history,
    sources: deps.stores.tenantStore('sources', sourceSchema),
    writer,
    index,
    summarizer,
    news: createNewsService({
      index,
      articles: remembered,
      now: () => deps.clock.now(),
      warming: () => followed?.warming ?? false,
      topics,
      clusterer: stories,
      outage: { memory: cards, storeDown: async () => !(await deps.stores.health.check()) },
    }),
    topics,
    stories,
    clock: deps.clock,
    logger: deps.logger,
    sourceGuard: deps.sourceGuard,
    ...(deps.policySources ? { policySources: deps.policySources } : {}),
    health: deps.stores.health,
    indexProgress: async () =>
      followed ? followed.progress() : { state: 'ready', sequence: 0, head: 0, lag: 0, articles: index.size },
    catchUp: async () => followed?.catchUp(),
    close: async () => {
      await followed?.close();
    },
  };
}
