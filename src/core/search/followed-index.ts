import type { Logger } from '../../logger.ts';
import { type Article, articleStamp } from '../article.ts';
import type { ArticleStore } from '../ports/article-store.ts';
import type { ArticleChange, ChangeLog } from '../ports/change-log.ts';
import {
  createSaver,
  openPersistentIndex,
  type PersistentIndex,
  type PersistentIndexDeps,
  type StartReport,
} from './index-persistence.ts';
import { SnapshotError } from './index-snapshot.ts';
import { createInvertedIndex, type InvertedIndex, loadInvertedIndex } from './inverted-index.ts';
import { readSnapshotFile } from './snapshot-file.ts';

/** Dependencies of an index that follows the store's change log. */
export interface FollowedIndexDeps extends PersistentIndexDeps {
  log: ChangeLog;
  /**
   * Without a usable snapshot: answer at once from an empty index and build it in the background (the
   * bot), or build it before returning (one-shot CLI verbs, which must see every article).
   */
  background?: boolean;
  /** How often the log is read even without a wake (a missed notification costs at most this). */
  pollMs?: number;
  /** How often the log is trimmed to its retention. */
  trimEveryMs?: number;
}

/** How far the index is behind the store, for /readyz, `status` and `/news` footers. */
export interface IndexProgress {
  /** warming: still building from the store, so answers may miss articles. */
  state: 'warming' | 'ready';
  /** The last change-log position applied. */
  sequence: number;
  head: number;
  lag: number;
  articles: number;
}

/** A saved index that follows every instance's writes through the change log. */
export interface FollowedIndex extends PersistentIndex {
  /** True until a brand-new (or fallen-behind) instance has built its index from the store. */
  readonly warming: boolean;
  progress(): Promise<IndexProgress>;
  /** Applies every change logged so far (tests and the status verb call it; the follower does on its own). */
  catchUp(): Promise<void>;
}

const READ_BATCH = 500;
// Articles per bulk add in a build that blocks (a CLI verb). Each bulk add repacks every posting list, so
// its cost grows with the index: small batches made a 100k-article build quadratic.
const BUILD_BATCH = 5_000;
// A background build adds one article at a time (appends, no repack) and yields once it has held the event
// loop this long, so commands and the change-log follower's reads run between slices (by batch count alone
// a slow batch held the loop for hundreds of ms, and a first /news waited minutes).
const BUILD_SLICE_MS = 20;
const LABEL = /^changelog:(.+)$/;

/** The snapshot stamp of a followed index: which log, and the last position applied. */
interface LogLabel {
  log: string;
  seq: number;
}

/**
 * Opens the search index and keeps it following the change log. With a durable log (Redis, PostgreSQL)
 * it loads this instance's snapshot and replays the changes after its position, or builds from the store;
 * with an in-process log (SQLite) the saved index is reconciled by its stamps, as before.
 */
export async function openFollowedIndex(deps: FollowedIndexDeps): Promise<FollowedIndex> {
  const { log } = deps;
  if (!log.durable) {
    const head = await log.head();
    const persistent = await openPersistentIndex(deps);
    return follow(persistent, head, deps, false);
  }
  const started = Date.now();
  const logId = await log.id();
  const head = await log.head();
  const loaded = await loadLabelled(deps, logId);
  const report = (mode: StartReport['mode'], index: InvertedIndex, reason?: string): StartReport => ({
    mode,
    ...(reason ? { reason } : {}),
    articles: index.size,
    reconciled: 0,
    ms: Date.now() - started,
    stampsMs: 0,
    loadMs: 0,
    indexMs: 0,
  });
  let position = loaded?.seq ?? head;
  const label = () => `changelog:${JSON.stringify({ log: logId, seq: position } satisfies LogLabel)}`;
  if (loaded) {
    const saver = createSaver(loaded.index, label, deps, report('loaded', loaded.index), false);
    const followed = follow(saver, loaded.seq, deps, false, (seq) => {
      position = seq;
    });
    // The tail since the save; a snapshot older than the trimmed log falls back to a build.
    await followed.catchUp();
    deps.logger.info({ ...(await followed.progress()), ms: Date.now() - started }, 'search index ready');
    return followed;
  }
  const index = createInvertedIndex(deps.options);
  const saver = createSaver(index, label, deps, report('rebuilt', index, 'no saved index'), false);
  const followed = follow(saver, head, deps, true, (seq) => {
    position = seq;
  });
  if (!deps.background) await followed.catchUp();
  return followed;
}

