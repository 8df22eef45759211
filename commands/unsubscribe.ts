import { z } from 'zod';
import { notice } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import { slugify } from '../src/core/topics/topic-service.ts';
import { defineCommand } from './define.ts';
import { topicOption } from './subscribe-input.ts';

/** `/unsubscribe <topic>|all`: removes a topic from this channel's digest; the last one ends the digest. */
export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  description: "Remove a topic from this channel's daily digest",
  usage: ['/unsubscribe <topic>', '/unsubscribe all'],
  admin: true,
  options: z.object({
    topic: topicOption.describe('The topic to remove, or all'),
  }),
  parseText: (text) => (text.trim() ? { topic: text.trim() } : {}),
  async run(ctx, input) {
    const topic = stripQuotes(input.topic);
    const services = ctx.digests;
    const store = services.stores.subscriptions;
    const existing = await store.get(ctx.tenant, ctx.channel.id);
    if (!existing) {
      return notice(
        'info',
        'This channel has no digest, so there is nothing to unsubscribe from.',
        'Admins start one with /subscribe <topic>.',
      );
    }
    if (slugify(topic) === 'all') {
      await store.delete(ctx.tenant, ctx.channel.id);
      return notice('success', "Stopped this channel's digest.");
    }
    const resolved = await services.topics.resolve(ctx.tenant, topic);
    const wanted = slugify(topic);
    const match = existing.topics.find((t) => slugify(t) === wanted || t === resolved.name);
    if (!match) {
      return notice(
        'error',
        `This channel's digest does not cover "${topic}".`,
        `Its topics: ${existing.topics.join(', ')}. Remove one with /unsubscribe <topic>.`,
      );
    }
    const topics = existing.topics.filter((t) => t !== match);
    if (topics.length === 0) {
      await store.delete(ctx.tenant, ctx.channel.id);
      return notice(
        'success',
        `Removed ${match}; that was the last topic, so this channel's digest has stopped.`,
      );
    }
    await store.put(ctx.tenant, ctx.channel.id, {
      ...existing,
      topics,
      updatedAt: ctx.core.clock.now().toISOString(),
    });
    return notice(
      'success',
      `Removed ${match} from this channel's digest. Topics left: ${topics.join(', ')}.`,
    );
  },
});
