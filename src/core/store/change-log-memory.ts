import { randomUUID } from 'node:crypto';
import type { ArticleChange, ChangeLog } from '../ports/change-log.ts';

/**
 * The change log of a single-instance store (SQLite): changes of this process only, kept in memory. The
 * saved index there is brought in step by its article stamps at start, so positions need not outlive it.
 */
export function createMemoryChangeLog(retention = 10_000): ChangeLog {
  const id = randomUUID();
  let changes: ArticleChange[] = [];
  let head = 0;
  let trimmedThrough = 0;
  const listeners = new Set<() => void>();
  return {
    kind: 'memory',
    durable: false,
    id: async () => id,
    async append(change) {
      head++;
      changes.push({ ...change, seq: head });
      if (changes.length > retention * 2) await this.trim();
      for (const listener of listeners) queueMicrotask(listener);
      return head;
    },
    head: async () => head,
    async readAfter(seq, limit) {
      if (seq < trimmedThrough) return { trimmed: true };
      const start = changes.findIndex((change) => change.seq > seq);
      return { trimmed: false, changes: start < 0 ? [] : changes.slice(start, start + limit) };
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    async trim() {
      const drop = Math.max(0, changes.length - retention);
      if (drop > 0) trimmedThrough = changes[drop - 1]!.seq;
      changes = changes.slice(drop);
      return drop;
    },
    async close() {
      listeners.clear();
    },
  };
}
