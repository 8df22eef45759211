import type { ChatAdapter, PostResult } from '../../core/ports/chat-adapter.ts';
import { type Tenant, tenantKey } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import { classifySlackError, type PostMessageClient, type SlackPoster } from './post-message.ts';

/** One member as users.list describes them: enough to tell an admin. */
interface SlackMember {
  id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_restricted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** The Web API calls direct messages and the admin fallback need, beyond chat.postMessage. */
export interface DirectMessageClient extends PostMessageClient {
  conversations: { open(args: { users: string }): Promise<{ channel?: { id?: string } }> };
  users: {
    list(args: { limit: number; cursor?: string }): Promise<{
      members?: SlackMember[];
      response_metadata?: { next_cursor?: string };
    }>;
  };
}

/** What Slack's direct messages are built from: the adapter's poster and its per-workspace client. */
export interface SlackDirectMessagesDeps {
  logger: Logger;
  poster: SlackPoster;
  clientFor(tenant: Tenant): Promise<DirectMessageClient | undefined>;
  /** ADMIN_USER_IDS: admins on every workspace. */
  adminUserIds: readonly string[];
  /** How long a workspace's admin list is reused: alerts are rare, users.list is paged and rate limited. */
  adminsTtlMs?: number;
  now?: () => number;
}

/** Most users.list pages read for one workspace's admins (200 members each). */
const MAX_PAGES = 25;

/**
 * `dm` and `adminIds` of the Slack ChatAdapter: conversations.open (im:write) gives the DM channel,
 * which is then posted to like any channel, keyed posts included; users.list (users:read) names the
 * workspace's admins and owners for alerts whose owner is unknown or unreachable.
 */
export function createSlackDirectMessages(
  deps: SlackDirectMessagesDeps,
): Pick<ChatAdapter, 'dm' | 'adminIds'> {
  const channels = new Map<string, string>();
  const admins = new Map<string, { ids: string[]; until: number }>();
  const now = deps.now ?? Date.now;
  const ttl = deps.adminsTtlMs ?? 10 * 60_000;

  const openChannel = async (client: DirectMessageClient, tenant: Tenant, userId: string) => {
    const key = `${tenantKey(tenant)}:${userId}`;
    const known = channels.get(key);
    if (known) return known;
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw Object.assign(new Error('conversations.open returned no channel'), { code: 'no_channel' });
    if (channels.size > 10_000) channels.clear();
    channels.set(key, id);
    return id;
  };

  return {
    async dm(tenant, userId, reply, options): Promise<PostResult> {
      if (!/^[UW][A-Z0-9]{2,}$/.test(userId))
        return {
          ok: false,
          retryable: false,
          error: `user_not_found: ${userId.slice(0, 40)} is not a Slack user id`,
        };
      let channel: string;
      try {
        const client = await deps.clientFor(tenant);
        if (!client)
          return {
            ok: false,
            retryable: false,
            error: `not_installed: no Slack installation for ${tenant.id}`,
          };
        channel = await openChannel(client, tenant, userId);
      } catch (error) {
        const failure = classifySlackError(error);
        deps.logger.warn({ tenant, user: userId, ...failure }, 'could not open a Slack DM');
        return { ok: false, ...failure };
      }
      return deps.poster.post({ tenant, id: channel }, reply, options);
    },
    async adminIds(tenant) {
      const cached = admins.get(tenantKey(tenant));
      if (cached && cached.until > now()) return cached.ids;
      const found = new Set(deps.adminUserIds);
      const client = await deps.clientFor(tenant);
      let cursor: string | undefined;
      for (let page = 0; client && page < MAX_PAGES; page++) {
        const answer = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
        for (const member of answer.members ?? []) {
          const admin = member.is_admin || member.is_owner || member.is_primary_owner;
          if (member.id && admin && !member.deleted && !member.is_bot && !member.is_restricted)
            found.add(member.id);
        }
        cursor = answer.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      const ids = [...found];
      admins.set(tenantKey(tenant), { ids, until: now() + ttl });
      return ids;
    },
  };
}
