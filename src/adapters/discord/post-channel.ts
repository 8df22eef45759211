import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, type REST, Routes } from 'discord.js';
import type { ChannelRef, GroupMention, PostOptions, PostResult } from '../../core/ports/chat-adapter.ts';
import type { Reply } from '../../core/reply.ts';
import { truncate } from '../../core/text/truncate.ts';
import type { PostOnce } from '../shared/post-once.ts';
import { storyMessagesOf } from '../shared/story-messages.ts';
import { DISCORD_LIMITS } from './limits.ts';
import { postImage } from './post-image.ts';
import { type DiscordMessage, renderReply } from './render-embeds.ts';

/** Discord errors that no retry can fix: the bot was removed from the channel or lost its rights. */
export const PERMANENT_ERRORS: Readonly<Record<number, string>> = {
  10003: 'Unknown Channel',
  50001: 'Missing Access',
  50013: 'Missing Permissions',
};

/** A failed post with what the digest job needs to mark the subscription and tell the guild's admins. */
export interface DiscordPostFailure {
  ok: false;
  retryable: boolean;
  /** A sentence for the guild's admins: what failed and how to fix it. */
  error: string;
  /** Discord's JSON error code (50013…) or the HTTP status when there was none. */
  code?: number;
  status?: number;
  guildId: string;
  channelId: string;
  /** Messages of this reply that were already posted; a retry re-sends them with the same nonce. */
  postedMessageIds: string[];
}

/** The outcome of a Discord post: PostResult, with details on failure. */
export type DiscordPostResult = Extract<PostResult, { ok: true }> | DiscordPostFailure;

/**
 * Posts a reply to a channel over REST, message by message in order. @discordjs/rest waits out 429s
 * and retries 5xx. A digest's or keyed post's messages are remembered once posted, so a repeated
 * delivery posts only what is missing; and each message carries a nonce derived from its content with
 * enforce_nonce, so a retry after a lost answer, within Discord's nonce window, returns the earlier
 * message instead of a duplicate.
 */
export async function postToChannel(
  rest: REST,
  memory: PostOnce,
  channel: ChannelRef,
  reply: Reply,
  options?: PostOptions,
  onImageError?: (failure: DiscordPostFailure) => void,
): Promise<DiscordPostResult> {
  const posted: string[] = [];
  const messages = renderReply(reply);
  for (const [index, message] of messages.entries()) {
    try {
      const key = memory.keyOf(channel, reply, index, message, options);
      const nonce = nonceFor(channel, messages, index, options?.key);
      const id = await memory.send(
        channel,
        key,
        async () => {
          const created = (await rest.post(Routes.channelMessages(channel.id), {
            body: toBody(message, nonce, options?.threadOf, index === 0 ? options?.mention : undefined),
          })) as { id: string };
          return created.id;
        },
        (since) => findPosted(rest, channel.id, message, nonce, since),
      );
      posted.push(id);
    } catch (error) {
      return describeFailure(error, channel, posted);
    }
  }
  if (reply.kind === 'digest' && reply.image) {
    const image = reply.image;
    const key = memory.keyOf(channel, reply, messages.length, { image: image.name }, options);
    // The picture adds to a digest already posted: a failed upload goes to `onImageError`, never fails it.
    await memory
      .send(channel, key, () => postImage(rest, channel.id, image, options?.threadOf))
      .catch((error: unknown) => onImageError?.(describeFailure(error, channel, posted)));
  }
  await memory.prune();
  return { ok: true, messageIds: posted, storyMessages: storyMessagesOf(reply, messages, posted) };
}

/** Classifies a REST error: permanent (access, permissions, unknown channel, bad request) or worth retrying. */
export function describeFailure(error: unknown, channel: ChannelRef, posted: string[]): DiscordPostFailure {
  const base = {
    ok: false as const,
    guildId: channel.tenant.id,
    channelId: channel.id,
    postedMessageIds: posted,
  };
  const where = `channel ${channel.id} of server ${channel.tenant.id}`;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    const known = code === undefined ? undefined : PERMANENT_ERRORS[code];
    if (known) {
      const fix =
        code === 10003
          ? 'The channel no longer exists: subscribe another channel.'
          : 'Give Policy Wire the View Channel, Send Messages and Embed Links permissions there.';
      return {
        ...base,
        retryable: false,
        code,
        status: error.status,
        error: `${known} (${code}) in ${where}. ${fix}`,
      };
    }
    // Other 4xx answers mean the request itself is wrong or the token is gone: resending cannot help.
    return {
      ...base,
      retryable: error.status >= 500,
      ...(code === undefined ? {} : { code }),
      status: error.status,
      error: `Discord refused the post to ${where}: ${error.message} (HTTP ${error.status}).`,
    };
  }
  if (error instanceof HTTPError) {
    return {
      ...base,
      retryable: true,
      status: error.status,
      error: `Discord failed with HTTP ${error.status} posting to ${where}.`,
    };
  }
  if (error instanceof RateLimitError) {
    return { ...base, retryable: true, status: 429, error: `Rate limited posting to ${where}.` };
  }
  return {
    ...base,
    retryable: true,
    error: `Could not reach Discord posting to ${where}: ${(error as Error)?.message ?? String(error)}.`,
  };
}

