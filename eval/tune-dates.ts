import { CORPORA } from './lib/corpora.ts';
import { halfOf, loadDatePages, pageDates } from './lib/date-pages.ts';

// Lists the date finder's misses on the TUNING half of htmldate-dates only: the held-out half is never shown.
for (const { label, bytes } of loadDatePages(`${CORPORA}htmldate-dates`)) {
  if (halfOf(label.file) !== 'tune') continue;
  const { published } = pageDates(label, bytes).dates;
  if (published?.day !== label.date)
    console.log(
      `${label.file} want ${label.date} got ${published?.day ?? '-'} (${published?.from ?? ''}) ${label.url}`,
    );
}
