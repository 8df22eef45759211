import {
  Events,
  type MessageReaction,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import type { DiscordEventInstaller } from './event-installer.ts';

/**
 * 👍 and 👎 on the bot's digest and story messages (MESSAGE_REACTION_ADD / REMOVE): each becomes a vote on
 * the channel's ranking. Messages are usually not cached, so the client runs with message and reaction
 * partials; the vote is looked up under the guild the event came from, so a reaction on a message the bot
 * did not post there finds nothing and is ignored.
 */
export const installReactionEvents: DiscordEventInstaller = (client, deps) => {
  const handle =
    (added: boolean) =>
    async (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) => {
      const { message } = reaction;
      const emoji = reaction.emoji.name;
      if (!message.guildId || !emoji || user.id === client.user?.id) return;
      try {
        const outcome = await deps.digests.preferences.react({
          tenant: { platform: 'discord', id: message.guildId },
          channelId: message.channelId,
          messageId: message.id,
          userId: user.id,
          emoji,
          added,
          at: deps.core.clock.now(),
        });
        deps.logger.debug({ guild: message.guildId, channel: message.channelId, emoji, outcome }, 'reaction');
      } catch (error) {
        deps.logger.error({ err: error, guild: message.guildId }, 'could not record a reaction');
      }
    };
  client.on(Events.MessageReactionAdd, handle(true));
  client.on(Events.MessageReactionRemove, handle(false));
};
