import type { IndexState } from './index-state.ts';
import { positionCount } from './postings.ts';
import { phraseOf, type QueryPhrase } from './query-parser.ts';

/** Reads postings of one term in doc order, decoding positions only for the postings asked for. */
class PositionCursor {
  index = 0;
  private at = 0;
  positions = new Int32Array(16);
  count = 0;

  constructor(
    private readonly list: { docs: Int32Array; tfs: Uint32Array; positions: Uint8Array; length: number },
  ) {}

  get doc(): number {
    return this.index < this.list.length ? this.list.docs[this.index]! : Number.MAX_SAFE_INTEGER;
  }

  /** Moves past the current posting without decoding its positions. */
  skip(): void {
    const bytes = this.list.positions;
    let at = this.at;
    for (let n = positionCount(this.list.tfs[this.index]!); n > 0; n--) {
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
    const n = positionCount(this.list.tfs[this.index]!);
    if (this.positions.length < n) this.positions = new Int32Array(n * 2);
    let at = this.at;
    let previous = 0;
    for (let k = 0; k < n; k++) {
      // Deltas fit in 28 bits (positions stay far below 2^28), so shifts cannot overflow; most are one byte.
      let byte = bytes[at++]!;
      let value = byte & 0x7f;
      let shift = 7;
      while (byte & 0x80) {
        byte = bytes[at++]!;
        value |= (byte & 0x7f) << shift;
        shift += 7;
      }
      previous += value;
      this.positions[k] = previous;
    }
    this.count = n;
    this.at = at;
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

/**
 * Documents (among those marked in `wanted`, when given) where the phrase's words occur at their offsets (stop words count as gaps,
 * so "right to be forgotten" does not match "forgotten right"). Walks the words' postings in step,
 * driven by the rarest word, and decodes positions only where every word is present.
 */
export function matchPhrase(state: IndexState, phrase: QueryPhrase, wanted?: Uint8Array): number[] {
  if (phrase.terms.length === 0) return [];
  const lists = phrase.terms.map((t) => state.terms.get(t.term));
  if (lists.some((list) => !list || list.live === 0)) return [];
  const cursors = lists.map((list) => new PositionCursor(list!));
  let driver = 0;
  lists.forEach((list, i) => {
    if (list!.live < lists[driver]!.live) driver = i;
  });
  const lead = cursors[driver]!;
  const out: number[] = [];
  while (lead.index < lists[driver]!.length) {
    const doc = lead.doc;
    if (state.alive[doc] !== 1 || (wanted !== undefined && wanted[doc] !== 1)) {
      lead.skip();
      continue;
    }
    let present = true;
    for (let k = 0; k < cursors.length && present; k++) {
      if (k === driver) continue;
      cursors[k]!.advanceTo(doc);
      present = cursors[k]!.doc === doc;
    }
    if (!present) {
      lead.skip();
      continue;
    }
    for (const cursor of cursors) cursor.read();
    const first = cursors[0]!;
    const base = phrase.terms[0]!.offset;
    for (let s = 0; s < first.count; s++) {
      const start = first.positions[s]!;
      let all = true;
      for (let k = 1; k < cursors.length && all; k++) {
        const cursor = cursors[k]!;
        all = has(cursor.positions, cursor.count, start + phrase.terms[k]!.offset - base);
      }
      if (all) {
        out.push(doc);
        break;
      }
    }
  }
  return out;
}

/** Documents containing a phrase given as text, e.g. a topic alias. */
export function matchPhraseText(state: IndexState, text: string): number[] {
  return matchPhrase(state, phraseOf(text));
}
