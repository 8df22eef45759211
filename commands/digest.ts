import { z } from 'zod';
import { previewChannelDigest } from '../digests/preview.ts';
import { notice } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import { defineCommand } from './define.ts';

/** `/digest [topic]`: this channel's next digest, now, shown only to the asker. */
export const digestCommand = defineCommand({
  name: 'digest',
  description: "Preview this channel's next digest now (only you see it)",
  usage: ['/digest', '/digest <topic>'],
  options: z.object({
    topic: z
      .string()
      .trim()
      .min(1)
      .max(200, { error: 'a topic is 200 characters at most' })
      .optional()
      .describe('Preview one topic over the last day instead'),
  }),
  parseText: (text) => (text.trim() ? { topic: stripQuotes(text) } : {}),
  async run(ctx, { topic }) {
    const { reply, subscribed } = await previewChannelDigest(
      ctx.core,
      ctx.digests,
      ctx.tenant,
      ctx.channel.id,
      topic ? [topic] : undefined,
    );
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
