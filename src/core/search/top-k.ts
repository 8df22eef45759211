/**
 * Keeps the k best (doc, score) pairs seen, in a binary min-heap, so ranking 50k matches never sorts them all.
 * Equal scores are ordered by `tie` (higher first, e.g. publication time) and then by lower document number,
 * so which documents are kept never depends on the order they were offered in: the fast and the
 * exhaustive search paths keep the same ones.
 */
export class TopK {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];

  /**
   * @param k how many to keep
   * @param tie per document, what decides between equal scores
   */
  constructor(
    private readonly k: number,
    private readonly tie: Float64Array,
  ) {}

  /** The score a candidate must beat to be kept: the worst kept score once full. */
  get threshold(): number {
    return this.docs.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /** Offers one candidate. */
  push(doc: number, score: number): void {
    if (this.k <= 0) return;
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.scores.push(score);
      this.up(this.docs.length - 1);
    } else if (this.worse(this.docs[0]!, this.scores[0]!, doc, score)) {
      this.docs[0] = doc;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** The kept pairs, best first. */
  sorted(): { doc: number; score: number }[] {
    return this.docs
      .map((doc, i) => ({ doc, score: this.scores[i]! }))
      .sort((a, b) => (this.worse(b.doc, b.score, a.doc, a.score) ? -1 : 1));
  }

  /** True when (a, scoreA) ranks below (b, scoreB). */
  private worse(a: number, scoreA: number, b: number, scoreB: number): boolean {
    if (scoreA !== scoreB) return scoreA < scoreB;
    const tieA = this.tie[a]!;
    const tieB = this.tie[b]!;
    if (tieA !== tieB) return tieA < tieB;
    return a > b;
  }

  private below(i: number, j: number): boolean {
    return this.worse(this.docs[i]!, this.scores[i]!, this.docs[j]!, this.scores[j]!);
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j]!, this.docs[i]!];
    [this.scores[i], this.scores[j]] = [this.scores[j]!, this.scores[i]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(this.docs[i]!, this.scores[i]!, this.docs[parent]!, this.scores[parent]!)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.docs.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.below(left, smallest)) smallest = left;
      if (right < n && this.below(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
