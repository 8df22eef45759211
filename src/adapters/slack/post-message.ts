import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelRef, PostOptions, PostResult } from '../../core/ports/chat-adapter.ts';
import type { Stores } from '../../core/ports/stores.ts';
import type { TenantStore } from '../../core/ports/tenant-store.ts';
import type { Reply } from '../../core/reply.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import type { PostOnce } from '../shared/post-once.ts';
import type { SlackMessage } from './block-kit.ts';
import { renderSlackMessages } from './render-blocks.ts';
import { canUpload, uploadReplyImage } from './upload-image.ts';

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
      thread_ts?: string;
    }): Promise<{ ts?: string }>;
  };
}

/** Dependencies of the poster. */
export interface SlackPosterDeps {
  logger: Logger;
  /** The memory of posted messages that makes a repeated delivery post nothing twice. */
  posted: PostOnce;
  /** The workspace's client, or undefined when the app is not installed there. */
  clientFor(tenant: Tenant): Promise<PostMessageClient | undefined>;
}

/** Posts replies to channels for the digest job: split in order, each message at most once. */
export interface SlackPoster {
  post(channel: ChannelRef, reply: Reply, options?: PostOptions): Promise<PostResult>;
}

/**
 * Creates the ChatAdapter `post` for Slack. A digest's messages are remembered once posted, so a
 * retried delivery (after a crash, a timeout or a partial failure) posts only what is still missing.
 * Slack's 429s and 5xx are retried inside the WebClient; what fails after that comes back as a value.
 */
export function createSlackPoster(deps: SlackPosterDeps): SlackPoster {
  return {
    async post(channel, reply, options) {
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
        const key = deps.posted.keyOf(channel, reply, index, message, options);
        try {
          ids.push(
            await deps.posted.send(channel, key, () => send(client, channel.id, message, options?.threadOf)),
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
      if (reply.kind === 'digest' && reply.image) {
        const image = reply.image;
        const key = deps.posted.keyOf(channel, reply, messages.length, { image: image.name }, options);
        // The picture adds to a digest already posted: a failed upload is logged, never a failed delivery.
        if (canUpload(client))
          await deps.posted
            .send(channel, key, () => uploadReplyImage(client, channel.id, image, options?.threadOf))
            .catch((error: unknown) =>
              deps.logger.warn(
                { tenant: channel.tenant, channel: channel.id, ...classifySlackError(error) },
                'Slack image upload failed; the digest went out without its chart',
              ),
            );
      }
      await deps.posted.prune();
      return { ok: true, messageIds: ids };
    },
  };
}

async function send(
  client: PostMessageClient,
  channel: string,
  message: SlackMessage,
  threadOf?: string,
): Promise<string> {
  const result = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(threadOf === undefined ? {} : { thread_ts: threadOf }),
  });
  return result.ts ?? '';
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
