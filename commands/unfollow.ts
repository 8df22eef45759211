import { z } from 'zod';
import { incidentId } from '../src/core/incidents.ts';
import { followIdOf } from '../src/core/policy/follow-record.ts';
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
    // An open incident about the item's source ends with the follow: nobody is waiting for its all-clear.
    const id = incidentId('follow', followIdOf(ctx.channel.id, target));
    const incident = await ctx.digests.incidents.get(ctx.tenant, id);
    if (incident?.status === 'open') {
      const resolvedAt = ctx.core.clock.now().toISOString();
      await ctx.digests.incidents.put(ctx.tenant, id, { ...incident, status: 'resolved', resolvedAt });
    }
    return notice('success', `Stopped following ${target.label} in this channel.`);
  },
});
