import type { ChannelRef, ChatAdapter, PostOptions, PostResult } from '../src/core/ports/chat-adapter.ts';
import type { Reply } from '../src/core/reply.ts';

/** How often and how patiently a post is retried after a transient failure. */
export interface RetryPolicy {
  /** Posts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Four tries over about half a minute: a blip or a rate limit passes, an outage does not hold the batch. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 30_000 };

/** The outcome of a delivery, with how many posts it took. */
export type DeliveryResult =
  | (PostResult & { ok: true; tries: number })
  | { ok: false; error: string; tries: number; retryable: boolean };

/** The delay before retry `n` (1-based): base · 4^(n-1), capped. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 4 ** (retry - 1));
}

/**
 * Posts a reply, retrying transient failures with exponential backoff. A permanent failure (no such
 * channel, no access) or the last failed try ends it; an adapter that throws counts as transient.
 * Every try carries the same key, so a try whose answer was lost posts nothing twice.
 */
export async function postWithRetry(
  adapter: ChatAdapter,
  channel: ChannelRef,
  reply: Reply,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  postOptions: PostOptions = {},
): Promise<DeliveryResult> {
  let last: { error: string; retryable: boolean } = { error: 'not attempted', retryable: true };
  for (let tries = 1; tries <= Math.max(1, policy.attempts); tries++) {
    let result: PostResult;
    try {
      result = await adapter.post(channel, reply, postOptions);
    } catch (error) {
      result = { ok: false, retryable: true, error: (error as Error)?.message ?? String(error) };
    }
    if (result.ok) return { ...result, tries };
    last = { error: result.error, retryable: result.retryable };
    if (!result.retryable) return { ok: false, error: result.error, tries, retryable: false };
    if (tries < policy.attempts) await sleep(backoffDelay(policy, tries));
  }
  return { ok: false, error: last.error, tries: Math.max(1, policy.attempts), retryable: last.retryable };
}
