import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentReading } from '../../src/ingest/read-document.ts';

/** How every file of a corpus fared: read as a feed or page, refused with a reason, or an internal error. */
export interface CorpusCount {
  files: number;
  feeds: number;
  articles: number;
  refused: number;
  internalErrors: { file: string; message: string }[];
  refusalReasons: Map<string, number>;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** Runs `read` on every file under `root` (expected-output JSON included: it is input like any other). */
export function countCorpus(root: string, read: (bytes: Buffer) => DocumentReading): CorpusCount {
  const count: CorpusCount = {
    files: 0,
    feeds: 0,
    articles: 0,
    refused: 0,
    internalErrors: [],
    refusalReasons: new Map(),
  };
  for (const file of walk(root)) {
    count.files += 1;
    try {
      const reading = read(readFileSync(file));
      if (reading.kind === 'feed') count.feeds += 1;
      else if (reading.kind === 'article') count.articles += 1;
      else {
        count.refused += 1;
        // Group reasons by their wording, not by the file-specific detail in parentheses.
        const key = reading.reason.replace(/\(.*\)/, '(…)').slice(0, 90);
        count.refusalReasons.set(key, (count.refusalReasons.get(key) ?? 0) + 1);
      }
    } catch (error) {
      count.internalErrors.push({ file, message: (error as Error)?.message ?? String(error) });
    }
  }
  return count;
}

/** Prints the count, the commonest refusal reasons and the first internal errors. */
export function printCorpusCount(label: string, count: CorpusCount): void {
  console.log(
    `${label}: ${count.files} files: ${count.feeds} read as feeds, ${count.articles} as article pages, ` +
      `${count.refused} refused with a reason, ${count.internalErrors.length} internal errors (goal 0)`,
  );
  const reasons = [...count.refusalReasons].sort((a, b) => b[1] - a[1]).slice(0, 6);
  for (const [reason, n] of reasons) console.log(`  refused ${String(n).padStart(4)} × ${reason}`);
  for (const error of count.internalErrors.slice(0, 5))
    console.log(`  internal error: ${error.file}: ${error.message}`);
}
