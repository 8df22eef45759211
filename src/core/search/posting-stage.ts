import { encodePosting, type PostingList } from './postings.ts';

/**
 * Postings of many articles gathered in a few big flat buffers, then moved into their term lists in one
 * pass per batch: each list is reallocated once per batch at its exact new size, instead of growing
 * step by step per article. Bulk adds (start-up, import, rebuild) spend most of their time and garbage
 * on that growth otherwise: hundreds of thousands of small typed arrays, each an external allocation.
 */
export interface PostingStage {
  /** Stages one posting; same arguments as appendPosting, with the list given by its term id. */
  stage(
    term: number,
    doc: number,
    tf: number,
    positions: ArrayLike<number>,
    start: number,
    count: number,
  ): void;
  /** True once the buffers are full enough that the batch should be committed. */
  readonly full: boolean;
  /** Moves every staged posting into `lists` (indexed by term id) and empties the stage. */
  commit(lists: PostingList[]): void;
}

// About 16 bytes per posting plus its positions: a batch holds some 160 MB before it is moved.
const BATCH_POSTINGS = 8_000_000;

/** Creates an empty stage with room for `postings` before it first grows (0: allocate nothing yet). */
export function createPostingStage(postings = 1 << 16): PostingStage {
  let terms = new Int32Array(postings);
  let docs = new Int32Array(postings);
  let tfs = new Uint16Array(postings);
  let ends = new Uint32Array(postings);
  let bytes = new Uint8Array(postings * 4);
  let count = 0;
  let used = 0;
  // Per term id: postings and position bytes staged in this batch.
  let termPostings = new Int32Array(postings === 0 ? 0 : 1 << 16);
  let termBytes = new Int32Array(termPostings.length);
  let touched: number[] = [];

  return {
    get full() {
      return count >= BATCH_POSTINGS;
    },
    stage(term, doc, tf, positions, start, n) {
      if (count === terms.length) {
        const size = Math.max(1024, count * 2);
        terms = widen(terms, size);
        docs = widen(docs, size);
        tfs = widen(tfs, size);
        ends = widen(ends, size);
      }
      if (used + n * 5 + 5 > bytes.length) bytes = widen(bytes, Math.max(bytes.length * 2, used + n * 5 + 5));
      if (term >= termPostings.length) {
        const size = Math.max(termPostings.length * 2, term + 1, 1024);
        termPostings = widen(termPostings, size);
        termBytes = widen(termBytes, size);
      }
      const at = used;
      used = encodePosting(bytes, used, tf, positions, start, n);
      terms[count] = term;
      docs[count] = doc;
      tfs[count] = tf;
      ends[count] = used;
      count++;
      if (termPostings[term] === 0) touched.push(term);
      termPostings[term]! += 1;
      termBytes[term]! += used - at;
    },
    commit(lists) {
      if (count > 0) repack(lists, termPostings, termBytes);
      let from = 0;
      for (let k = 0; k < count; k++) {
        const list = lists[terms[k]!]!;
        const i = list.length++;
        list.docs[i] = docs[k]!;
        list.tfs[i] = tfs[k]!;
        list.live++;
        const to = ends[k]!;
        const out = list.positions;
        let at = list.positionBytes;
        for (let b = from; b < to; b++) out[at++] = bytes[b]!;
        list.positionBytes = at;
        from = to;
      }
      for (const term of touched) {
        termPostings[term] = 0;
        termBytes[term] = 0;
      }
      touched = [];
      count = 0;
      used = 0;
    },
  };
}

type Column = Int32Array | Uint32Array | Uint16Array | Uint8Array;

function widen<T extends Column>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * Moves every list into three shared slabs, each list a view with exactly enough room for its staged
 * postings: one allocation per batch instead of three per term (hundreds of thousands of external
 * buffers), and the previous slabs are freed whole once no list points into them.
 */
function repack(lists: PostingList[], addPostings: Int32Array, addBytes: Int32Array): void {
  let postings = 0;
  let bytes = 0;
  for (let t = 0; t < lists.length; t++) {
    const list = lists[t]!;
    postings += list.length + (addPostings[t] ?? 0);
    bytes += list.positionBytes + (addBytes[t] ?? 0);
  }
  const docs = new Int32Array(postings);
  const tfs = new Uint16Array(postings);
  const positions = new Uint8Array(bytes);
  let at = 0;
  let byteAt = 0;
  for (let t = 0; t < lists.length; t++) {
    const list = lists[t]!;
    const size = list.length + (addPostings[t] ?? 0);
    const byteSize = list.positionBytes + (addBytes[t] ?? 0);
    docs.set(list.docs.subarray(0, list.length), at);
    tfs.set(list.tfs.subarray(0, list.length), at);
    positions.set(list.positions.subarray(0, list.positionBytes), byteAt);
    list.docs = docs.subarray(at, at + size);
    list.tfs = tfs.subarray(at, at + size);
    list.positions = positions.subarray(byteAt, byteAt + byteSize);
    at += size;
    byteAt += byteSize;
  }
}
