import { slackTenant } from '../installation-store.ts';
import type { SlackHandlerInstaller } from './handler-installer.ts';

/** The Events API events this installer subscribes to; the manifest lists exactly these. */
export const REACTION_EVENTS = ['reaction_added', 'reaction_removed'] as const;

/** The fields of a reaction event Policy Wire reads; anything else in it is ignored. */
interface ReactionPayload {
  user?: string;
  reaction?: string;
  item_user?: string;
  item?: { type?: string; channel?: string; ts?: string };
}

/**
 * 👍 and 👎 on the bot's digest and story messages: each becomes a vote on the channel's ranking. The
 * vote is looked up under the workspace the event came from, so a reaction from another team, or on a
 * message the bot did not post there, finds nothing and is ignored.
 */
export const installReactions: SlackHandlerInstaller = (app, deps) => {
  const { digests, logger } = deps;
  for (const type of REACTION_EVENTS) {
    app.event(type, async ({ event, context, body }) => {
      const payload = event as ReactionPayload;
      const tenant = slackTenant({
        teamId: context.teamId ?? (body as { team_id?: string }).team_id,
        enterpriseId: context.enterpriseId,
        isEnterpriseInstall: context.isEnterpriseInstall,
      });
      const { item, user, reaction } = payload;
      if (!tenant || item?.type !== 'message' || !item.channel || !item.ts || !user || !reaction) return;
      // The bot's own reactions are no vote; a message by someone else is none of its business.
      if (user === context.botUserId) return;
      if (payload.item_user && context.botUserId && payload.item_user !== context.botUserId) return;
      const outcome = await digests.preferences.react({
        tenant,
        channelId: item.channel,
        messageId: item.ts,
        userId: user,
        emoji: reaction,
        added: type === 'reaction_added',
        at: deps.core.clock.now(),
      });
      logger.debug({ tenant, channel: item.channel, reaction, outcome }, 'reaction');
    });
  }
};
