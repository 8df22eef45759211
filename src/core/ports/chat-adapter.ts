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
}
