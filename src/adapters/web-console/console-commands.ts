import type { CommandContext } from '../../../commands/define.ts';
import { dispatch } from '../../../commands/dispatch.ts';
import type { Reply } from '../../core/reply.ts';
import type { AdminConsoleDeps } from './console-deps.ts';
import type { AdminSession } from './security.ts';

/** The channel id commands see when the console changes something that belongs to no channel. */
export const CONSOLE_CHANNEL = 'admin-console';

/**
 * Runs a chat command for the signed-in admin through the same dispatch (zod options, rights, error
 * replies) that Slack, Discord and the console chat use: a rule lives in the command, never here.
 * The session exists only for a tenant's admins, so the context says so.
 */
export function runCommand(
  deps: AdminConsoleDeps,
  session: AdminSession,
  name: string,
  options: Record<string, unknown>,
  channelId: string = CONSOLE_CHANNEL,
): Promise<Reply> {
  const ctx: CommandContext = {
    tenant: session.tenant,
    channel: { platform: session.tenant.platform, id: channelId },
    user: { id: session.userId, isAdmin: true },
    core: deps.core,
    digests: deps.digests,
    settings: deps.commandSettings,
    logger: deps.logger.child({ part: 'admin-console' }),
  };
  return dispatch({ name, options: withoutEmpty(options) }, ctx);
}

/** A form's empty field means "not given", as a word left out of a chat command does. */
function withoutEmpty(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== '' && value !== undefined),
  );
}

/** Whether a typed channel id looks like one of the platform's (C…/G… on Slack, a snowflake on Discord). */
export function channelIdProblem(platform: string, id: string): string | undefined {
  if (platform === 'slack' && /^[CGD][A-Z0-9]{2,20}$/.test(id)) return undefined;
  if (platform === 'discord' && /^\d{5,25}$/.test(id)) return undefined;
  return platform === 'slack'
    ? 'a Slack channel id looks like C0123ABCD (channel details → About)'
    : 'a Discord channel id is a long number (Developer Mode → Copy Channel ID)';
}
