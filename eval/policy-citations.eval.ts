import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { findPolicyCitations } from '../src/core/policy/policy-citations.ts';

/** One labelled sentence: the citation keys a reader would link, none for a trap (phone, ISBN, date, price). */
interface Labelled {
  text: string;
  keys: string[];
}

/**
 * Precision and recall of the primary-source recognisers on labelled sentences, by half: the half is fixed
 * by a hash of the sentence, the patterns may only be tuned on failures of the "tune" half, and the
 * "held-out" half shows what the tuning is worth.
 */
function halfOf(text: string): 'tune' | 'held-out' {
  return (createHash('sha256').update(text).digest()[0] ?? 0) % 2 === 0 ? 'tune' : 'held-out';
}

/** Prints precision and recall of the recognisers on each half of the labelled set. */
export async function run(): Promise<void> {
  const labelled = JSON.parse(
    readFileSync(new URL('./policy-citations.json', import.meta.url), 'utf8'),
  ) as Labelled[];
  // Bills without a stated Congress are dated to the 119th, as a story from this term would be.
  const ON = new Date('2026-06-01T00:00:00Z');

  for (const half of ['tune', 'held-out'] as const) {
    let found = 0;
    let right = 0;
    let wanted = 0;
    const misses: string[] = [];
    const sentences = labelled.filter((entry) => halfOf(entry.text) === half);
    for (const entry of sentences) {
      const keys = findPolicyCitations(entry.text, ON).map((c) => c.key);
      found += keys.length;
      wanted += entry.keys.length;
      right += keys.filter((key) => entry.keys.includes(key)).length;
      if (half === 'tune' && (keys.length !== entry.keys.length || keys.some((k) => !entry.keys.includes(k))))
        misses.push(`  ${JSON.stringify(keys)} ≠ ${JSON.stringify(entry.keys)}: ${entry.text}`);
    }
    const precision = right / Math.max(1, found);
    const recall = right / Math.max(1, wanted);
    console.log(
      `policy citations, ${half} half: ${sentences.length} sentences, ${wanted} citations, found ${found}, right ${right}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    if (misses.length > 0) console.log(misses.join('\n'));
  }
}
