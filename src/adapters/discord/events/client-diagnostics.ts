import { Events } from 'discord.js';
import type { DiscordEventInstaller } from './event-installer.ts';

/** Client errors, warnings and shard disconnects, logged so an operator can see why the bot went quiet. */
export const installClientDiagnostics: DiscordEventInstaller = (client, { logger }) => {
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'discord shard disconnected'),
  );
};
