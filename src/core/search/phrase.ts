import { type IndexState, visibleDoc } from './index-state.ts';
import { decodePositions, type PositionSpan, positionsOf } from './postings.ts';
import { phraseOf, type QueryPhrase } from './query-parser.ts';

/** Reads postings of one term in doc order, decoding positions only for the postings asked for. */
class PositionCursor {
  index = 0;
  private at = 0;
  positions = new Int32Array(16);
  count = 0;
  private readonly span: PositionSpan = { at: 0, count: 0 };

  constructor(
    private readonly list: { docs: Int32Array; tfs: Uint16Array; positions: Uint8Array; length: number },
  ) {}

  get doc(): number {
    return this.index < this.list.length ? this.list.docs[this.index]! : Number.MAX_SAFE_INTEGER;
  }

  /** Moves past the current posting without decoding its positions. */
  skip(): void {
    const bytes = this.list.positions;
    positionsOf(bytes, this.at, this.list.tfs[this.index]!, this.span);
    let at = this.span.at;
    for (let n = this.span.count; n > 0; n--) {
      while (bytes[at++]! & 0x80) {}
    }
    this.at = at;
    this.index++;
  }

  /** Skips postings until the current one is at or after `doc`. */
  advanceTo(doc: number): void {
    while (this.index < this.list.length && this.list.docs[this.index]! < doc) this.skip();
  }

  /** Decodes the current posting's positions into `positions` and moves past it. */
  read(): void {
    const bytes = this.list.positions;
    positionsOf(bytes, this.at, this.list.tfs[this.index]!, this.span);
    const n = this.span.count;
    if (this.positions.length < n) this.positions = new Int32Array(n * 2);
    this.at = decodePositions(bytes, this.span.at, n, this.positions);
    this.count = n;
    this.index++;
  }
}

function has(sorted: Int32Array, length: number, value: number): boolean {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** Counts live documents visible to `owner` that hold every word of a phrase, in or out of order. */
export interface PresenceCount {
  owner: string;
  count: number;
}

/**
 * Documents (among those marked in `wanted`, when given) where the phrase's words occur at their offsets (stop words count as gaps,
 * so "right to be forgotten" does not match "forgotten right"). Walks the words' postings in step,
 * driven by the rarest word, and decodes positions only where every word is present.
 */
export function matchPhrase(
  state: IndexState,
  phrase: QueryPhrase,
  wanted?: Uint8Array,
  present?: PresenceCount,
): number[] {
  if (phrase.terms.length === 0) return [];
  const lists = phrase.terms.map((t) => state.terms.get(t.term));
  if (lists.some((list) => !list || list.live === 0)) return [];
  const cursors = lists.map((list) => new PositionCursor(list!));
  let driver = 0;
  lists.forEach((list, i) => {
    if (list!.live < lists[driver]!.live) driver = i;
  });
  const lead = cursors[driver]!;
  const leadDocs = lists[driver]!.docs;
  const leadLength = lists[driver]!.length;
  const alive = state.alive;
  const offsets = phrase.terms.map((t) => t.offset - phrase.terms[0]!.offset);
  const out: number[] = [];
  while (lead.index < leadLength) {
    const doc = leadDocs[lead.index]!;
    if (alive[doc] !== 1 || (wanted !== undefined && wanted[doc] !== 1)) {
      lead.skip();
      continue;
    }
    let found = true;
    for (let k = 0; k < cursors.length && found; k++) {
      if (k === driver) continue;
      const cursor = cursors[k]!;
      cursor.advanceTo(doc);
      found = cursor.doc === doc;
    }
    if (!found) {
      lead.skip();
      continue;
    }
    if (present !== undefined && visibleDoc(state, doc, present.owner)) present.count++;
    for (let k = 0; k < cursors.length; k++) cursors[k]!.read();
    if (
      cursors.length === 2 ? pairFollows(cursors[0]!, cursors[1]!, offsets[1]!) : allFollow(cursors, offsets)
    )
      out.push(doc);
  }
  return out;
}

/** True when some position of `b` sits `gap` after a position of `a`: one merge over two sorted lists. */
function pairFollows(a: PositionCursor, b: PositionCursor, gap: number): boolean {
  const pa = a.positions;
  const pb = b.positions;
  let j = 0;
  for (let i = 0; i < a.count; i++) {
    const target = pa[i]! + gap;
    while (j < b.count && pb[j]! < target) j++;
    if (j === b.count) return false;
    if (pb[j] === target) return true;
  }
  return false;
}

function allFollow(cursors: PositionCursor[], offsets: number[]): boolean {
  const first = cursors[0]!;
  for (let s = 0; s < first.count; s++) {
    const start = first.positions[s]!;
    let all = true;
    for (let k = 1; k < cursors.length && all; k++) {
      const cursor = cursors[k]!;
      all = has(cursor.positions, cursor.count, start + offsets[k]!);
    }
    if (all) return true;
  }
  return false;
}

/** Documents containing a phrase given as text, e.g. a topic alias. */
export function matchPhraseText(state: IndexState, text: string): number[] {
  return matchPhrase(state, phraseOf(text));
}
