import type { Reply } from '../reply.ts';
import type { Platform, Tenant } from '../tenant.ts';

/** A place a reply can be posted: a Slack channel, a Discord channel or the console. */
export interface ChannelRef {
  tenant: Tenant;
  id: string;
}

/** How a post went; expected failures are values so the digest job can decide what to retry. */
export type PostResult =
  | { ok: true; messageIds: string[] }
  | { ok: false; retryable: boolean; error: string };

/** The port each chat platform implements (console, Slack, Discord). */
export interface ChatAdapter {
  readonly platform: Platform;
  /** Connects and starts answering commands. */
  start(): Promise<void>;
  /** Disconnects; safe to call twice. */
  stop(): Promise<void>;
  /** Posts a reply to a channel, split across messages in order when it is long. */
  post(channel: ChannelRef, reply: Reply): Promise<PostResult>;
}
