import type { Core } from './core.ts';
import type { IndexProgress } from './search/followed-index.ts';

/** Changes an index may trail the log by and still count as caught up (one read batch). */
export const READY_LAG = 500;

/** What GET /readyz answers: can this instance answer from an up-to-date index right now? */
export interface Readiness {
  ready: boolean;
  instance: string;
  store: { kind: string; reachable: boolean; downForMs?: number };
  /** The index's position in the change log; absent while the store cannot say what its head is. */
  index: Partial<Omit<IndexProgress, 'state'>> & {
    articles: number;
    state: IndexProgress['state'] | 'unknown';
  };
}

/** This instance's readiness: store reachable, index built, and its lag within READY_LAG. */
export async function readinessOf(core: Core, instance: string, storeKind: string): Promise<Readiness> {
  const reachable = await core.health.check();
  const downSince = core.health.downSince;
  let index: Readiness['index'] = { state: 'unknown', articles: core.index.size };
  if (reachable) index = await core.indexProgress().catch(() => index);
  const ready = reachable && index.state === 'ready' && (index.lag ?? Number.POSITIVE_INFINITY) <= READY_LAG;
  return {
    ready,
    instance,
    store: { kind: storeKind, reachable, ...(downSince ? { downForMs: Date.now() - downSince } : {}) },
    index,
  };
}
