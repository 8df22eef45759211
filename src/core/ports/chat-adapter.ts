import type { Reply } from '../reply.ts';
import type { Platform, Tenant } from '../tenant.ts';

/** A place a reply can be posted: a Slack channel, a Discord channel or the console. */
export interface ChannelRef {
  tenant: Tenant;
  id: string;
}

/** How a post went; expected failures are values so the digest job can decide what to retry. */
export type PostResult =
  | {
      ok: true;
      messageIds: string[];
      /**
       * Which message carries each story card of the reply (card id → message id), so an update can be
       * threaded under its card and a reaction on a message read as a vote on its stories.
       */
      storyMessages?: Record<string, string>;
    }
  | { ok: false; retryable: boolean; error: string };

/** How one post is made. */
export interface PostOptions {
  /**
   * Names the delivery, e.g. a digest's id. A post repeated with the same key in the same channel
   * (a retry, a restart, a second instance) posts only the messages that did not go out the first time.
   */
  key?: string;
  /**
   * Posts as a reply under an earlier message of the bot's in the same channel (its id from an earlier
   * `messageIds`): a Slack thread reply, a Discord message reply, an indented line in the console.
   * Updates to a story and changes to a followed item go here, never as a new top-level post.
   */
  threadOf?: string;
  /**
   * Pings a group with the post: a Slack user group (`<!subteam^ID>`) or a Discord role (`<@&ID>`, with
   * allowed_mentions naming that role only). Nobody else is ever pinged by a post.
   */
  mention?: GroupMention;
}

/** A group of people a post may ping: a Slack user group id (S…) or a Discord role id. */
export interface GroupMention {
  id: string;
  /** How people know it, e.g. `@policy-team`; shown where the platform cannot ping. */
  label?: string;
}

/** The port each chat platform implements (console, Slack, Discord). */
export interface ChatAdapter {
  readonly platform: Platform;
  /** Connects and starts answering commands. */
  start(): Promise<void>;
  /** Disconnects; safe to call twice. */
  stop(): Promise<void>;
  /** Posts a reply to a channel, split across messages in order when it is long; expected failures are values. */
  post(channel: ChannelRef, reply: Reply, options?: PostOptions): Promise<PostResult>;
  /**
   * Sends a reply to one person's direct messages (opening the conversation when needed). A channel id
   * made by `directChannelId(userId)` passed to `post` goes here too, so personal digests use `post`.
   */
  dm(tenant: Tenant, userId: string, reply: Reply, options?: PostOptions): Promise<PostResult>;
  /** The tenant's admins (workspace admins and owners, the guild's owner, ADMIN_USER_IDS): who alerts fall back to. */
  adminIds(tenant: Tenant): Promise<string[]>;
}

/** The prefix of a channel id that names a person's direct messages rather than a channel. */
const DIRECT = 'dm:';

/** The channel id of a person's direct messages with the bot, as subscriptions and `post` take it. */
export function directChannelId(userId: string): string {
  return `${DIRECT}${userId}`;
}

/** The person a direct-message channel id belongs to, or undefined for an ordinary channel. */
export function directUserOf(channelId: string): string | undefined {
  return channelId.startsWith(DIRECT) && channelId.length > DIRECT.length
    ? channelId.slice(DIRECT.length)
    : undefined;
}
