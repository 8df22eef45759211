import { createHash } from 'node:crypto';
import { decodeBody } from '../src/ingest/charset.ts';
import { findPageDates, type PageDates } from '../src/ingest/dates/find-dates.ts';
import { leanHtml } from '../src/ingest/lean-html.ts';
import { parseDocument } from '../src/ingest/parse-document.ts';
import { CORPORA } from './lib/corpora.ts';
import { halfOf, type LabelledPage, loadDatePages, pageDates, splitDateSets } from './lib/date-pages.ts';

/**
 * `--hide=url` reads the tune pages without their URL and canonical address, `--hide=ld` also without JSON-LD
 * (the meta tags then stand alone), `--hide=machine` without meta tags, scripts (JSON-LD and inline state)
 * and itemprop attributes: the later rules then answer on
 * pages where the easy sources normally decide, which is how pages without those sources are dated.
 */
const hide = process.argv.find((arg) => arg.startsWith('--hide='))?.slice('--hide='.length);

function hiddenDates(label: LabelledPage, bytes: Buffer): PageDates {
  const document = parseDocument(leanHtml(decodeBody(bytes, 'text/html').text).html);
  const drop =
    {
      machine: 'link[rel="canonical" i], meta, script',
      ld: 'link[rel="canonical" i], meta[property="og:url" i], script[type="application/ld+json" i]',
    }[hide ?? ''] ?? 'link[rel="canonical" i], meta[property="og:url" i]';
  for (const element of Array.from(document.querySelectorAll(drop))) element.remove();
  if (hide === 'machine')
    for (const element of Array.from(document.querySelectorAll('[itemprop]')))
      element.removeAttribute('itemprop');
  return findPageDates(document, { reference: new Date(label.fetched ?? '2025-01-01T00:00:00Z') });
}

// A second split of the tuning half, by another hash: a change that helps both sub-halves is more likely
// to generalise than one that helps a single page.
const subHalf = (file: string) => ((createHash('md5').update(file).digest()[0] ?? 0) % 2 === 0 ? 'A' : 'B');
const right: Record<string, number[]> = { A: [0, 0], B: [0, 0] };

/** Prints the misses of one tuning set and counts its right answers under `key`. */
function listMisses(
  pages: { label: LabelledPage; bytes: Buffer }[],
  tuning: (file: string) => boolean,
  key: (file: string) => string,
) {
  for (const { label, bytes } of pages) {
    if (!tuning(label.file)) continue;
    const { published } = hide ? hiddenDates(label, bytes) : pageDates(label, bytes).dates;
    const counts = right[key(label.file)] ?? [0, 0];
    right[key(label.file)] = counts;
    counts[1] = (counts[1] ?? 0) + 1;
    if (published?.day === (label.date ?? undefined)) counts[0] = (counts[0] ?? 0) + 1;
    else
      console.log(
        `${key(label.file)} ${label.file} want ${label.date} got ${published?.day ?? '-'} (${published?.from ?? ''}) ${label.url}`,
      );
  }
}

// Lists the date finder's misses on the TUNING halves only: the held-out halves are never shown.
listMisses(loadDatePages(`${CORPORA}htmldate-dates`), (file) => halfOf(file) === 'tune', subHalf);
for (const set of splitDateSets(() => {}))
  listMisses(
    set.pages,
    (file) => set.halfOf(file) === 'tune',
    () => set.key,
  );
// A and B are the htmldate tune half's sub-halves; the other keys are the other sets' tune halves.
console.log(
  `tuning sets: ${Object.entries(right)
    .map(([name, counts]) => `${name} ${counts.join('/')}`)
    .join(', ')}`,
);
