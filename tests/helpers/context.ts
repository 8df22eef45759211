import type { CommandContext } from '../../commands/define.ts';
import type { Core } from '../../src/core/core.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { createSilentLogger } from '../../src/logger.ts';

/** A command context for a user in a tenant; admin unless told otherwise. */
export function contextFor(
  core: Core,
  options: { tenant?: Tenant; isAdmin?: boolean; userId?: string } = {},
): CommandContext {
  const tenant = options.tenant ?? CONSOLE_TENANT;
  return {
    tenant,
    channel: { platform: tenant.platform, id: 'C1' },
    user: { id: options.userId ?? 'U1', isAdmin: options.isAdmin ?? true },
    core,
    logger: createSilentLogger(),
  };
}
