import type { ArticleStore } from '../src/core/ports/article-store.ts';
import type { SearchIndex } from '../src/core/ports/search-index.ts';
import type { Stores } from '../src/core/ports/stores.ts';
import type { StoryClusterer } from '../src/core/ports/story-clusterer.ts';
import type { TopicService } from '../src/core/ports/topic-service.ts';
import { createDigestComposer, type DigestComposer } from './compose.ts';
import type { DigestAttachments } from './digest-chart.ts';
import type { WhenEmpty } from './digest-reply.ts';
import { type DigestStores, digestStores } from './subscription.ts';

/** Everything digests need beyond the core: the topic and story ports, settings and stores. */
export interface DigestServices {
  topics: TopicService;
  clusterer: StoryClusterer;
  composer: DigestComposer;
  stores: DigestStores;
  topN: number;
  whenEmpty: WhenEmpty;
  /** Adds a picture (the weekly topic-volume chart) to a digest before it is posted; none when absent. */
  attachments?: DigestAttachments;
}

/** What the digest services are built from; the composition root passes the core's own ports. */
export interface DigestServiceDeps {
  articles: ArticleStore;
  stores: Stores;
  topics: TopicService;
  clusterer: StoryClusterer;
  /** Makes the search index each digest batch builds over its articles. */
  createIndex: () => SearchIndex;
  topN: number;
  whenEmpty: WhenEmpty;
  attachments?: DigestAttachments;
}

/** Builds the digest services once, in the composition root (or a test's), from explicit ports. */
export function createDigestServices(deps: DigestServiceDeps): DigestServices {
  return {
    topics: deps.topics,
    clusterer: deps.clusterer,
    composer: createDigestComposer({
      articles: deps.articles,
      createIndex: deps.createIndex,
      topics: deps.topics,
      clusterer: deps.clusterer,
      topN: deps.topN,
    }),
    stores: digestStores(deps.stores),
    topN: deps.topN,
    whenEmpty: deps.whenEmpty,
    ...(deps.attachments ? { attachments: deps.attachments } : {}),
  };
}
