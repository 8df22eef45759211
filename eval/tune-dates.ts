import { createHash } from 'node:crypto';
import { CORPORA } from './lib/corpora.ts';
import { halfOf, loadDatePages, pageDates } from './lib/date-pages.ts';

// A second split of the tuning half, by another hash: a change that helps both sub-halves is more likely
// to generalise than one that helps a single page.
const subHalf = (file: string) => ((createHash('md5').update(file).digest()[0] ?? 0) % 2 === 0 ? 'A' : 'B');
const right = { A: [0, 0], B: [0, 0] };

// Lists the date finder's misses on the TUNING half of htmldate-dates only: the held-out half is never shown.
for (const { label, bytes } of loadDatePages(`${CORPORA}htmldate-dates`)) {
  if (halfOf(label.file) !== 'tune') continue;
  const { published } = pageDates(label, bytes).dates;
  const counts = right[subHalf(label.file)];
  counts[1] = (counts[1] ?? 0) + 1;
  if (published?.day === label.date) counts[0] = (counts[0] ?? 0) + 1;
  else
    console.log(
      `${subHalf(label.file)} ${label.file} want ${label.date} got ${published?.day ?? '-'} (${published?.from ?? ''}) ${label.url}`,
    );
}
console.log(`tuning sub-halves: A ${right.A.join('/')}, B ${right.B.join('/')}`);
