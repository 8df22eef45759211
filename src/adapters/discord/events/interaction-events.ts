import { Events } from 'discord.js';
import type { DiscordEventInstaller } from './event-installer.ts';

/** Slash commands and autocomplete: each interaction goes to the interaction handler. */
export const installInteractionEvents: DiscordEventInstaller = (client, { handleInteraction }) => {
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction);
  });
};
