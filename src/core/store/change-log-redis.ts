import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@redis/client';
import type { Logger } from '../../logger.ts';
import type { ArticleChange, ChangeBatch, ChangeLog } from '../ports/change-log.ts';

/** Options of the Redis change log. */
export interface RedisChangeLogOptions {
  /** The backend's one client: appends and reads go through it. */
  client: RedisClientType;
  prefix: string;
  /** Changes kept (approximately: MAXLEN ~); an instance further behind rebuilds. */
  retention: number;
  logger?: Logger;
}

// INCR then XADD with that number as the entry id, atomically: positions are 1, 2, 3… with no gaps, so
// "the first kept entry is past seq+1" means "trimmed", and lag is a plain difference.
const APPEND = `
local n = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], n .. '-0', 'op', ARGV[1], 'id', ARGV[2], 'stamp', ARGV[3])
return n`;

/** The keys of a prefix's change log: the position counter, the stream and the log's id. */
export function redisChangeKeys(prefix: string) {
  return {
    counter: `${prefix}:article_changes:seq`,
    stream: `${prefix}:article_changes`,
    id: `${prefix}:article_changes:id`,
  };
}

/**
 * The change log as a Redis Stream. Waking uses XREAD BLOCK, which holds its connection for the whole
 * wait, so it runs on a connection of its own (a duplicate of the client, with its own 'error' listener).
 */
export function createRedisChangeLog(options: RedisChangeLogOptions): ChangeLog {
  const { client, prefix } = options;
  const { counter: counterKey, stream: streamKey, id: idKey } = redisChangeKeys(prefix);
  const stops: (() => Promise<void>)[] = [];

  const toChange = (entry: { id: string; message: Record<string, string> }): ArticleChange => {
    const { op, id, stamp } = entry.message;
    return {
      seq: Number(entry.id.split('-')[0]),
      op: op === 'delete' ? 'delete' : 'put',
      id: id ?? '',
      ...(stamp ? { stamp } : {}),
    };
  };

  return {
    kind: 'redis',
    durable: true,
    async id() {
      await client.set(idKey, randomUUID(), { condition: 'NX' });
      return String(await client.get(idKey));
    },
    async append(change) {
      const n = await client.eval(APPEND, {
        keys: [counterKey, streamKey],
        arguments: [change.op, change.id, change.stamp ?? '', String(options.retention)],
      });
      return Number(n);
    },
    async head() {
      return Number((await client.get(counterKey)) ?? 0);
    },
    async readAfter(seq, limit): Promise<ChangeBatch> {
      const entries = await client.xRange(streamKey, `(${seq}-0`, '+', { COUNT: limit });
      const changes = entries.map((entry) =>
        toChange(entry as { id: string; message: Record<string, string> }),
      );
      const first = changes[0]?.seq;
      if (first !== undefined) return first > seq + 1 ? { trimmed: true } : { trimmed: false, changes };
      // Nothing after seq: fine when seq is the head, a gap when the stream lost entries past it.
      const head = Number((await client.get(counterKey)) ?? 0);
      return head > seq ? { trimmed: true } : { trimmed: false, changes: [] };
    },
    subscribe(onChange) {
      const stop = startWaking(client, streamKey, counterKey, onChange, options.logger);
      stops.push(stop);
      return () => void stop();
    },
    async trim() {
      return Number(await client.xTrim(streamKey, 'MAXLEN', options.retention, { strategyModifier: '~' }));
    },
    async close() {
      await Promise.all(stops.splice(0).map((stop) => stop()));
    },
  };
}

/** Blocks on XREAD on a duplicate connection and calls `onChange` whenever entries arrive. */
function startWaking(
  client: RedisClientType,
  streamKey: string,
  counterKey: string,
  onChange: () => void,
  logger?: Logger,
): () => Promise<void> {
  const waker = client.duplicate() as RedisClientType;
  let stopped = false;
  let warned = false;
  // The main client's listener reports outages; this one only keeps a lost connection from throwing.
  waker.on('error', (error: unknown) => {
    if (!warned) logger?.debug({ err: { message: (error as Error)?.message } }, 'change-log waker lost');
    warned = true;
  });
  const loop = async () => {
    let last: string | undefined;
    let connected = false;
    while (!stopped) {
      try {
        // Connect once; after that the client reconnects by itself and queues the commands meanwhile.
        if (!connected) {
          await waker.connect();
          connected = true;
        }
        last ??= `${Number((await waker.get(counterKey)) ?? 0)}-0`;
        const reply = (await waker.xRead({ key: streamKey, id: last }, { BLOCK: 5_000, COUNT: 100 })) as
          | { messages: { id: string }[] }[]
          | null;
        const messages = reply?.[0]?.messages ?? [];
        const newest = messages[messages.length - 1];
        if (newest) {
          last = newest.id;
          onChange();
        }
        warned = false;
      } catch {
        if (stopped) return;
        // Reconnected: changes may have been missed while away, so the follower re-reads from its position.
        last = undefined;
        onChange();
        await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
      }
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    // destroy, not quit: a quit would wait behind the blocking XREAD. It throws when already closed.
    try {
      waker.destroy();
    } catch {}
    await running.catch(() => undefined);
  };
}
