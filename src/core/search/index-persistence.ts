import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import { type Article, articleStamp } from '../article.ts';
import type { ArticleStore } from '../ports/article-store.ts';
import { SnapshotError } from './index-snapshot.ts';
import {
  createInvertedIndex,
  type InvertedIndex,
  type InvertedIndexOptions,
  loadInvertedIndex,
} from './inverted-index.ts';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file.ts';

/** Dependencies of a saved index. */
export interface PersistentIndexDeps {
  articles: ArticleStore;
  /** Where to save the index; without one it is rebuilt from the store at every start. */
  snapshotPath?: string;
  logger: Logger;
  options?: InvertedIndexOptions;
  /** Quiet time after the last change before saving. */
  saveDelayMs?: number;
  /** Longest a change waits for a save while changes keep coming. */
  maxSaveDelayMs?: number;
  /** Wait before saving what start-up rebuilt or reconciled. */
  startSaveDelayMs?: number;
}

/** How the index came to be at start-up, for logs and benches. */
export interface StartReport {
  mode: 'loaded' | 'rebuilt';
  /** Why a saved index was not used, when it was not. */
  reason?: string;
  articles: number;
  /** Articles re-read from the store because they changed, appeared or vanished since the save. */
  reconciled: number;
  ms: number;
  /** Reading the stamps, reading and decoding the saved index (overlapped), then indexing or reconciling. */
  stampsMs: number;
  loadMs: number;
  indexMs: number;
}

/** An index that is saved beside the store and brought up to date at start-up. */
export interface PersistentIndex {
  index: InvertedIndex;
  report: StartReport;
  /** Notes a change; the index is saved once changes pause (debounced). */
  changed(): void;
  /** Saves now if anything changed since the last save (or a save is pending), and waits for it. */
  flush(): Promise<void>;
  /** Stops the timer and saves what is pending. */
  close(): Promise<void>;
}

const BATCH = 200;
// Articles per bulk add on a full rebuild: some 100 MB of text held at once, and few repacks of the postings.
const REBUILD_BATCH = 10_000;

/**
 * Opens the search index: loads the saved one and re-indexes only articles whose stamps changed since,
 * or, when there is none or it is unusable (damaged, other version, other store), rebuilds from the store.
 */
export async function openPersistentIndex(deps: PersistentIndexDeps): Promise<PersistentIndex> {
  const started = Date.now();
  const { articles, logger, snapshotPath } = deps;
  const timings = { stampsMs: 0, loadMs: 0, indexMs: 0 };
  // The stamps come from the store's own thread while the saved index is read and decoded here.
  const stampsRead = articles.stamps().then((stamps) => {
    timings.stampsMs = Date.now() - started;
    return stamps;
  });
  // Awaited below; this only keeps an early store failure from counting as an unhandled rejection meanwhile.
  stampsRead.catch(() => undefined);
  let loaded: { index: InvertedIndex; epoch: string } | undefined;
  let reason: string | undefined;
  if (snapshotPath) {
    try {
      const data = await readSnapshotFile(snapshotPath);
      if (!data) reason = 'no saved index yet';
      else loaded = loadInvertedIndex(data, deps.options);
    } catch (error) {
      reason = error instanceof SnapshotError ? error.message : String(error);
      logger.warn({ path: snapshotPath, reason }, 'saved search index unusable, rebuilding from the store');
    }
    timings.loadMs = Date.now() - started;
  } else reason = 'no place to save the index for this store';
  const stamps = await stampsRead;
  if (loaded && loaded.epoch !== stamps.epoch) {
    // Stamps were lost or belong to another store: they cannot say what changed since the save.
    reason = 'saved index does not match the store';
    logger.warn({ path: snapshotPath }, 'saved search index is of another store, rebuilding');
    loaded = undefined;
  }
  const indexing = Date.now();

  let index: InvertedIndex;
  let reconciled = 0;
  let epoch: string;
  let dirty: boolean;
  if (loaded) {
    index = loaded.index;
    epoch = loaded.epoch;
    reconciled = await reconcile(index, articles, stamps.stamps, epoch);
    dirty = reconciled > 0;
  } else {
    index = createInvertedIndex(deps.options);
    const fixes = new Map<string, string | undefined>();
    const seen = new Set<string>();
    // In batches: a bulk add is several times cheaper per article, and each batch repacks the postings once.
    let batch: Article[] = [];
    const flush = () => {
      index.addAll(batch);
      for (const article of batch) {
        seen.add(article.id);
        const stamp = index.stampOf(article.id);
        if (stamps.stamps.get(article.id) !== stamp) fixes.set(article.id, stamp);
      }
      batch = [];
    };
    for await (const article of articles.all()) {
      batch.push(article);
      if (batch.length >= REBUILD_BATCH) flush();
    }
    flush();
    for (const id of stamps.stamps.keys()) if (!seen.has(id)) fixes.set(id, undefined);
    epoch = stamps.epoch ?? randomUUID();
    if (fixes.size > 0 || !stamps.epoch) await articles.repairStamps(fixes, epoch);
    // An empty store has nothing worth saving; anything else is saved soon, so a restart skips this rebuild.
    dirty = index.size > 0;
  }
  const report: StartReport = {
    mode: loaded ? 'loaded' : 'rebuilt',
    ...(reason && !loaded ? { reason } : {}),
    articles: index.size,
    reconciled,
    ms: Date.now() - started,
    ...timings,
    indexMs: Date.now() - indexing,
  };
  logger.info(report, 'search index ready');
  return createSaver(index, epoch, deps, report, dirty);
}

