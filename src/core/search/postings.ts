/**
 * One term's postings in typed arrays: 6 bytes per (doc, term) plus ~1.5 bytes per position.
 * Documents are numbered in arrival order, so lists stay sorted by doc number without sorting.
 */
export interface PostingList {
  /** Document numbers, ascending. */
  docs: Int32Array;
  /**
   * Per-field term frequencies packed as title (3 bits) | summary (3 bits) << 3 | body (10 bits) << 6,
   * each saturating (a word 8 times in a title, or 1,024 times in a body, adds nothing to BM25 by then).
   */
  tfs: Uint16Array;
  /**
   * Varint position deltas, per posting in doc order; each posting holds positionCount(tfs[i]) positions,
   * or, when a frequency saturated, a varint of its true count first (see positionsOf).
   */
  positions: Uint8Array;
  length: number;
  positionBytes: number;
  /** How many of the postings point at live documents (the rest are tombstones awaiting compaction). */
  live: number;
  /** A word as first seen, for "did you mean" and prefix answers. */
  surface: string;
}

const SMALL_MASK = 0x7;
const SUMMARY_SHIFT = 3;
const BODY_SHIFT = 6;
const BODY_MAX = 0x3ff;

/** Packs three field frequencies into 16 bits, saturating each field. */
export function packTf(title: number, summary: number, body: number): number {
  return (
    Math.min(title, SMALL_MASK) |
    (Math.min(summary, SMALL_MASK) << SUMMARY_SHIFT) |
    (Math.min(body, BODY_MAX) << BODY_SHIFT)
  );
}

/** True when a field's frequency hit its ceiling, so the posting stores its true position count. */
export function saturated(packed: number): boolean {
  return (
    (packed & SMALL_MASK) === SMALL_MASK ||
    ((packed >>> SUMMARY_SHIFT) & SMALL_MASK) === SMALL_MASK ||
    packed >>> BODY_SHIFT === BODY_MAX
  );
}

/** Title frequency of a packed value. */
export function tfTitle(packed: number): number {
  return packed & SMALL_MASK;
}

/** Summary frequency of a packed value. */
export function tfSummary(packed: number): number {
  return (packed >>> SUMMARY_SHIFT) & SMALL_MASK;
}

/** Body frequency of a packed value. */
export function tfBody(packed: number): number {
  return packed >>> BODY_SHIFT;
}

/** A new, empty posting list. */
export function createPostingList(surface: string): PostingList {
  return {
    docs: new Int32Array(2),
    tfs: new Uint16Array(2),
    positions: new Uint8Array(8),
    length: 0,
    positionBytes: 0,
    live: 0,
    surface,
  };
}

function grow<T extends Int32Array | Uint16Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  // Grow by 1.5x rather than 2x: less slack per term across hundreds of thousands of terms.
  let size = Math.max(4, array.length);
  while (size < needed) size = Math.ceil(size * 1.5);
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/** Appends one posting with its sorted positions (`count` of them from `start`). */
export function appendPosting(
  list: PostingList,
  doc: number,
  tf: number,
  positions: ArrayLike<number>,
  start = 0,
  count = positions.length,
): void {
  if (list.length === list.docs.length) {
    list.docs = grow(list.docs, list.length + 1);
    list.tfs = grow(list.tfs, list.length + 1);
  }
  list.docs[list.length] = doc;
  list.tfs[list.length] = tf;
  list.length++;
  list.live++;
  if (list.positionBytes + count * 5 + 5 > list.positions.length) {
    list.positions = grow(list.positions, list.positionBytes + count * 5 + 5);
  }
  list.positionBytes = encodePosting(list.positions, list.positionBytes, tf, positions, start, count);
}

/**
 * Writes one posting's positions at `at` (room for 5 bytes each plus 5 must be there): the true count
 * first when the packed frequencies saturated, then the varint deltas. Returns the offset past them.
 */
export function encodePosting(
  bytes: Uint8Array,
  at: number,
  packed: number,
  positions: ArrayLike<number>,
  start: number,
  count: number,
): number {
  if (saturated(packed)) at = writeVarint(bytes, at, count);
  return encodePositions(bytes, at, positions, start, count);
}

