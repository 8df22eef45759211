import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@redis/client';
import {
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
  const keys: RedisLedgerKeys = {
    client,
    entryKey: (key) => `${prefix}:digest-ledger:${key}`,
    attemptsKey: (key) => `${prefix}:digest-ledger-attempts:${key}`,
    claims: new Map<string, string>(),
  };
  let closed = false;

  return {
    backend: 'redis',
    claim: claimOnRedis(keys),
    complete: completeOnRedis(keys),
    async get(key) {
      const current = await readEntry(keys, key);
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

/** What the ledger's operations share: the client, the key names and this process's open claims. */
interface RedisLedgerKeys {
  client: RedisClientType;
  entryKey: (key: string) => string;
  attemptsKey: (key: string) => string;
  /** The value each claim of this process was stored with, so completion swaps only its own claim. */
  claims: Map<string, string>;
}

/** The stored entry of `key`, if any. */
async function readEntry(ledger: RedisLedgerKeys, key: string): Promise<Stored | undefined> {
  const raw = await ledger.client.get(ledger.entryKey(key));
  return raw ? (JSON.parse(raw) as Stored) : undefined;
}

/** The claim: `key` for `owner` for `leaseMs`, counting attempts; gives up as failed after MAX_ATTEMPTS. */
function claimOnRedis(ledger: RedisLedgerKeys): DeliveryLedger['claim'] {
  return async (key, owner, leaseMs) => {
    const { client, entryKey, attemptsKey } = ledger;
    const token = randomUUID();
    const value = JSON.stringify({ state: 'claimed', owner, token, attempts: 0 } satisfies Stored);
    const set = await client.set(entryKey(key), value, {
      condition: 'NX',
      expiration: { type: 'PX', value: leaseMs },
    });
    if (set !== 'OK') {
      const current = await readEntry(ledger, key);
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
    ledger.claims.set(key, value);
    return { status: 'claimed', attempt: attempts };
  };
}

/** The completion: swaps this process's claim on a key for its final state while the claim is ours. */
function completeOnRedis(ledger: RedisLedgerKeys): DeliveryLedger['complete'] {
  return async (key, owner, completion) => {
    const { client, entryKey, attemptsKey, claims } = ledger;
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
