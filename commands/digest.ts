import { z } from 'zod';
import { explainPlace } from '../digests/explain.ts';
import { previewChannelDigest } from '../digests/preview.ts';
import { notice } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import { defineCommand } from './define.ts';

/** `/digest [topic]`: this channel's next digest, now, shown only to the asker. */
export const digestCommand = defineCommand({
  name: 'digest',
  description: "Preview this channel's next digest now (only you see it)",
  usage: ['/digest', '/digest <topic>', '/digest why <n>'],
  options: z.object({
    topic: z
      .string()
      .trim()
      .min(1)
      .max(200, { error: 'a topic is 200 characters at most' })
      .optional()
      .describe('Preview one topic over the last day instead'),
    why: z.coerce
      .number({ error: 'why takes a story number, e.g. /digest why 2' })
      .int({ error: 'why takes a whole story number' })
      .min(1, { error: 'stories are numbered from 1' })
      .max(100, { error: 'a digest has at most 100 stories' })
      .optional()
      .describe("Explain the place of story N in this channel's next digest"),
  }),
  parseText(text) {
    const why = /^why(?:\s+(\S+))?$/i.exec(text.trim());
    if (why) return { why: why[1] ?? '' };
    return text.trim() ? { topic: stripQuotes(text) } : {};
  },
  async run(ctx, { topic, why }) {
    const { reply, subscribed, digest } = await previewChannelDigest(
      ctx.core,
      ctx.digests,
      ctx.tenant,
      ctx.channel.id,
      topic ? [topic] : undefined,
    );
    if (why !== undefined && subscribed && !topic) return explainPlace(digest, why);
    if (!topic && !subscribed) {
      // A notice already stays with the person who asked (src/core/reply-visibility.ts).
      return notice(
        'info',
        'This channel has no daily digest yet.',
        'Preview a topic with /digest <topic>; an admin can start the digest with /subscribe <topic>.',
      );
    }
    return { ...reply, visibility: 'ephemeral' };
  },
});
