import { z } from 'zod';
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
      return {
        kind: 'notice',
        level: 'info',
        text: 'This channel has no digest, so there is nothing to unsubscribe from.',
        hint: 'Admins start one with /subscribe <topic>.',
        visibility: 'ephemeral',
      };
    }
    if (slugify(topic) === 'all') {
      await store.delete(ctx.tenant, ctx.channel.id);
      return { kind: 'notice', level: 'success', text: "Stopped this channel's digest." };
    }
    const resolved = await services.topics.resolve(ctx.tenant, topic);
    const wanted = slugify(topic);
    const match = existing.topics.find((t) => slugify(t) === wanted || t === resolved.name);
    if (!match) {
      return {
        kind: 'notice',
        level: 'error',
        text: `This channel's digest does not cover "${topic}".`,
        hint: `Its topics: ${existing.topics.join(', ')}. Remove one with /unsubscribe <topic>.`,
        visibility: 'ephemeral',
      };
    }
    const topics = existing.topics.filter((t) => t !== match);
    if (topics.length === 0) {
      await store.delete(ctx.tenant, ctx.channel.id);
      return {
        kind: 'notice',
        level: 'success',
        text: `Removed ${match}; that was the last topic, so this channel's digest has stopped.`,
      };
    }
    await store.put(ctx.tenant, ctx.channel.id, {
      ...existing,
      topics,
      updatedAt: ctx.core.clock.now().toISOString(),
    });
    return {
      kind: 'notice',
      level: 'success',
      text: `Removed ${match} from this channel's digest. Topics left: ${topics.join(', ')}.`,
    };
  },
});
