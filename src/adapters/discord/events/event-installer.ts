import type { Client, Interaction } from 'discord.js';
import type { DigestServices } from '../../../../digests/services.ts';
import type { Core } from '../../../core/core.ts';
import type { Logger } from '../../../logger.ts';
import type { ListenerInstaller } from '../../shared/listener-installers.ts';

/** What every gateway event listener may use; built once by createDiscordAdapter. */
export interface DiscordEventDeps {
  /** Answers slash commands and autocomplete (interactions.ts); never throws. */
  handleInteraction: (interaction: Interaction) => Promise<void>;
  core: Core;
  /** The digest services: reactions become channel preferences there. */
  digests: DigestServices;
  logger: Logger;
}

/** Registers one family of gateway listeners (interactions, reactions, DMs…) on a new client. */
export type DiscordEventInstaller = ListenerInstaller<Client, DiscordEventDeps>;
