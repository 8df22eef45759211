import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@redis/client';
import {
  type ClaimOutcome,
  type DeliveryLedger,
  type LedgerEntry,
  type LedgerState,
  MAX_ATTEMPTS,
  RETENTION_MS,
} from '../ports/delivery-ledger.ts';
import { safePrefix } from './store-prefix.ts';

/** Replaces a value only if it is still ours: the compare-and-set that ends a claim. */
const COMPLETE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

interface Stored {
  state: LedgerState;
  owner: string;
  token?: string;
  attempts: number;
  digestId?: string;
  late?: boolean;
}

/**
 * The ledger on Redis. A claim is `SET key NX PX lease`: the lease expires on the server's clock when its
 * process dies. Completion swaps the claim for a final value only while the claim is still ours (Lua).
 */
export async function createRedisLedger(options: {
  /** The backend's one connected client, shared with the keyv namespaces; its owner closes it. */
  client: RedisClientType;
  prefix?: string;
}): Promise<DeliveryLedger> {
  const client = options.client;
  const prefix = safePrefix(options.prefix);
  const entryKey = (key: string) => `${prefix}:digest-ledger:${key}`;
  const attemptsKey = (key: string) => `${prefix}:digest-ledger-attempts:${key}`;
  const claims = new Map<string, string>();
  let closed = false;

  const read = async (key: string): Promise<Stored | undefined> => {
    const raw = await client.get(entryKey(key));
    return raw ? (JSON.parse(raw) as Stored) : undefined;
  };

  return {
    backend: 'redis',
    async claim(key, owner, leaseMs): Promise<ClaimOutcome> {
      const token = randomUUID();
      const value = JSON.stringify({ state: 'claimed', owner, token, attempts: 0 } satisfies Stored);
      const set = await client.set(entryKey(key), value, {
        condition: 'NX',
        expiration: { type: 'PX', value: leaseMs },
      });
      if (set !== 'OK') {
        const current = await read(key);
        if (!current || current.state === 'claimed') return { status: 'held' };
        return { status: 'done', entry: toEntry(key, current) };
      }
      const attempts = await client.incr(attemptsKey(key));
      await client.pExpire(attemptsKey(key), RETENTION_MS);
      if (attempts > MAX_ATTEMPTS) {
        const failed: Stored = { state: 'failed', owner, attempts: attempts - 1 };
        await client.eval(COMPLETE_SCRIPT, {
          keys: [entryKey(key)],
          arguments: [value, JSON.stringify(failed), String(RETENTION_MS)],
        });
        return { status: 'exhausted', attempts: attempts - 1 };
      }
      claims.set(key, value);
      return { status: 'claimed', attempt: attempts };
    },
    async complete(key, owner, completion) {
      const claimed = claims.get(key);
      if (!claimed) return false;
      claims.delete(key);
      const attempts = Number(await client.get(attemptsKey(key))) || 1;
      const final: Stored = {
        state: completion.state,
        owner,
        attempts,
        ...(completion.digestId ? { digestId: completion.digestId } : {}),
        ...(completion.late === undefined ? {} : { late: completion.late }),
      };
      const swapped = await client.eval(COMPLETE_SCRIPT, {
        keys: [entryKey(key)],
        arguments: [claimed, JSON.stringify(final), String(RETENTION_MS)],
      });
      return Number(swapped) === 1;
    },
    async get(key) {
      const current = await read(key);
      return current ? toEntry(key, current) : undefined;
    },
    coordinator() {
      return {
        async shouldRun(key: string, ttlMs: number) {
          const set = await client.set(`${prefix}:digest-tick:${key}`, '1', {
            condition: 'NX',
            expiration: { type: 'PX', value: Math.max(ttlMs, 60_000) },
          });
          return set === 'OK';
        },
      };
    },
    async close() {
      // The client belongs to the backend, which closes it once every user is done.
      if (closed) return;
      closed = true;
    },
  };
}

function toEntry(key: string, stored: Stored): LedgerEntry {
  return {
    key,
    state: stored.state,
    owner: stored.owner,
    attempts: stored.attempts,
    ...(stored.digestId ? { digestId: stored.digestId } : {}),
    ...(stored.late === undefined ? {} : { late: stored.late }),
  };
}
