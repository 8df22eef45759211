import { installClientDiagnostics } from './client-diagnostics.ts';
import type { DiscordEventInstaller } from './event-installer.ts';
import { installInteractionEvents } from './interaction-events.ts';
import { installReactionEvents } from './reaction-events.ts';

/**
 * Every listener family the gateway client registers, in order. A new family (reactions, DMs) goes
 * in its own file under events/ and is added here; it may need a gateway intent added in
 * discord-adapter.ts too.
 */
export const discordEvents: readonly DiscordEventInstaller[] = [
  installInteractionEvents,
  installReactionEvents,
  installClientDiagnostics,
];
