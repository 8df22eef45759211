import { type Bm25Context, fieldScore, recencyAt } from './bm25.ts';
import type { IndexState } from './index-state.ts';
import { type PostingList, tfBody, tfSummary, tfTitle } from './postings.ts';

/** Postings per block: small enough to skip finely, large enough that bounds cost little memory. */
export const BLOCK = 128;

/**
 * Per block of a posting list, what no posting in it exceeds: the highest frequency per field, the
 * shortest field lengths and the newest dated publication. Together they bound any posting's BM25F and
 * recency lift in the block, whatever the collection averages are at query time, so a search can pass
 * over a block that cannot reach its top k without scoring it (block-max, as in block-max WAND).
 */
export interface BlockBounds {
  /** Postings covered; blocks past it are computed on the next use. */
  covered: number;
  maxTf: Uint32Array;
  minLength: Uint32Array;
  newest: Float64Array;
}

// Lists change only by appends (new documents get higher numbers) and compaction, which drops the bounds.
const boundsOf = new WeakMap<PostingList, BlockBounds>();

/** Forgets a list's bounds after its postings were rewritten (compaction). */
export function dropBlockBounds(list: PostingList): void {
  boundsOf.delete(list);
}

/** The list's block bounds, brought up to date with postings appended since the last use. */
export function blockBounds(state: IndexState, list: PostingList): BlockBounds {
  const blocks = Math.ceil(list.length / BLOCK);
  let bounds = boundsOf.get(list);
  if (bounds?.covered === list.length) return bounds;
  if (!bounds || bounds.newest.length < blocks) {
    const size = Math.max(blocks, Math.ceil(blocks * 1.25));
    const next: BlockBounds = {
      covered: 0,
      maxTf: new Uint32Array(size * 3),
      minLength: new Uint32Array(size * 3),
      newest: new Float64Array(size),
    };
    if (bounds) {
      next.maxTf.set(bounds.maxTf);
      next.minLength.set(bounds.minLength);
      next.newest.set(bounds.newest);
      next.covered = bounds.covered;
    }
    bounds = next;
    boundsOf.set(list, bounds);
  }
  // Recompute from the last partial block on: full blocks never change.
  const first = Math.floor(bounds.covered / BLOCK);
  for (let block = first; block < blocks; block++) {
    let tt = 0;
    let ts = 0;
    let tb = 0;
    let lt = 0xffffffff;
    let ls = 0xffffffff;
    let lb = 0xffffffff;
    let newest = Number.NEGATIVE_INFINITY;
    const end = Math.min(list.length, (block + 1) * BLOCK);
    for (let i = block * BLOCK; i < end; i++) {
      const packed = list.tfs[i]!;
      const doc = list.docs[i]!;
      tt = Math.max(tt, tfTitle(packed));
      ts = Math.max(ts, tfSummary(packed));
      tb = Math.max(tb, tfBody(packed));
      lt = Math.min(lt, state.titleLength[doc]!);
      ls = Math.min(ls, state.summaryLength[doc]!);
      lb = Math.min(lb, state.bodyLength[doc]!);
      if (state.dated[doc] === 1) newest = Math.max(newest, state.published[doc]!);
    }
    bounds.maxTf[block * 3] = tt;
    bounds.maxTf[block * 3 + 1] = ts;
    bounds.maxTf[block * 3 + 2] = tb;
    bounds.minLength[block * 3] = lt;
    bounds.minLength[block * 3 + 1] = ls;
    bounds.minLength[block * 3 + 2] = lb;
    bounds.newest[block] = newest;
  }
  bounds.covered = list.length;
  return bounds;
}

/** No posting in the block scores above this (BM25F times `weightIdf`, before recency). */
export function blockScoreBound(
  context: Bm25Context,
  bounds: BlockBounds,
  block: number,
  weightIdf: number,
): number {
  const at = block * 3;
  return fieldScore(
    context,
    weightIdf,
    bounds.maxTf[at]!,
    bounds.maxTf[at + 1]!,
    bounds.maxTf[at + 2]!,
    bounds.minLength[at]!,
    bounds.minLength[at + 1]!,
    bounds.minLength[at + 2]!,
  );
}

/** No document in the block gets a larger recency lift than this. */
export function blockRecencyBound(
  state: IndexState,
  bounds: BlockBounds,
  block: number,
  nowMs: number,
): number {
  const newest = bounds.newest[block]!;
  return newest === Number.NEGATIVE_INFINITY ? 1 : recencyAt(state, newest, nowMs);
}
