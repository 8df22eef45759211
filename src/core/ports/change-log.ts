/** One write to the article store, as the change log records it. */
export interface ArticleChange {
  /** Position in the log: strictly increasing, never reused for the life of the log. */
  seq: number;
  op: 'put' | 'delete';
  id: string;
  /** The article's search stamp after a put: an instance whose index already has it skips the read. */
  stamp?: string;
}

/** What `readAfter` found: the next changes, or that the asked position fell off the trimmed log. */
export type ChangeBatch = { trimmed: false; changes: ArticleChange[] } | { trimmed: true };

/**
 * The article change log: every put and delete on the article store, from any process, in one order, so
 * every instance's search index can follow the store and catch up after a disconnect or restart.
 */
export interface ChangeLog {
  /** Where the log lives: 'redis' (a stream), 'postgres' (a table) or 'memory' (this process only). */
  readonly kind: 'redis' | 'postgres' | 'memory';
  /** False for an in-process log: its positions mean nothing to the next process. */
  readonly durable: boolean;
  /** Names this log; a snapshot stamped by another log (store wiped, other prefix) is not trusted. */
  id(): Promise<string>;
  /** Records one change after the write it describes; resolves with its position. */
  append(change: Omit<ArticleChange, 'seq'>): Promise<number>;
  /** The latest position (0 for an empty log). */
  head(): Promise<number>;
  /** Up to `limit` changes after `seq`, oldest first; trimmed when some changes after `seq` are gone. */
  readAfter(seq: number, limit: number): Promise<ChangeBatch>;
  /**
   * Calls `onChange` soon after any process appends (a blocking XREAD or LISTEN on a connection of its
   * own); a wake may be spurious or coalesce several appends. Returns the unsubscribe.
   */
  subscribe(onChange: () => void): () => void;
  /** Drops changes older than the retention; returns how many it dropped. */
  trim(): Promise<number>;
  /** Stops listening; the shared connection is the backend's to close. */
  close(): Promise<void>;
}