/** A message as GET /channels/{id}/messages lists it: the fields a recovery compares. */
interface ListedMessage {
  id: string;
  timestamp?: string;
  nonce?: string | number;
  content?: string;
  embeds?: { title?: string; description?: string }[];
  author?: { bot?: boolean };
}

/** How far before the recorded intent a recovery looks, for clock skew between us and Discord. */
const RECOVERY_SKEW_MS = 60_000;

/**
 * What identifies a message of a delivery: the first line of its text (the header) and its embeds' titles.
 * Descriptions and footer lines are left out: a digest rendered again minutes later may word them
 * differently (lateness, source health).
 */
function fingerprint(message: { content?: string; embeds?: { title?: string }[] }) {
  const header = (message.content ?? '').split('\n')[0] ?? '';
  return JSON.stringify([header, (message.embeds ?? []).map((embed) => embed.title ?? '')]);
}

/**
 * Whether the channel already shows this message of an interrupted post: among its 50 newest messages,
 * one of the bot's since the intent with the same nonce (where Discord returns it) or the same header
 * line and embed titles.
 * enforce_nonce covers a retry within Discord's nonce window; this covers a restart long after it.
 */
async function findPosted(
  rest: REST,
  channelId: string,
  message: DiscordMessage,
  nonce: string,
  since: Date,
): Promise<string | undefined> {
  let listed: ListedMessage[];
  try {
    listed = (await rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ limit: '50' }),
    })) as ListedMessage[];
  } catch (error) {
    // No Read Message History right: there is no way to know, so the post goes out as it did before.
    if (error instanceof DiscordAPIError && error.status === 403) return undefined;
    throw error;
  }
  const wanted = fingerprint(message);
  const after = since.getTime() - RECOVERY_SKEW_MS;
  const match = listed.find(
    (m) =>
      m.author?.bot !== false &&
      Date.parse(m.timestamp ?? '') >= after &&
      (String(m.nonce ?? '') === nonce || fingerprint(m) === wanted),
  );
  return match?.id;
}

/** A role id as Discord writes it; checked so a mention can never be anything but that one role. */
const ROLE_ID = /^\d{15,22}$/;

function toBody(message: DiscordMessage, nonce: string, threadOf?: string, mention?: GroupMention) {
  const role = mention && ROLE_ID.test(mention.id) ? mention.id : undefined;
  // The ping goes first and the rest is cut to fit, so a full message cannot lose its mention or break the limit.
  const content = role
    ? truncate(
        `<@&${role}>${message.content === undefined ? '' : ` ${message.content}`}`,
        DISCORD_LIMITS.content,
      )
    : message.content;
  return {
    ...(content === undefined ? {} : { content }),
    // A reply that still posts if the card was deleted: the update matters more than the link.
    ...(threadOf === undefined
      ? {}
      : { message_reference: { message_id: threadOf, fail_if_not_exists: false } }),
    embeds: message.embeds,
    // Only the named role is ever pinged: no @everyone, no users, no other role in the text.
    allowed_mentions: role ? { parse: [], roles: [role] } : { parse: [] },
    nonce,
    enforce_nonce: true,
  };
}

/**
 * Discord nonces are at most 25 characters. The same part of the same delivery in the same channel
 * gets the same one: named by the post's key when it has one (so an identical digest on another day is
 * a new message), else by the content.
 */
function nonceFor(channel: ChannelRef, messages: DiscordMessage[], index: number, key?: string): string {
  const identity = key === undefined ? JSON.stringify(messages[index]) : `key:${key}`;
  return createHash('sha256')
    .update(`${channel.id}\n${index}/${messages.length}\n${identity}`)
    .digest('base64url')
    .slice(0, 25);
}
