import type { CommandContext, CommandSettings } from '../../commands/define.ts';
import { createDigestServices, type DigestServiceDeps, type DigestServices } from '../../digests/services.ts';
import type { Core } from '../../src/core/core.ts';
import { createPrimarySourceFinder } from '../../src/core/policy/primary-sources.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { createInvertedIndex } from '../../src/core/search/inverted-index.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { createSilentLogger } from './silent-logger.ts';

/** The settings a test command runs with unless it says otherwise: the config's defaults. */
export const DEFAULT_COMMAND_SETTINGS: CommandSettings = { pollIntervalMinutes: 15 };

/** What a command runs against: the core, the digest services built beside it and the settings (default ones if left out). */
export interface CommandHost {
  core: Core;
  digests: DigestServices;
  settings?: CommandSettings;
}

/** Digest services over a test core, wired as the composition root wires them: the core's own topics and clusterer. */
export function digestServicesFor(
  core: Core,
  stores: Stores,
  overrides: Partial<DigestServiceDeps> = {},
): DigestServices {
  return createDigestServices({
    articles: core.articles,
    stores,
    topics: core.topics,
    clusterer: core.stories,
    // As the composition root wires it: digest cards link the primary documents they cite.
    primarySources: createPrimarySourceFinder({ index: core.index, articles: core.articles }),
    createIndex: createInvertedIndex,
    topN: 5,
    whenEmpty: 'line',
    ...overrides,
  });
}

/** A command context for a user in a channel of a tenant; admin unless told otherwise. */
export function contextFor(
  host: CommandHost,
  options: { tenant?: Tenant; isAdmin?: boolean; userId?: string; channelId?: string } = {},
): CommandContext {
  const tenant = options.tenant ?? CONSOLE_TENANT;
  const isAdmin = options.isAdmin ?? true;
  return {
    tenant,
    channel: { platform: tenant.platform, id: options.channelId ?? 'C1' },
    user: { id: options.userId ?? (isAdmin ? 'admin-user' : 'plain-user'), isAdmin },
    core: host.core,
    digests: host.digests,
    settings: host.settings ?? DEFAULT_COMMAND_SETTINGS,
    logger: createSilentLogger(),
  };
}
