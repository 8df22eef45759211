import { z } from 'zod';
import { notice } from '../src/core/reply.ts';
import { defineCommand } from './define.ts';

/** `/following`: what this channel follows, and its reminder settings. */
export const followingCommand = defineCommand({
  name: 'following',
  description: 'List the dockets, documents, bills and procedures this channel follows',
  usage: ['/following'],
  options: z.object({}),
  parseText: () => ({}),
  async run(ctx) {
    const follows = await ctx.digests.follows.list(ctx.tenant, ctx.channel.id);
    if (follows.length === 0)
      return {
        ...notice(
          'info',
          'This channel follows nothing yet.',
          'Admins add an item with /follow <id>, e.g. /follow EPA-HQ-OAR-2026-0001.',
        ),
        visibility: 'ephemeral',
      };
    const settings = await ctx.digests.follows.settingsOf(ctx.tenant, ctx.channel.id);
    const days = settings.reminderDays;
    return {
      kind: 'list',
      title: `Followed here (${follows.length})`,
      items: follows.map((follow) => ({
        label: follow.target.label,
        detail: `${follow.target.kind} · since ${follow.createdAt.slice(0, 10)}${follow.card ? '' : ' · card not posted yet'} · /unfollow ${follow.target.id}`,
      })),
      footer:
        days.length === 0
          ? 'Deadline reminders are off.'
          : `Deadline reminders ${days.join(' and ')} days before closing (${settings.timeZone ?? 'the digest’s zone, else UTC'}).`,
      visibility: 'ephemeral',
    };
  },
});
