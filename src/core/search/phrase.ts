import type { IndexState } from './index-state.ts';
import { forEachPositions } from './postings.ts';
import { phraseOf, type QueryPhrase } from './query-parser.ts';

/**
 * Documents among `wanted` where the phrase's words occur at their offsets (stop words count as gaps,
 * so "right to be forgotten" does not match "forgotten right"). Decodes positions only for wanted docs.
 */
export function matchPhrase(
  state: IndexState,
  phrase: QueryPhrase,
  wanted: (doc: number) => boolean,
): number[] {
  if (phrase.terms.length === 0) return [];
  const lists = phrase.terms.map((t) => state.terms.get(t.term));
  if (lists.some((list) => !list || list.live === 0)) return [];
  if (phrase.terms.length === 1) {
    const list = lists[0]!;
    const out: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const doc = list.docs[i]!;
      if (state.alive[doc] === 1 && wanted(doc)) out.push(doc);
    }
    return out;
  }
  // Start from the rarest word: its documents bound the candidates for the others.
  const order = phrase.terms.map((_, i) => i).sort((a, b) => lists[a]!.live - lists[b]!.live);
  let allowed: Set<number> | undefined;
  const byTerm = new Array<Map<number, number[]>>(phrase.terms.length);
  for (const i of order) {
    const positions = new Map<number, number[]>();
    const gate = allowed;
    forEachPositions(
      lists[i]!,
      (doc) => state.alive[doc] === 1 && (gate ? gate.has(doc) : wanted(doc)),
      (doc, found) => positions.set(doc, found),
    );
    byTerm[i] = positions;
    allowed = new Set(positions.keys());
    if (allowed.size === 0) return [];
  }
  const out: number[] = [];
  const first = phrase.terms[0]!;
  for (const doc of allowed ?? []) {
    const starts = byTerm[0]!.get(doc) ?? [];
    const hit = starts.some((start) =>
      phrase.terms.every((term, i) => {
        if (i === 0) return true;
        const at = start + term.offset - first.offset;
        return binaryHas(byTerm[i]!.get(doc) ?? [], at);
      }),
    );
    if (hit) out.push(doc);
  }
  return out;
}

/** Documents containing a phrase given as text, e.g. a topic alias. */
export function matchPhraseText(state: IndexState, text: string): number[] {
  return matchPhrase(state, phraseOf(text), () => true);
}

function binaryHas(sorted: number[], value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
