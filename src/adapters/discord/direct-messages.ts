import { type REST, Routes } from 'discord.js';
import type { ChatAdapter, PostResult } from '../../core/ports/chat-adapter.ts';
import { type Tenant, tenantKey } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import type { PostOnce } from '../shared/post-once.ts';
import { describeFailure, postToChannel } from './post-channel.ts';

/** A Discord id: a snowflake of digits. */
const SNOWFLAKE = /^\d{15,22}$/;

/** What Discord's direct messages are built from: the adapter's REST client and post memory. */
export interface DiscordDirectMessagesDeps {
  rest(): REST;
  posted: PostOnce;
  logger: Logger;
  /** ADMIN_USER_IDS: admins in every guild. */
  adminUserIds: readonly string[];
}

/**
 * `dm` and `adminIds` of the Discord ChatAdapter. POST /users/@me/channels opens (or finds) the DM
 * channel, which is then posted to like a guild channel; no extra intent is needed to send. The
 * guild's owner (GET /guilds/{id}) and ADMIN_USER_IDS are its admins for alerts.
 */
export function createDiscordDirectMessages(
  deps: DiscordDirectMessagesDeps,
): Pick<ChatAdapter, 'dm' | 'adminIds'> {
  const channels = new Map<string, string>();
  return {
    async dm(tenant, userId, reply, options): Promise<PostResult> {
      if (!SNOWFLAKE.test(userId))
        return { ok: false, retryable: false, error: `${userId.slice(0, 40)} is not a Discord user id` };
      let channelId = channels.get(userId);
      if (!channelId) {
        try {
          const opened = (await deps
            .rest()
            .post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
            id?: string;
          };
          if (!opened.id) return { ok: false, retryable: true, error: 'Discord opened no DM channel' };
          channelId = opened.id;
          if (channels.size > 10_000) channels.clear();
          channels.set(userId, channelId);
        } catch (error) {
          const failure = describeFailure(error, { tenant, id: `DM with ${userId}` }, []);
          deps.logger.warn(
            { tenant: tenantKey(tenant), user: userId, error: failure.error },
            'could not open a DM',
          );
          return { ok: false, retryable: failure.retryable, error: failure.error };
        }
      }
      const result = await postToChannel(deps.rest(), deps.posted, { tenant, id: channelId }, reply, options);
      return result.ok ? result : { ok: false, retryable: result.retryable, error: result.error };
    },
    async adminIds(tenant: Tenant) {
      const ids = new Set(deps.adminUserIds);
      if (SNOWFLAKE.test(tenant.id)) {
        const guild = (await deps.rest().get(Routes.guild(tenant.id))) as { owner_id?: string };
        if (guild.owner_id && SNOWFLAKE.test(guild.owner_id)) ids.add(guild.owner_id);
      }
      return [...ids];
    },
  };
}
