import type { ArticleStore } from '../src/core/ports/article-store.ts';
import type { ChartRenderer } from '../src/core/ports/chart-renderer.ts';
import type { TopicService } from '../src/core/ports/topic-service.ts';
import type { Reply } from '../src/core/reply.ts';
import { composeTopicVolume } from '../src/core/topic-volume.ts';
import type { Logger } from '../src/logger.ts';
import type { Subscription } from './subscription.ts';

/** More lines than this make a chart nobody can read; a digest with more topics charts its first ones. */
const MAX_CHART_TOPICS = 6;

/** Adds a picture to a digest reply before it is posted; a digest without one goes out unchanged. */
export interface DigestAttachments {
  /** The reply with its picture, or the reply as it was (not weekly, or the chart failed: logged). */
  attach(subscription: Subscription, reply: Reply, at: Date): Promise<Reply>;
}

/** What the weekly chart attachment reads and draws with. */
export interface DigestChartDeps {
  articles: Pick<ArticleStore, 'all'>;
  topics: Pick<TopicService, 'resolve' | 'tag'>;
  charts: ChartRenderer;
  logger: Logger;
}

/** A subscription delivered on one weekday only is a weekly digest. */
export function isWeekly(subscription: Pick<Subscription, 'weekdays'>): boolean {
  return new Set(subscription.weekdays).size === 1;
}

/**
 * Attaches a topic-volume chart (the last 30 days of the subscription's topics, this week against last) to
 * weekly digests. Daily digests stay text: a chart a day would repeat itself.
 */
export function createDigestChartAttachments(deps: DigestChartDeps): DigestAttachments {
  return {
    async attach(subscription, reply, at) {
      if (reply.kind !== 'digest' || !isWeekly(subscription)) return reply;
      try {
        const names = subscription.topics.slice(0, MAX_CHART_TOPICS);
        const topics = await Promise.all(names.map((name) => deps.topics.resolve(subscription.tenant, name)));
        const chart = await composeTopicVolume(deps, { tenant: subscription.tenant, topics, now: at });
        const image = await deps.charts.topicVolume(chart);
        return {
          ...reply,
          image: {
            name: 'topic-volume.png',
            title: 'Stories per day, last 30 days',
            alt: image.alt,
            png: image.png,
          },
        };
      } catch (error) {
        deps.logger.warn(
          { err: error, channel: subscription.channelId },
          'could not draw the weekly chart; the digest goes out without it',
        );
        return reply;
      }
    },
  };
}
