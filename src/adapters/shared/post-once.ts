import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChannelRef, PostOptions } from '../../core/ports/chat-adapter.ts';
import type { Stores } from '../../core/ports/stores.ts';
import type { TenantStore } from '../../core/ports/tenant-store.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../logger.ts';

/**
 * How long a posted message is remembered. Long enough for every retry of one delivery, short enough
 * that the next day's digest is never taken for a retry even if it came out identical; the records
 * then expire instead of piling up.
 */
export const POSTED_TTL_MS = 20 * 3600_000;

/**
 * What is remembered about one message: first the intent (written before the post is sent), then the
 * posted message's id. An intent with no id is a post whose outcome this bot never learnt.
 */
const postedSchema = z.object({
  channel: z.string(),
  ts: z.string().optional(),
  postedAt: z.string().optional(),
  intentAt: z.string().optional(),
});

/**
 * Asks the platform whether a message of an unfinished post arrived after all (posted since `since`);
 * its id when it did.
 */
export type FindPosted = (since: Date) => Promise<string | undefined>;

/** Dependencies of the post memory. */
export interface PostOnceDeps {
  stores: Stores;
  logger: Logger;
  now?: () => Date;
}

/** Remembers the messages a chat adapter posted, so a repeated delivery posts each message at most once. */
export interface PostOnce {
  /**
   * The record key of message `index` of a post, or undefined when the post is not remembered. A keyed
   * post is remembered by its key and the message's place; an unkeyed digest by its exact content, so
   * a caller that names no delivery still never posts the same digest twice; other replies are not.
   */
  keyOf(
    channel: ChannelRef,
    reply: Reply,
    index: number,
    message: unknown,
    options?: PostOptions,
  ): string | undefined;
  /**
   * Runs `send` unless a message with this key was posted already; either way, the message's id. With
   * `find`, an intent left by a post that died before its answer was recorded is looked up on the
   * platform first, and only a message the platform does not have is sent again.
   */
  send(
    channel: ChannelRef,
    key: string | undefined,
    send: () => Promise<string>,
    find?: FindPosted,
  ): Promise<string>;
  /** Drops expired records, at most once per TTL; never throws. */
  prune(): Promise<void>;
}

/** What the post memory's helpers share: the record store, the logger and the clock. */
interface PostMemory {
  posted: TenantStore<z.infer<typeof postedSchema>>;
  logger: Logger;
  now: () => Date;
}

/** Records that message `key` of `channel` was posted as `ts`. */
const recordPosted = (memory: PostMemory, channel: ChannelRef, key: string, ts: string) =>
  memory.posted.put(
    channel.tenant,
    key,
    { channel: channel.id, ts, postedAt: memory.now().toISOString() },
    { ttlMs: POSTED_TTL_MS },
  );

/** Sends one keyed message unless the store (or, after a crash, the platform) says it was posted already. */
async function sendRemembered(
  memory: PostMemory,
  channel: ChannelRef,
  key: string,
  send: () => Promise<string>,
  find: FindPosted | undefined,
): Promise<string> {
  const { posted, logger, now } = memory;
  const before = await posted.get(channel.tenant, key);
  if (before?.ts !== undefined) {
    logger.info({ tenant: channel.tenant, channel: channel.id, ts: before.ts }, 'already posted; skipped');
    return before.ts;
  }
  if (before?.intentAt && find) {
    // A post was under way when its process died: the platform may have accepted it.
    const found = await find(new Date(before.intentAt));
    if (found !== undefined) {
      logger.info(
        { tenant: channel.tenant, channel: channel.id, ts: found },
        'an interrupted post had arrived; recorded, not posted again',
      );
      await recordPosted(memory, channel, key, found);
      return found;
    }
  }
  // The intent goes to the store before the platform sees anything, so a crash in between is recoverable.
  await posted.put(
    channel.tenant,
    key,
    { channel: channel.id, intentAt: before?.intentAt ?? now().toISOString() },
    { ttlMs: POSTED_TTL_MS },
  );
  const ts = await send();
  await recordPosted(memory, channel, key, ts);
  return ts;
}

/** Creates the memory over the store's `posts` namespace, shared by every chat adapter. */
export function createPostOnce(deps: PostOnceDeps): PostOnce {
  const posted: TenantStore<z.infer<typeof postedSchema>> = deps.stores.tenantStore('posts', postedSchema);
  const inFlight = new Map<string, Promise<string>>();
  const now = deps.now ?? (() => new Date());
  const memory: PostMemory = { posted, logger: deps.logger, now };
  let prunedAt = Number.NEGATIVE_INFINITY;

  return {
    keyOf(channel, reply, index, message, options) {
      if (options?.key === undefined && reply.kind !== 'digest') return undefined;
      // The content form is what Slack's records were keyed by before keys existed: old records still match.
      const identity = options?.key === undefined ? [index, message] : ['key', options.key, index];
      const hash = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
      return `${channel.id}:${hash}`;
    },
    async send(channel, key, send, find) {
      if (key === undefined) return send();
      // Two deliveries racing in one process share one send; across processes the record decides.
      const flight = `${channel.tenant.platform}:${channel.tenant.id}:${key}`;
      const running = inFlight.get(flight);
      if (running) return running;
      const attempt = sendRemembered(memory, channel, key, send, find);
      inFlight.set(flight, attempt);
      try {
        return await attempt;
      } finally {
        inFlight.delete(flight);
      }
    },
    async prune() {
      if (now().getTime() - prunedAt < POSTED_TTL_MS) return;
      prunedAt = now().getTime();
      await posted
        .prune()
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not prune posts'));
    },
  };
}
