import { visibleTo } from '../article.ts';
import type { ArticleStore } from '../ports/article-store.ts';
import type { Stores } from '../ports/stores.ts';
import type { TenantStore } from '../ports/tenant-store.ts';
import { type Source, sourceIdFor, sourceSchema } from '../sources.ts';
import { type Tenant, tenantKey } from '../tenant.ts';
import type { FollowTarget } from './follow-id.ts';
import { isPolicyArticle, type PolicyArticle } from './follow-match.ts';
import { type FollowQuery, followQueries, type PolicyApiBases, type SkippedQuery } from './follow-queries.ts';
import {
  type Follow,
  type FollowSettings,
  followIdOf,
  followSchema,
  followSettingsSchema,
} from './follow-record.ts';

/** Most items one channel may follow. */
export const MAX_FOLLOWS_PER_CHANNEL = 50;

/** Marks the sources a follow added, so unfollowing removes only those (and alerts tell the follower). */
export const FOLLOW_SOURCE = 'follow';

/** What following an item did. */
export type FollowOutcome =
  | { status: 'added'; follow: Follow; queries: FollowQuery[]; skipped: SkippedQuery[] }
  | { status: 'exists'; follow: Follow }
  | { status: 'full'; limit: number };

/** Follows per channel, the sources that feed them, and the policy articles they are about. */
export interface FollowService {
  readonly follows: TenantStore<Follow>;
  readonly settings: TenantStore<FollowSettings>;
  follow(
    tenant: Tenant,
    channelId: string,
    target: FollowTarget,
    by: string,
    now: Date,
  ): Promise<FollowOutcome>;
  /** Ends a follow and removes the sources only it needed; false when the channel did not follow it. */
  unfollow(tenant: Tenant, channelId: string, target: FollowTarget): Promise<boolean>;
  /** A channel's follows, oldest first. */
  list(tenant: Tenant, channelId: string): Promise<Follow[]>;
  /** A channel's settings, with the defaults filled in. */
  settingsOf(tenant: Tenant, channelId: string): Promise<FollowSettings>;
  /** Every stored primary document the tenant may see. */
  policyArticles(tenant: Tenant): Promise<PolicyArticle[]>;
}

/** Dependencies of the follow service. */
export interface FollowServiceDeps {
  stores: Stores;
  articles: ArticleStore;
  apis: PolicyApiBases;
  pollIntervalMinutes: number;
}

/** Every stored primary document, read in one pass over the article store. */
export async function allPolicyArticles(articles: ArticleStore): Promise<PolicyArticle[]> {
  const out: PolicyArticle[] = [];
  for await (const article of articles.all()) if (isPolicyArticle(article)) out.push(article);
  return out;
}

/** Creates the follow service over the shared stores. */
export function createFollowService(deps: FollowServiceDeps): FollowService {
  const follows = deps.stores.tenantStore('follows', followSchema);
  const settings = deps.stores.tenantStore('follow_settings', followSettingsSchema);
  const sources: TenantStore<Source> = deps.stores.tenantStore('sources', sourceSchema);

  const list = async (tenant: Tenant, channelId: string) =>
    (await follows.list(tenant))
      .filter((follow) => follow.channelId === channelId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const addSources = async (tenant: Tenant, label: string, queries: FollowQuery[], now: Date) => {
    for (const query of queries) {
      const id = sourceIdFor(query.url);
      if (await sources.get(tenant, id)) continue;
      await sources.put(tenant, id, {
        id,
        url: query.url,
        name: `Follow: ${label}`.slice(0, 100),
        intervalMinutes: deps.pollIntervalMinutes,
        createdAt: now.toISOString(),
        addedBy: FOLLOW_SOURCE,
        health: { itemsSeen: 0, failures: 0 },
      });
    }
  };

  return {
    follows,
    settings,
    async follow(tenant, channelId, target, by, now) {
      const id = followIdOf(channelId, target);
      const existing = await follows.get(tenant, id);
      if (existing) return { status: 'exists', follow: existing };
      if ((await list(tenant, channelId)).length >= MAX_FOLLOWS_PER_CHANNEL)
        return { status: 'full', limit: MAX_FOLLOWS_PER_CHANNEL };
      const { queries, skipped } = followQueries(target, deps.apis);
      await addSources(tenant, target.label, queries, now);
      const follow: Follow = {
        channelId,
        target,
        createdAt: now.toISOString(),
        createdBy: by,
        sourceUrls: queries.map((query) => query.url),
        known: {},
      };
      await follows.put(tenant, id, follow);
      return { status: 'added', follow, queries, skipped };
    },
    async unfollow(tenant, channelId, target) {
      const id = followIdOf(channelId, target);
      const existing = await follows.get(tenant, id);
      if (!existing) return false;
      await follows.delete(tenant, id);
      // Another channel of the tenant may follow the same item: its sources stay.
      const stillNeeded = new Set((await follows.list(tenant)).flatMap((follow) => follow.sourceUrls));
      for (const url of existing.sourceUrls) {
        if (stillNeeded.has(url)) continue;
        const sourceId = sourceIdFor(url);
        const source = await sources.get(tenant, sourceId);
        if (source?.addedBy === FOLLOW_SOURCE) await sources.delete(tenant, sourceId);
      }
      return true;
    },
    list,
    async settingsOf(tenant, channelId) {
      return (await settings.get(tenant, channelId)) ?? followSettingsSchema.parse({ channelId });
    },
    async policyArticles(tenant) {
      const owner = tenantKey(tenant);
      return (await allPolicyArticles(deps.articles)).filter((article) => visibleTo(article, owner));
    },
  };
}
