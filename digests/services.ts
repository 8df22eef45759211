import type { Core } from '../src/core/core.ts';
import { createInvertedIndex } from '../src/core/search/inverted-index.ts';
import type { SearchIndex } from '../src/core/search/search-index.ts';
import { createSingletonClusterer, type StoryClusterer } from '../src/core/stories/story.ts';
import { type TopicService, topicSchema } from '../src/core/topics/topic.ts';
import { createDigestComposer, type DigestComposer } from './compose.ts';
import { createDefaultTopicService } from './default-topics.ts';
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
}

/** Options of the digest services; leave a port out to get the built-in default. */
export interface DigestServiceOptions {
  topics?: TopicService;
  /** Makes the search index each digest batch builds over its articles; the search branch's drops in here. */
  createIndex?: () => SearchIndex;
  clusterer?: StoryClusterer;
  topN?: number;
  whenEmpty?: WhenEmpty;
}

/** Builds the digest services over a core; the composition root passes the real TopicService and clusterer. */
export function createDigestServices(core: Core, options: DigestServiceOptions = {}): DigestServices {
  const topics =
    options.topics ?? createDefaultTopicService({ topics: core.stores.tenantStore('topics', topicSchema) });
  const clusterer = options.clusterer ?? createSingletonClusterer();
  const topN = options.topN ?? 5;
  return {
    topics,
    clusterer,
    composer: createDigestComposer({
      articles: core.articles,
      createIndex: options.createIndex ?? createInvertedIndex,
      topics,
      clusterer,
      topN,
    }),
    stores: digestStores(core.stores),
    topN,
    whenEmpty: options.whenEmpty ?? 'line',
  };
}

// Commands receive only the Core, and Core must not know about digests (imports point inward), so the
// composition root attaches the services to its core here and commands look them up by the same core.
const attached = new WeakMap<Core, DigestServices>();

/** Attaches the digest services to a core; the composition root calls this once. */
export function provideDigestServices(core: Core, services: DigestServices): DigestServices {
  attached.set(core, services);
  return services;
}

/** The digest services of a core: those the composition root provided, else defaults built on first use. */
export function digestServicesOf(core: Core): DigestServices {
  return attached.get(core) ?? provideDigestServices(core, createDigestServices(core));
}
