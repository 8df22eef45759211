import { type Tenant, tenantKey } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';

/** The part of users.info's answer that decides admin rights. */
interface UsersInfoResult {
  user?: {
    is_admin?: boolean;
    is_owner?: boolean;
    is_primary_owner?: boolean;
    is_restricted?: boolean;
    deleted?: boolean;
  };
}

/** The one Web API call the rights check needs, so any WebClient (or a workspace's client) fits. */
export interface UsersInfoClient {
  users: { info(args: { user: string }): Promise<UsersInfoResult> };
}

/** Options of the admin check. */
export interface AdminRightsOptions {
  /** ADMIN_USER_IDS: admins on every workspace, whatever Slack says. */
  adminUserIds: readonly string[];
  logger: Logger;
  /** How long an answer from users.info is trusted; rights rarely change, and calls cost rate limit. */
  ttlMs?: number;
  now?: () => number;
}

/** Decides whether a Slack user may run admin commands. */
export interface AdminRights {
  isAdmin(client: UsersInfoClient, tenant: Tenant, userId: string): Promise<boolean>;
}

/**
 * Workspace admins and owners (from users.info, cached briefly) plus ADMIN_USER_IDS are admins.
 * Guests and deactivated users never are. When Slack cannot be asked, the answer is "no".
 */
export function createAdminRights(options: AdminRightsOptions): AdminRights {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const configured = new Set(options.adminUserIds);
  const cache = new Map<string, { admin: boolean; until: number }>();
  return {
    async isAdmin(client, tenant, userId) {
      if (configured.has(userId)) return true;
      const key = `${tenantKey(tenant)}:${userId}`;
      const cached = cache.get(key);
      if (cached && cached.until > now()) return cached.admin;
      let admin = false;
      let until = now() + ttl;
      try {
        const { user } = await client.users.info({ user: userId });
        admin = Boolean(
          user &&
            !user.deleted &&
            !user.is_restricted &&
            (user.is_admin || user.is_owner || user.is_primary_owner),
        );
      } catch (error) {
        options.logger.warn(
          { err: error, tenant, user: userId },
          'users.info failed; treating user as non-admin',
        );
        // Ask again soon rather than lock a real admin out for the whole TTL.
        until = now() + Math.min(ttl, 30_000);
      }
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { admin, until });
      return admin;
    },
  };
}