/** Brings a loaded index in step with the store's stamps; returns how many articles it touched. */
async function reconcile(
  index: InvertedIndex,
  articles: ArticleStore,
  stamps: Map<string, string>,
  epoch: string,
): Promise<number> {
  let touched = 0;
  for (const id of [...index.ids()]) {
    if (!stamps.has(id)) {
      index.remove(id);
      touched++;
    }
  }
  const stale: string[] = [];
  for (const [id, stamp] of stamps) if (index.stampOf(id) !== stamp) stale.push(id);
  const fixes = new Map<string, string | undefined>();
  for (let i = 0; i < stale.length; i += BATCH) {
    const ids = stale.slice(i, i + BATCH);
    const found = await articles.getMany(ids);
    ids.forEach((id, k) => {
      const article = found[k];
      touched++;
      if (!article) {
        // A stamp outliving its article (the process died between the two deletes).
        index.remove(id);
        fixes.set(id, undefined);
        return;
      }
      index.add(article);
      const stamp = articleStamp(article);
      // A stamp written just before the process died, for an article write that never happened.
      if (stamp !== stamps.get(id)) fixes.set(id, stamp);
    });
  }
  if (fixes.size > 0) await articles.repairStamps(fixes, epoch);
  return touched;
}

/**
 * Saves `index` to `deps.snapshotPath` once changes pause (debounced, with a longest wait). `label` is
 * what the snapshot is stamped with, read at each capture: the stamp epoch, or the change-log position.
 */
export function createSaver(
  index: InvertedIndex,
  label: string | (() => string),
  deps: Pick<
    PersistentIndexDeps,
    'snapshotPath' | 'logger' | 'saveDelayMs' | 'maxSaveDelayMs' | 'startSaveDelayMs'
  >,
  report: StartReport,
  startDirty: boolean,
): PersistentIndex {
  const path = deps.snapshotPath;
  const delay = deps.saveDelayMs ?? 120_000;
  const maxDelay = deps.maxSaveDelayMs ?? 15 * 60_000;
  let dirty = startDirty;
  let firstChange = startDirty ? Date.now() : 0;
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> | undefined;
  let closed = false;

  const save = async (): Promise<void> => {
    if (!path) return;
    while (saving) await saving;
    if (!dirty) return;
    dirty = false;
    firstChange = 0;
    const started = Date.now();
    const snapshot = index.capture(typeof label === 'string' ? label : label());
    saving = writeSnapshotFile(path, snapshot)
      .then(() =>
        deps.logger.debug({ path, bytes: snapshot.bytes, ms: Date.now() - started }, 'search index saved'),
      )
      .catch((error: unknown) => {
        dirty = true;
        deps.logger.error({ err: error, path }, 'could not save the search index; it will be rebuilt');
      })
      .finally(() => {
        saving = undefined;
      });
    await saving;
  };

  const schedule = (after = delay) => {
    if (!path || closed) return;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(after, firstChange + maxDelay - Date.now()));
    timer = setTimeout(() => {
      timer = undefined;
      void save();
    }, wait);
    timer.unref();
  };
  if (startDirty) schedule(deps.startSaveDelayMs ?? 5_000);

  return {
    index,
    report,
    changed() {
      dirty = true;
      if (firstChange === 0) firstChange = Date.now();
      schedule();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await save();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await save();
    },
  };
}
