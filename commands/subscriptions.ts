import { z } from 'zod';
import { describeSubscription } from '../digests/describe.ts';
import { directUserOf } from '../src/core/ports/chat-adapter.ts';
import { notice } from '../src/core/reply.ts';
import { defineCommand } from './define.ts';

/** `/subscriptions`: every digest of this workspace, with its schedule and delivery health. */
export const subscriptionsCommand = defineCommand({
  name: 'subscriptions',
  description: "List this workspace's daily digests, when they go out and whether delivery works",
  usage: ['/subscriptions'],
  admin: true,
  options: z.object({}),
  parseText: () => ({}),
  async run(ctx) {
    const { subscriptions, deliveries } = ctx.digests.stores;
    // Personal digests are their owners' alone: an admin sees only their own among them.
    const list = (await subscriptions.list(ctx.tenant)).filter((subscription) => {
      const owner = directUserOf(subscription.channelId);
      return owner === undefined || owner === ctx.user.id;
    });
    if (list.length === 0) {
      return notice(
        'info',
        'No channel in this workspace has a daily digest yet.',
        'Start one in a channel with /subscribe <topic> [at 08:00] [tz Europe/London].',
      );
    }
    const now = ctx.core.clock.now();
    list.sort((a, b) => a.channelId.localeCompare(b.channelId));
    const items = await Promise.all(
      list.map(async (subscription) => {
        const state = await deliveries.get(ctx.tenant, subscription.channelId);
        const here = subscription.channelId === ctx.channel.id ? ' (this channel)' : '';
        const personal = directUserOf(subscription.channelId) !== undefined;
        return {
          label: personal ? 'your direct messages' : `#${subscription.channelId}${here}`,
          detail: describeSubscription(subscription, state, now),
        };
      }),
    );
    const failing = items.filter((item) => item.detail.includes('⚠ failing')).length;
    return {
      kind: 'list',
      title: `Daily digests (${list.length})`,
      items,
      footer: failing > 0 ? `${failing} failing: check the bot can post there.` : undefined,
      visibility: 'ephemeral',
    };
  },
});
