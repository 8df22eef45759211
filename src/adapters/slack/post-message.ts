import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelRef, PostResult } from '../../core/ports/chat-adapter.ts';
import type { Reply } from '../../core/reply.ts';
import type { Stores, TenantStore } from '../../core/store/ports.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import type { SlackMessage } from './block-kit.ts';
import { renderSlackMessages } from './render-blocks.ts';

/**
 * Slack errors that mean "try again later". Every other platform error is permanent: channel_not_found,
 * not_in_channel, is_archived, account_inactive, invalid_auth, token_revoked, missing_scope and the like
 * need a person to act, so the digest job should not retry them.
 */
const TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** The part of chat.postMessage the poster calls. */
export interface PostMessageClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: SlackMessage['blocks'];
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<{ ts?: string }>;
  };
}

/**
 * How long a posted digest message is remembered. Long enough for every retry of one delivery,
 * short enough that the next day's digest is never taken for a retry even if it came out
 * identical; the records then expire instead of piling up.
 */
export const POSTED_TTL_MS = 20 * 3600_000;

/** What the poster remembers about one posted message. */
const postedSchema = z.object({ channel: z.string(), ts: z.string(), postedAt: z.string() });

/** Dependencies of the poster. */
export interface SlackPosterDeps {
  stores: Stores;
  logger: Logger;
  /** The workspace's client, or undefined when the app is not installed there. */
  clientFor(tenant: Tenant): Promise<PostMessageClient | undefined>;
  now?: () => Date;
}

/** Posts replies to channels for the digest job: split in order, each message at most once. */
export interface SlackPoster {
  post(channel: ChannelRef, reply: Reply): Promise<PostResult>;
}

/**
 * Creates the ChatAdapter `post` for Slack. A digest's messages are remembered once posted, so a
 * retried delivery (after a crash, a timeout or a partial failure) posts only what is still missing.
 * Slack's 429s and 5xx are retried inside the WebClient; what fails after that comes back as a value.
 */
export function createSlackPoster(deps: SlackPosterDeps): SlackPoster {
  const posted: TenantStore<z.infer<typeof postedSchema>> = deps.stores.tenantStore('posts', postedSchema);
  const inFlight = new Map<string, Promise<string>>();
  const now = deps.now ?? (() => new Date());
  let prunedAt = Number.NEGATIVE_INFINITY;
  const pruneNowAndThen = async () => {
    if (now().getTime() - prunedAt < POSTED_TTL_MS) return;
    prunedAt = now().getTime();
    await posted.prune().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not prune posts'));
  };

  return {
    async post(channel, reply) {
      let client: PostMessageClient | undefined;
      try {
        client = await deps.clientFor(channel.tenant);
      } catch (error) {
        const failure = classifySlackError(error);
        deps.logger.warn({ tenant: channel.tenant, ...failure }, 'could not find the Slack token for a post');
        return { ok: false, ...failure };
      }
      if (!client) {
        return {
          ok: false,
          retryable: false,
          error: `not_installed: no Slack installation for ${channel.tenant.id}`,
        };
      }
      const messages = renderSlackMessages(reply);
      const ids: string[] = [];
      for (const [index, message] of messages.entries()) {
        const key = reply.kind === 'digest' ? messageKey(channel.id, index, message) : undefined;
        try {
          ids.push(
            key ? await postOnce(key, channel, client, message) : await send(client, channel.id, message),
          );
        } catch (error) {
          const failure = classifySlackError(error);
          deps.logger.warn(
            { tenant: channel.tenant, channel: channel.id, part: index + 1, of: messages.length, ...failure },
            'Slack post failed',
          );
          return { ok: false, ...failure };
        }
      }
      if (reply.kind === 'digest') await pruneNowAndThen();
      return { ok: true, messageIds: ids };
    },
  };

  async function postOnce(
    key: string,
    channel: ChannelRef,
    client: PostMessageClient,
    message: SlackMessage,
  ) {
    const running = inFlight.get(key);
    if (running) return running;
    const attempt = (async () => {
      const before = await posted.get(channel.tenant, key);
      if (before) {
        deps.logger.info(
          { tenant: channel.tenant, channel: channel.id, ts: before.ts },
          'already posted; skipped',
        );
        return before.ts;
      }
      const ts = await send(client, channel.id, message);
      await posted.put(
        channel.tenant,
        key,
        { channel: channel.id, ts, postedAt: now().toISOString() },
        { ttlMs: POSTED_TTL_MS },
      );
      return ts;
    })();
    inFlight.set(key, attempt);
    try {
      return await attempt;
    } finally {
      inFlight.delete(key);
    }
  }
}

async function send(client: PostMessageClient, channel: string, message: SlackMessage): Promise<string> {
  const result = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  return result.ts ?? '';
}

/** A message's idempotency key: the channel, its place in the reply and its exact content. */
function messageKey(channelId: string, index: number, message: SlackMessage): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([index, message]))
    .digest('hex')
    .slice(0, 32);
  return `${channelId}:${hash}`;
}

/** Sorts a failed Web API call into retry-later or give-up, keeping Slack's error code. */
export function classifySlackError(error: unknown): { retryable: boolean; error: string } {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; message?: string };
  if (e?.code === 'slack_webapi_platform_error') {
    const code = e.data?.error ?? 'unknown_error';
    return { retryable: TRANSIENT_ERRORS.has(code), error: code };
  }
  if (e?.code === 'slack_webapi_http_error') {
    const status = e.statusCode ?? 0;
    return { retryable: status >= 500 || status === 429, error: `http_${status}` };
  }
  if (e?.code === 'slack_webapi_rate_limited_error') return { retryable: true, error: 'ratelimited' };
  // Network failures, timeouts and exhausted 429 retries: the next run may well succeed.
  return { retryable: true, error: e?.message ? String(e.message).slice(0, 200) : 'request_failed' };
}
