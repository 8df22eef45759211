import { type Incident, incidentStore } from '../src/core/incidents.ts';
import { DEFAULT_POLICY_API_BASES, type PolicyApiBases } from '../src/core/policy/follow-queries.ts';
import { createFollowService, type FollowService } from '../src/core/policy/follow-service.ts';
import type { PrimarySourceFinder } from '../src/core/policy/primary-sources.ts';
import type { ArticleStore } from '../src/core/ports/article-store.ts';
import type { SearchIndex } from '../src/core/ports/search-index.ts';
import type { StoreHealth } from '../src/core/ports/store-health.ts';
import type { Stores } from '../src/core/ports/stores.ts';
import type { StoryClusterer } from '../src/core/ports/story-clusterer.ts';
import type { TenantStore } from '../src/core/ports/tenant-store.ts';
import type { TopicService } from '../src/core/ports/topic-service.ts';
import { createDigestComposer, type DigestComposer } from './compose.ts';
import type { DigestAttachments } from './digest-chart.ts';
import type { WhenEmpty } from './digest-reply.ts';
import { type MentionStores, mentionStores } from './mentions/mention-rules.ts';
import { createPreferences, type Preferences } from './preferences.ts';
import { createStoryPosts, type StoryPosts } from './story-posts.ts';
import { type DigestStores, digestStores } from './subscription.ts';

/** Everything digests need beyond the core: the topic and story ports, settings and stores. */
export interface DigestServices {
  topics: TopicService;
  clusterer: StoryClusterer;
  composer: DigestComposer;
  stores: DigestStores;
  /** The store's probe: failures while it is down are logged once by it, not again by every writer. */
  storeHealth: StoreHealth;
  /** Which story went to which channel in which message: for update threads and reactions. */
  posts: StoryPosts;
  /** Each channel's 👍/👎 votes, which lean its digests' ranking. */
  preferences: Preferences;
  /** Open and past incidents (broken sources, undeliverable digests) that admins were alerted to. */
  incidents: TenantStore<Incident>;
  /** Which topics ping which group in a channel, and the channel's mention limits. */
  mentions: MentionStores;
  topN: number;
  whenEmpty: WhenEmpty;
  /** Followed dockets, bills and procedures per channel, and their comment deadlines. */
  follows: FollowService;
  /** Adds a picture (the weekly topic-volume chart) to a digest before it is posted; none when absent. */
  attachments?: DigestAttachments;
}

/** What the digest services are built from; the composition root passes the core's own ports. */
export interface DigestServiceDeps {
  articles: ArticleStore;
  stores: Stores;
  topics: TopicService;
  clusterer: StoryClusterer;
  /** Links the primary documents digest stories cite; the core's finder over its search index. */
  primarySources?: PrimarySourceFinder;
  /** Makes the search index each digest batch builds over its articles. */
  createIndex: () => SearchIndex;
  topN: number;
  whenEmpty: WhenEmpty;
  /** The primary-source APIs a follow polls; the public services when not given. */
  policyApis?: PolicyApiBases;
  /** How often a follow's sources are polled; 15 minutes when not given. */
  pollIntervalMinutes?: number;
  attachments?: DigestAttachments;
}

/** Builds the digest services once, in the composition root (or a test's), from explicit ports. */
export function createDigestServices(deps: DigestServiceDeps): DigestServices {
  const posts = createStoryPosts(deps.stores, deps.articles);
  return {
    topics: deps.topics,
    clusterer: deps.clusterer,
    composer: createDigestComposer({
      articles: deps.articles,
      createIndex: deps.createIndex,
      topics: deps.topics,
      clusterer: deps.clusterer,
      topN: deps.topN,
      ...(deps.primarySources ? { primarySources: deps.primarySources } : {}),
    }),
    stores: digestStores(deps.stores),
    storeHealth: deps.stores.health,
    posts,
    preferences: createPreferences(deps.stores, posts),
    incidents: incidentStore(deps.stores),
    mentions: mentionStores(deps.stores),
    topN: deps.topN,
    whenEmpty: deps.whenEmpty,
    follows: createFollowService({
      stores: deps.stores,
      articles: deps.articles,
      apis: deps.policyApis ?? DEFAULT_POLICY_API_BASES,
      pollIntervalMinutes: deps.pollIntervalMinutes ?? 15,
    }),
    ...(deps.attachments ? { attachments: deps.attachments } : {}),
  };
}