/** The saved index of this log, or undefined (logged) when there is none or it cannot be used. */
async function loadLabelled(
  deps: FollowedIndexDeps,
  logId: string,
): Promise<{ index: InvertedIndex; seq: number } | undefined> {
  if (!deps.snapshotPath) return undefined;
  try {
    const data = await readSnapshotFile(deps.snapshotPath);
    if (!data) return undefined;
    const { index, epoch } = loadInvertedIndex(data, deps.options);
    const label = parseLabel(epoch);
    if (label?.log === logId) return { index, seq: label.seq };
    deps.logger.warn({ path: deps.snapshotPath }, 'saved search index is of another store, rebuilding');
  } catch (error) {
    const reason = error instanceof SnapshotError ? error.message : String(error);
    deps.logger.warn({ path: deps.snapshotPath, reason }, 'saved search index unusable, rebuilding');
  }
  return undefined;
}

function parseLabel(epoch: string): LogLabel | undefined {
  const match = LABEL.exec(epoch);
  if (!match) return undefined;
  try {
    const value = JSON.parse(match[1]!) as Partial<LogLabel>;
    return typeof value.log === 'string' && Number.isSafeInteger(value.seq)
      ? { log: value.log, seq: value.seq! }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Follows the log from `from`: wakes on the log's notifications and on a timer, applies changes in order,
 * and rebuilds from the store when its position fell off the trimmed log (or it starts with none).
 */
function follow(
  persistent: PersistentIndex,
  from: number,
  deps: FollowedIndexDeps,
  mustBuild: boolean,
  onPosition: (seq: number) => void = () => undefined,
): FollowedIndex {
  const { log, articles, logger } = deps;
  const index = persistent.index;
  let sequence = from;
  let warming = mustBuild;
  let needsBuild = mustBuild;
  let closed = false;

  const applyBatch = async (changes: ArticleChange[]) => {
    if ((await applyChanges(index, articles, changes)) > 0) persistent.changed();
  };

  const build = async () => {
    // Changes logged while the build reads the store are replayed after it, from the head taken first.
    const start = await log.head();
    const built = await buildFromStore(index, articles, deps.background ?? false);
    sequence = start;
    onPosition(sequence);
    needsBuild = false;
    logger.info({ ...built, sequence }, 'search index built from the store');
    persistent.changed();
  };

  const pass = async () => {
    // A head behind our position: the log was wiped (a store restarted without its data); start over.
    if ((await log.head()) < sequence) {
      logger.warn({ sequence }, 'the change log restarted: rebuilding the search index');
      warming = true;
      needsBuild = true;
    }
    if (needsBuild) await build();
    for (;;) {
      const batch = await log.readAfter(sequence, READ_BATCH);
      if (batch.trimmed) {
        logger.warn({ sequence }, 'fell behind the trimmed change log: rebuilding the search index');
        warming = true;
        needsBuild = true;
        await build();
        continue;
      }
      if (batch.changes.length === 0) break;
      await applyBatch(batch.changes);
      sequence = batch.changes[batch.changes.length - 1]!.seq;
      onPosition(sequence);
    }
    warming = false;
  };

  const catchUp = createSingleFlight(pass, logger, () => closed);
  const quietly = () => void catchUp.run().catch(() => undefined);

  const stopWaking = wakeOn(log, deps, quietly);
  if (deps.background) quietly();

  return {
    ...persistent,
    get warming() {
      return warming;
    },
    progress: async () => progressOf(await log.head(), sequence, warming, index),
    catchUp: catchUp.run,
    async close() {
      closed = true;
      stopWaking();
      await catchUp.settled();
      await persistent.close();
    },
  };
}

/**
 * Applies a batch of logged changes: the last change per article wins, and a put whose stamp the index
 * already has (this instance's own write) is skipped. Returns how many articles the batch touched.
 */
async function applyChanges(index: InvertedIndex, articles: ArticleStore, changes: ArticleChange[]) {
  const last = new Map<string, ArticleChange>();
  for (const change of changes) last.set(change.id, change);
  const toRead: string[] = [];
  for (const change of last.values()) {
    if (change.op === 'delete') index.remove(change.id);
    else if (!change.stamp || index.stampOf(change.id) !== change.stamp) toRead.push(change.id);
  }
  const found = toRead.length > 0 ? await articles.getMany(toRead) : [];
  toRead.forEach((id, k) => {
    const article = found[k];
    if (article) index.add(article);
    else index.remove(id);
  });
  return last.size;
}

/**
 * Runs `pass` one at a time: a call while one runs asks for one more pass after it and shares its promise,
 * so a burst of wake-ups costs two passes, not one each.
 */
function createSingleFlight(pass: () => Promise<void>, logger: Logger, closed: () => boolean) {
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !closed());
        failures = 0;
      } catch (error) {
        // A store outage: the probe logs it; here only the first failure of a run, at debug.
        if (failures++ === 0) logger.debug({ err: error }, 'change log not readable; retrying');
        throw error;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  return { run, settled: async () => void (await running?.catch(() => undefined)) };
}

/** Wakes the follower on the log's notifications and on a timer, and trims the log; returns the stop. */
function wakeOn(log: ChangeLog, deps: FollowedIndexDeps, wake: () => void): () => void {
  const unsubscribe = log.subscribe(wake);
  const poll = setInterval(wake, deps.pollMs ?? 1_000);
  poll.unref();
  const trim = setInterval(() => void log.trim().catch(() => undefined), deps.trimEveryMs ?? 60_000);
  trim.unref();
  return () => {
    unsubscribe();
    clearInterval(poll);
    clearInterval(trim);
  };
}

/** Where the index stands against the log's head. */
function progressOf(head: number, sequence: number, warming: boolean, index: InvertedIndex): IndexProgress {
  return {
    state: warming ? 'warming' : 'ready',
    sequence,
    head,
    lag: Math.max(0, head - sequence),
    articles: index.size,
  };
}

/**
 * Brings the index in step with every stored article, in place: adds those it lacks or has an older
 * version of, drops those no longer stored. Yields between batches so commands are answered meanwhile.
 */
async function buildFromStore(
  index: InvertedIndex,
  articles: ArticleStore,
  background: boolean,
): Promise<{ articles: number; changed: number; removed: number; ms: number }> {
  const started = Date.now();
  const seen = new Set<string>();
  let batch: Article[] = [];
  let changed = 0;
  let sliceStart = performance.now();
  // setImmediate lets waiting I/O (a command's store reply, the follower's wake) run before the next slice.
  const yieldIfLong = async () => {
    if (performance.now() - sliceStart < BUILD_SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
  const flush = async () => {
    index.addAll(batch);
    changed += batch.length;
    batch = [];
    await yieldIfLong();
  };
  for await (const article of articles.all()) {
    seen.add(article.id);
    if (index.stampOf(article.id) === articleStamp(article)) continue;
    if (background) {
      index.add(article);
      changed++;
      await yieldIfLong();
    } else {
      batch.push(article);
      if (batch.length >= BUILD_BATCH) await flush();
    }
  }
  await flush();
  let removed = 0;
  for (const id of [...index.ids()]) {
    if (!seen.has(id)) {
      index.remove(id);
      removed++;
    }
  }
  return { articles: index.size, changed, removed, ms: Date.now() - started };
}
