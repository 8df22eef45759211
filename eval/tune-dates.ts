import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CORPORA } from './lib/corpora.ts';
import { EXTRA_DATE_SETS, halfOf, loadDatePages, mediaCloudHalfOf, pageDates } from './lib/date-pages.ts';

// A second split of the tuning half, by another hash: a change that helps both sub-halves is more likely
// to generalise than one that helps a single page.
const subHalf = (file: string) => ((createHash('md5').update(file).digest()[0] ?? 0) % 2 === 0 ? 'A' : 'B');
const right = { A: [0, 0], B: [0, 0], MC: [0, 0] };

/** Prints the misses of one tuning set and counts its right answers under `key`. */
function listMisses(
  root: string,
  tuning: (file: string) => boolean,
  key: (file: string) => keyof typeof right,
) {
  for (const { label, bytes } of loadDatePages(root)) {
    if (!tuning(label.file)) continue;
    const { published } = pageDates(label, bytes).dates;
    const counts = right[key(label.file)];
    counts[1] = (counts[1] ?? 0) + 1;
    if (published?.day === (label.date ?? undefined)) counts[0] = (counts[0] ?? 0) + 1;
    else
      console.log(
        `${key(label.file)} ${label.file} want ${label.date} got ${published?.day ?? '-'} (${published?.from ?? ''}) ${label.url}`,
      );
  }
}

// Lists the date finder's misses on the TUNING halves only: the held-out halves are never shown.
listMisses(`${CORPORA}htmldate-dates`, (file) => halfOf(file) === 'tune', subHalf);
const mediaCloud = `${EXTRA_DATE_SETS}mediacloud`;
if (existsSync(mediaCloud))
  listMisses(
    mediaCloud,
    (file) => mediaCloudHalfOf(file) === 'tune',
    () => 'MC',
  );
console.log(
  `tuning sets: A ${right.A.join('/')}, B ${right.B.join('/')}, MediaCloud tune ${right.MC.join('/')}`,
);
