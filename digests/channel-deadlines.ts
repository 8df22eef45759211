import {
  type CommentDeadline,
  describeDeadline,
  openDeadlines,
} from '../src/core/policy/comment-deadlines.ts';
import { belongsTo, type PolicyArticle } from '../src/core/policy/follow-match.ts';
import type { Topic } from '../src/core/ports/topic-service.ts';
import type { DigestSection, Reply, StoryCard } from '../src/core/reply.ts';
import type { Tenant } from '../src/core/tenant.ts';
import { resolveTopicIn } from '../src/core/topics/topic-service.ts';
import type { Logger } from '../src/logger.ts';
import type { DigestServices } from './services.ts';
import { localDateOf } from './zoned-time.ts';

/** How far ahead a digest looks for comment deadlines. */
export const DIGEST_DEADLINE_DAYS = 14;

/** What a channel's deadlines were drawn from: its follows and topics, one named topic, or everything. */
export type DeadlineScope = 'channel' | 'topic' | 'all';

/** Open comment periods for a channel, soonest first, and what they were drawn from. */
export interface ChannelDeadlines {
  deadlines: CommentDeadline[];
  scope: DeadlineScope;
  timeZone: string;
}

/**
 * The open comment periods a channel cares about: documents of the items it follows and documents on its
 * digest topics (or on one topic when named). A channel with neither sees every open period it may read.
 */
export async function channelDeadlines(
  services: DigestServices,
  tenant: Tenant,
  channelId: string,
  options: {
    now: Date;
    topic?: string;
    withinDays?: number;
    /** The tenant's topic list when the caller already read it; read here (once) otherwise. */
    topics?: Topic[];
  },
): Promise<ChannelDeadlines> {
  const [articles, follows, subscription, settings] = await Promise.all([
    services.follows.policyArticles(tenant),
    services.follows.list(tenant, channelId),
    services.stores.subscriptions.get(tenant, channelId),
    services.follows.settingsOf(tenant, channelId),
  ]);
  const timeZone = settings.timeZone ?? subscription?.timeZone ?? 'UTC';
  const today = localDateOf(options.now, timeZone);
  const topicNames = options.topic ? [options.topic] : (subscription?.topics ?? []);
  // One read of the tenant's topics for every name: each `resolve` would read the store again.
  const known = topicNames.length === 0 ? [] : (options.topics ?? (await services.topics.list(tenant)));
  const topics = topicNames.map((name) => resolveTopicIn(known, name));
  const onTopic = (article: PolicyArticle) =>
    topics.some(
      (topic) => article.topics.includes(topic.name) || services.topics.tag(article, [topic]).length > 0,
    );
  const scope: DeadlineScope = options.topic
    ? 'topic'
    : follows.length > 0 || topics.length > 0
      ? 'channel'
      : 'all';
  const relevant =
    scope === 'all'
      ? articles
      : articles.filter(
          (article) =>
            onTopic(article) ||
            (scope === 'channel' && follows.some((follow) => belongsTo(article, follow.target))),
        );
  const withinDays = options.withinDays === undefined ? {} : { withinDays: options.withinDays };
  return { deadlines: openDeadlines(relevant, today, withinDays), scope, timeZone };
}

/** A deadline as a card: the document, when comments close, and where to comment. */
export function deadlineCard(deadline: CommentDeadline): StoryCard {
  const who = deadline.agencies.length > 0 ? `${deadline.agencies.join(', ')}: ` : '';
  const comment = deadline.commentUrl ? ` Comment: ${deadline.commentUrl}` : '';
  return {
    id: deadline.articleId,
    title: deadline.title,
    url: deadline.commentUrl ?? deadline.url,
    source: deadline.documentNumber ? `FR Doc. ${deadline.documentNumber}` : 'Primary source',
    summary: `${who}${describeDeadline(deadline)}.${comment}`,
    topics: [],
    alsoCoveredBy: [],
    articleIds: [deadline.articleId],
  };
}

/** The digest's "Comment deadlines" section, when any of the channel's periods closes within 14 days. */
export async function commentDeadlineSection(
  services: DigestServices,
  tenant: Tenant,
  channelId: string,
  now: Date,
): Promise<DigestSection | undefined> {
  const { deadlines } = await channelDeadlines(services, tenant, channelId, {
    now,
    withinDays: DIGEST_DEADLINE_DAYS,
  });
  if (deadlines.length === 0) return undefined;
  return { topic: 'Comment deadlines', stories: deadlines.slice(0, 10).map(deadlineCard) };
}

/**
 * A digest reply with its "Comment deadlines" section added when one is due; other replies unchanged.
 * Deadlines are an extra: a failure to read them is logged and the digest goes out without them.
 */
export async function withCommentDeadlines(
  reply: Reply | undefined,
  services: DigestServices,
  where: { tenant: Tenant; channelId: string; now: Date; log: Logger },
): Promise<Reply | undefined> {
  if (reply?.kind !== 'digest') return reply;
  try {
    const section = await commentDeadlineSection(services, where.tenant, where.channelId, where.now);
    return section ? { ...reply, sections: [...reply.sections, section] } : reply;
  } catch (error) {
    where.log.warn({ err: error, channel: where.channelId }, 'could not add comment deadlines to a digest');
    return reply;
  }
}
