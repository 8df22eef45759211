import type { CommandContext } from '../../../commands/define.ts';
import { CONSOLE_TENANT } from '../../core/tenant.ts';

/** The services a console command runs against. */
export type ConsoleHost = Pick<CommandContext, 'core' | 'digests' | 'settings' | 'logger'>;

/**
 * A command context in the console workspace. The person at the terminal (or shell) owns the
 * installation, so they are its admin.
 */
export function consoleContext(
  host: ConsoleHost,
  where: { channelId: string; userId: string },
): CommandContext {
  return {
    tenant: CONSOLE_TENANT,
    channel: { platform: 'console', id: where.channelId },
    user: { id: where.userId, isAdmin: true },
    core: host.core,
    digests: host.digests,
    settings: host.settings,
    logger: host.logger,
  };
}
