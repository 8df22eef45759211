import { installAppHome } from './app-home.ts';
import type { SlackHandlerInstaller } from './handler-installer.ts';
import { installNewsCommand } from './news-command.ts';
import { installReactions } from './reactions.ts';
import { installRequestErrors } from './request-errors.ts';

/**
 * Every listener family the Slack app registers, in order. A new family (reactions, App Home, DMs)
 * goes in its own file under handlers/ and is added here; createSlackAdapter needs no change
 * (a new event may need a bot scope or event subscription in manifest.ts).
 */
export const slackHandlers: readonly SlackHandlerInstaller[] = [
  installRequestErrors,
  installNewsCommand,
  installReactions,
  installAppHome,
];
