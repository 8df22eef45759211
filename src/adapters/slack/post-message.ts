import type { ChannelRef, GroupMention, PostOptions, PostResult } from '../../core/ports/chat-adapter.ts';
import type { Reply } from '../../core/reply.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import type { PostOnce } from '../shared/post-once.ts';
import { storyMessagesOf } from '../shared/story-messages.ts';
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

/** The event type of the metadata every delivered message carries, so a recovery can find it. */
export const DELIVERY_EVENT = 'policywire_delivery';

/** Which delivery and which part of it a message is: its message metadata's payload. */
interface DeliveryPayload {
  key: string;
  part: number;
}

/** A message as conversations.history and conversations.replies list it. */
interface ListedMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** What the history lookups take. */
interface HistoryArgs {
  channel: string;
  oldest: string;
  include_all_metadata: boolean;
  limit: number;
}

/** The part of the Web API the poster calls: chat.postMessage, and the history lookups of a recovery. */
export interface PostMessageClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: SlackMessage['blocks'];
      unfurl_links: boolean;
      unfurl_media: boolean;
      thread_ts?: string;
      metadata?: { event_type: string; event_payload: { key: string; part: number } };
    }): Promise<{ ts?: string }>;
  };
  conversations: {
    history(args: HistoryArgs): Promise<{ messages?: ListedMessage[] }>;
    replies(args: HistoryArgs & { ts: string }): Promise<{ messages?: ListedMessage[] }>;
  };
}

/** How far before the recorded intent a recovery looks, for clock skew between us and Slack. */
const RECOVERY_SKEW_MS = 60_000;

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
        const payload = key === undefined ? undefined : { key: options?.key ?? key, part: index };
        const threadOf = options?.threadOf;
        try {
          ids.push(
            await deps.posted.send(
              channel,
              key,
              () =>
                send(
                  client,
                  channel.id,
                  withMention(message, index === 0 ? options?.mention : undefined),
                  threadOf,
                  payload,
                ),
              payload && ((since) => findDelivered(client, channel.id, payload, since, threadOf)),
            ),
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
      return { ok: true, messageIds: ids, storyMessages: storyMessagesOf(reply, messages, ids) };
    },
  };
}

/** A Slack user group mention: `<!subteam^S123>`; ids are checked so nothing else can be injected. */
export function slackGroupMention(mention: GroupMention): string | undefined {
  return /^S[A-Z0-9]{2,20}$/.test(mention.id) ? `<!subteam^${mention.id}>` : undefined;
}

/** The message with the group pinged in its text and first block; unchanged without a (valid) mention. */
function withMention(message: SlackMessage, mention: GroupMention | undefined): SlackMessage {
  const tag = mention ? slackGroupMention(mention) : undefined;
  if (!tag) return message;
  const blocks =
    message.blocks.length < 50
      ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: tag } }, ...message.blocks]
      : message.blocks;
  return { ...message, text: `${tag} ${message.text}`, blocks } as SlackMessage;
}

async function send(
  client: PostMessageClient,
  channel: string,
  message: SlackMessage,
  threadOf: string | undefined,
  payload: DeliveryPayload | undefined,
): Promise<string> {
  const result = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(threadOf === undefined ? {} : { thread_ts: threadOf }),
    ...(payload ? { metadata: { event_type: DELIVERY_EVENT, event_payload: payload } } : {}),
  });
  return result.ts ?? '';
}

/**
 * Looks for a message of this delivery and part that Slack accepted after `since`: the channel's history
 * (or the thread's replies) with metadata. The ts of the match, or undefined when Slack does not have it.
 */
async function findDelivered(
  client: PostMessageClient,
  channel: string,
  payload: DeliveryPayload,
  since: Date,
  threadOf: string | undefined,
): Promise<string | undefined> {
  const args: HistoryArgs = {
    channel,
    oldest: ((since.getTime() - RECOVERY_SKEW_MS) / 1000).toFixed(6),
    include_all_metadata: true,
    limit: 200,
  };
  let listed: { messages?: ListedMessage[] };
  try {
    listed =
      threadOf === undefined
        ? await client.conversations.history(args)
        : await client.conversations.replies({ ...args, ts: threadOf });
  } catch (error) {
    // Slack busy: fail this try, the delivery retries. No right to read history (an old install without
    // the scope): there is no way to know, so the post is sent, as before there was a recovery.
    if (classifySlackError(error).retryable) throw error;
    return undefined;
  }
  const match = (listed.messages ?? []).find(
    (m) =>
      m.metadata?.event_type === DELIVERY_EVENT &&
      m.metadata.event_payload?.key === payload.key &&
      Number(m.metadata.event_payload?.part) === payload.part,
  );
  return match?.ts;
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
