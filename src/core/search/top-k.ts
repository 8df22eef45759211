/** Keeps the k best (doc, score) pairs seen, in a binary min-heap, so ranking 50k matches never sorts them all. */
export class TopK {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];

  /** @param k how many to keep */
  constructor(private readonly k: number) {}

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
    } else if (score > this.scores[0]!) {
      this.docs[0] = doc;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** The kept pairs, best first; `tie` orders equal scores. */
  sorted(tie: (a: number, b: number) => number): { doc: number; score: number }[] {
    return this.docs
      .map((doc, i) => ({ doc, score: this.scores[i]! }))
      .sort((a, b) => b.score - a.score || tie(a.doc, b.doc));
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j]!, this.docs[i]!];
    [this.scores[i], this.scores[j]] = [this.scores[j]!, this.scores[i]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) return;
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
      if (left < n && this.scores[left]! < this.scores[smallest]!) smallest = left;
      if (right < n && this.scores[right]! < this.scores[smallest]!) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
