import type { IndexState } from './index-state.ts';
import { tfBody, tfSummary, tfTitle } from './postings.ts';

const DAY = 86_400_000;

/** What BM25F needs per query, worked out once: the collection's average field lengths. */
export interface Bm25Context {
  state: IndexState;
  n: number;
  avgTitle: number;
  avgSummary: number;
  avgBody: number;
}

/** The averages of the index as it is now. */
export function bm25Context(state: IndexState): Bm25Context {
  const n = Math.max(1, state.liveCount);
  return {
    state,
    n,
    avgTitle: Math.max(1, state.totalTitle / n),
    avgSummary: Math.max(1, state.totalSummary / n),
    avgBody: Math.max(1, state.totalBody / n),
  };
}

/** Inverse document frequency of a term seen in `live` documents. */
export function idfOf(context: Bm25Context, live: number): number {
  const df = Math.min(live, context.n);
  return Math.log(1 + (context.n - df + 0.5) / (df + 0.5));
}

/**
 * BM25F of one posting from its field frequencies and its document's field lengths. Every scoring path
 * calls this one function, in the same order of operations, so the fast paths give bit-identical scores.
 */
export function fieldScore(
  context: Bm25Context,
  weightIdf: number,
  tt: number,
  ts: number,
  tb: number,
  titleLength: number,
  summaryLength: number,
  bodyLength: number,
): number {
  const { k1, title, summary, body } = context.state.ranking;
  let tf = 0;
  if (tb > 0) tf += (body.weight * tb) / (1 - body.b + (body.b * bodyLength) / context.avgBody);
  if (tt > 0) tf += (title.weight * tt) / (1 - title.b + (title.b * titleLength) / context.avgTitle);
  if (ts > 0)
    tf += (summary.weight * ts) / (1 - summary.b + (summary.b * summaryLength) / context.avgSummary);
  return (weightIdf * tf) / (k1 + tf);
}

/** BM25F of posting `packed` in document `doc`, times the expansion weight and idf. */
export function postingScore(context: Bm25Context, weightIdf: number, packed: number, doc: number): number {
  const state = context.state;
  return fieldScore(
    context,
    weightIdf,
    tfTitle(packed),
    tfSummary(packed),
    tfBody(packed),
    state.titleLength[doc]!,
    state.summaryLength[doc]!,
    state.bodyLength[doc]!,
  );
}

/** How much recency lifts a published time: 1 for old news, up to 1 + recencyBoost for brand-new. */
export function recencyAt(state: IndexState, published: number, nowMs: number): number {
  const { recencyBoost, recencyHalfLifeDays } = state.ranking;
  const age = Math.max(0, nowMs - published) / DAY;
  return 1 + recencyBoost * 2 ** (-age / recencyHalfLifeDays);
}

/** How much recency lifts a document; an undated one gets none (its fetch time is not its news time). */
export function recency(state: IndexState, doc: number, nowMs: number): number {
  if (state.dated[doc] !== 1) return 1;
  return recencyAt(state, state.published[doc]!, nowMs);
}
