import type { CommandSettings } from '../../../commands/define.ts';
import type { DigestServices } from '../../../digests/services.ts';
import type { Core } from '../../core/core.ts';
import type { ChartRenderer } from '../../core/ports/chart-renderer.ts';
import type { Reply } from '../../core/reply.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import type { ConsoleSettings } from './console-settings.ts';
import type { OAuthProviders } from './oauth-providers.ts';
import type { AdminSession, PendingFlow } from './security.ts';

/** A Discord user's pick among several guilds they administer, kept until they choose. */
export interface GuildPick {
  userId: string;
  name: string;
  guilds: { id: string; name: string }[];
  startedAt: number;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    admin: AdminSession;
    pending: PendingFlow;
    pick: GuildPick;
    flash: Reply;
    /** @fastify/csrf-protection's secret; cleared at sign-in so no form from before it works. */
    _csrf: string;
  }
}

/** The same rights checks the chat commands use, handed in by the composition root. */
export interface ConsoleRights {
  /** Slack: workspace admins and owners (users.info) and ADMIN_USER_IDS; false where the bot is not installed. */
  slack?: (tenant: Tenant, userId: string) => Promise<boolean>;
  /** Discord: Manage Server in the member's permissions there, or ADMIN_USER_IDS. */
  discord?: (permissions: string, userId: string) => boolean;
}

/** What the console reads and runs commands with. */
export interface AdminConsoleDeps {
  settings: ConsoleSettings;
  core: Core;
  digests: DigestServices;
  commandSettings: CommandSettings;
  charts: ChartRenderer;
  logger: Logger;
  providers: OAuthProviders;
  rights: ConsoleRights;
  /** Epoch milliseconds; tests move it to expire sessions. */
  now?: () => number;
}
