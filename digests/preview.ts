import type { Core } from '../src/core/core.ts';
import type { Reply } from '../src/core/reply.ts';
import type { Tenant } from '../src/core/tenant.ts';
import type { ComposedDigest } from './compose.ts';
import { buildDigestReply, summarizeSourceHealth } from './digest-reply.ts';
import type { DigestServices } from './services.ts';

const DAY = 86_400_000;

/** A channel's next digest as it would be if it went out now, shown only to the asker. */
export async function previewChannelDigest(
  core: Core,
  services: DigestServices,
  tenant: Tenant,
  channelId: string,
  topicsOverride?: string[],
): Promise<{ reply: Reply; subscribed: boolean; digest: ComposedDigest }> {
  const subscription = await services.stores.subscriptions.get(tenant, channelId);
  const state = await services.stores.deliveries.get(tenant, channelId);
  const now = core.clock.now();
  const topics = topicsOverride ?? subscription?.topics ?? [];
  // A topic preview shows the last day; the channel preview continues from its last delivered digest.
  const since =
    !topicsOverride && state?.lastDeliveredAt
      ? new Date(state.lastDeliveredAt)
      : new Date(now.getTime() - DAY);
  const digest = await services.composer.composeOne({
    key: 'preview',
    tenant,
    topics,
    since,
    until: now,
    exclude: new Set(topicsOverride ? [] : (state?.recentArticleIds ?? [])),
    preferences: await services.preferences.of(tenant, channelId, now),
  });
  const reply = buildDigestReply(digest, {
    timeZone: subscription?.timeZone ?? 'UTC',
    at: now,
    health: summarizeSourceHealth(await core.sources.list(tenant), since),
    whenEmpty: 'line',
    preview: true,
  })!;
  return { reply, subscribed: Boolean(subscription), digest };
}

/** The CLI's and tests' JSON shape of a digest: sections of stories with their sources and article ids. */
export function digestJson(digest: ComposedDigest) {
  return {
    sections: digest.sections.map((section) => ({
      topic: section.requested,
      stories: section.stories.map((story) => ({
        title: story.card.title,
        url: story.card.url,
        summary: story.card.summary,
        sources: story.sources,
        articles: story.articleIds,
      })),
    })),
  };
}
