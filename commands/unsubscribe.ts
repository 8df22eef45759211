import { z } from 'zod';
import { directChannelId } from '../src/core/ports/chat-adapter.ts';
import { notice } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import { slugify } from '../src/core/topics/topic-service.ts';
import { type CommandContext, defineCommand } from './define.ts';
import { topicOption } from './subscribe-input.ts';

/** Reads `<topic> [dm]`: a trailing `dm` means the caller's personal digest. */
function parseUnsubscribeText(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const personal = /^(.+?)\s+dm$/i.exec(trimmed);
  if (personal) return { topic: personal[1], dm: true };
  return trimmed ? { topic: trimmed } : {};
}

/**
 * `/unsubscribe <topic>|all [dm]`: removes a topic from this channel's digest (admins) or from the
 * caller's personal digest (anyone, their own only); the last one ends the digest.
 */
export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  description: "Remove a topic from this channel's daily digest",
  usage: ['/unsubscribe <topic>', '/unsubscribe all', '/unsubscribe <topic>|all dm   (your personal digest)'],
  admin: true,
  openWhen: (input) => input.dm === true,
  options: z.object({
    topic: topicOption.describe('The topic to remove, or all'),
    dm: z.boolean().optional().describe('From your personal digest rather than this channel'),
  }),
  parseText: parseUnsubscribeText,
  async run(ctx, input) {
    const topic = stripQuotes(input.topic);
    const services = ctx.digests;
    const store = services.stores.subscriptions;
    // A personal digest is found by the caller's own id: nobody can name another person's.
    const channelId = input.dm ? directChannelId(ctx.user.id) : ctx.channel.id;
    const whose = input.dm ? 'your personal' : "this channel's";
    const existing = await store.get(ctx.tenant, channelId);
    if (!existing) {
      return notice(
        'info',
        input.dm
          ? 'You have no personal digest, so there is nothing to unsubscribe from.'
          : 'This channel has no digest, so there is nothing to unsubscribe from.',
        input.dm ? 'Start one with /subscribe <topic> dm.' : 'Admins start one with /subscribe <topic>.',
      );
    }
    if (slugify(topic) === 'all') {
      await store.delete(ctx.tenant, channelId);
      if (!input.dm) await services.mentions.rules.delete(ctx.tenant, channelId);
      return notice('success', `Stopped ${whose} digest.`);
    }
    const resolved = await services.topics.resolve(ctx.tenant, topic);
    const wanted = slugify(topic);
    const match = existing.topics.find((t) => slugify(t) === wanted || t === resolved.name);
    if (!match) {
      return notice(
        'error',
        `${input.dm ? 'Your personal' : "This channel's"} digest does not cover "${topic}".`,
        `Its topics: ${existing.topics.join(', ')}. Remove one with /unsubscribe <topic>.`,
      );
    }
    const topics = existing.topics.filter((t) => t !== match);
    await dropMentionRule(ctx, channelId, match);
    if (topics.length === 0) {
      await store.delete(ctx.tenant, channelId);
      return notice('success', `Removed ${match}; that was the last topic, so ${whose} digest has stopped.`);
    }
    await store.put(ctx.tenant, channelId, {
      ...existing,
      topics,
      updatedAt: ctx.core.clock.now().toISOString(),
    });
    return notice('success', `Removed ${match} from ${whose} digest. Topics left: ${topics.join(', ')}.`);
  },
});

/** A topic that leaves a channel's digest stops pinging its group too. */
async function dropMentionRule(ctx: CommandContext, channelId: string, topic: string): Promise<void> {
  const store = ctx.digests.mentions.rules;
  const rules = await store.get(ctx.tenant, channelId);
  if (!rules?.rules.some((rule) => rule.topic === topic)) return;
  await store.put(ctx.tenant, channelId, {
    ...rules,
    rules: rules.rules.filter((rule) => rule.topic !== topic),
  });
}
