import { z } from 'zod';
import { notice } from '../src/core/reply.ts';
import { defineCommand } from './define.ts';
import { followIdOption, followTargetOf } from './follow-input.ts';

/** `/unfollow <id>`: this channel stops following an item; sources only it needed stop being polled. */
export const unfollowCommand = defineCommand({
  name: 'unfollow',
  description: 'Stop following a docket, document, bill or procedure in this channel',
  usage: ['/unfollow <id>'],
  admin: true,
  options: z.object({ id: followIdOption.describe('The id as in /following') }),
  parseText: (text) => (text.trim() ? { id: text.trim().replace(/^["“]|["”]$/g, '') } : {}),
  async run(ctx, input) {
    const target = followTargetOf(input.id, ctx.core.clock.now());
    const removed = await ctx.digests.follows.unfollow(ctx.tenant, ctx.channel.id, target);
    if (!removed)
      return {
        ...notice(
          'info',
          `This channel does not follow ${target.label}.`,
          '/following lists what it follows.',
        ),
        visibility: 'ephemeral',
      };
    return notice('success', `Stopped following ${target.label} in this channel.`);
  },
});