function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    bytes[at++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  bytes[at++] = value;
  return at;
}

/**
 * Where a posting's deltas start, given the offset of its positions, and how many there are: writes
 * both into `out` (reused by the caller, so walking postings allocates nothing).
 */
export function positionsOf(bytes: Uint8Array, at: number, packed: number, out: PositionSpan): void {
  if (!saturated(packed)) {
    out.at = at;
    out.count = positionCount(packed);
    return;
  }
  // One varint read as a single "delta" from zero is the count itself.
  out.at = decodePositions(bytes, at, 1, oneCount);
  out.count = oneCount[0]!;
}

const oneCount = new Int32Array(1);

/** A posting's position deltas: where they start and how many. */
export interface PositionSpan {
  at: number;
  count: number;
}

/**
 * Writes `count` sorted positions from `start` as varint deltas at `at` (room for 5 bytes each must
 * be there) and returns the offset just past them.
 */
export function encodePositions(
  bytes: Uint8Array,
  at: number,
  positions: ArrayLike<number>,
  start: number,
  count: number,
): number {
  let previous = 0;
  for (let k = start; k < start + count; k++) {
    const position = positions[k]!;
    let delta = position - previous;
    previous = position;
    while (delta >= 0x80) {
      bytes[at++] = (delta & 0x7f) | 0x80;
      delta >>>= 7;
    }
    bytes[at++] = delta;
  }
  return at;
}

/** Number of positions stored for a posting. */
export function positionCount(packed: number): number {
  return tfTitle(packed) + tfSummary(packed) + tfBody(packed);
}

/**
 * Decodes `count` varint position deltas starting at `at` into `out` as absolute positions, and
 * returns the offset just past them. Positions stay below 2^28, so 32-bit shifts are safe.
 */
export function decodePositions(
  bytes: Uint8Array,
  at: number,
  count: number,
  out: { [k: number]: number },
): number {
  let previous = 0;
  for (let n = 0; n < count; n++) {
    let byte = bytes[at++]!;
    let value = byte & 0x7f;
    let shift = 7;
    while (byte & 0x80) {
      byte = bytes[at++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    }
    previous += value;
    out[n] = previous;
  }
  return at;
}

/**
 * Walks a list's positions in doc order, handing `visit` the positions of postings whose doc
 * `wanted` accepts. Positions of other postings are skipped without decoding them into numbers.
 */
export function forEachPositions(
  list: PostingList,
  wanted: (doc: number) => boolean,
  visit: (doc: number, positions: number[], index: number) => void,
): void {
  const bytes = list.positions;
  const span: PositionSpan = { at: 0, count: 0 };
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    positionsOf(bytes, at, list.tfs[i]!, span);
    at = span.at;
    const count = span.count;
    const doc = list.docs[i]!;
    if (!wanted(doc)) {
      for (let n = 0; n < count; n++) {
        while (bytes[at++]! & 0x80) {}
      }
      continue;
    }
    const out: number[] = new Array(count);
    at = decodePositions(bytes, at, count, out);
    visit(doc, out, i);
  }
}

/** Drops postings of dead documents and trims slack, so removed articles stop costing memory. */
export function compactPostingList(list: PostingList, alive: (doc: number) => boolean): void {
  const out = createPostingList(list.surface);
  out.docs = new Int32Array(Math.max(1, list.live));
  out.tfs = new Uint16Array(Math.max(1, list.live));
  forEachPositions(list, alive, (doc, positions, index) =>
    appendPosting(out, doc, list.tfs[index]!, positions),
  );
  list.docs = out.docs.slice(0, out.length);
  list.tfs = out.tfs.slice(0, out.length);
  list.positions = out.positions.slice(0, out.positionBytes);
  list.positionBytes = out.positionBytes;
  list.length = out.length;
  list.live = out.length;
}

/** Bytes a list holds, slack included. */
export function postingBytes(list: PostingList): number {
  return list.docs.byteLength + list.tfs.byteLength + list.positions.byteLength;
}
