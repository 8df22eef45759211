import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { decodeBody } from '../src/ingest/charset.ts';
import { findPageDates } from '../src/ingest/dates/find-dates.ts';
import { halfOf } from './dates.eval.ts';
import { CORPORA } from './lib/corpora.ts';

// Lists the date finder's misses on the TUNING half of htmldate-dates only: the held-out half is never shown.
const root = `${CORPORA}htmldate-dates`;
const labels = JSON.parse(readFileSync(join(root, 'labels.json'), 'utf8')) as {
  file: string;
  url: string;
  date: string;
}[];
for (const label of labels.filter((l) => halfOf(l.file) === 'tune')) {
  const { document } = parseHTML(decodeBody(readFileSync(join(root, 'pages', label.file)), 'text/html').text);
  const found = findPageDates(document as unknown as Document, {
    url: label.url,
    reference: new Date('2025-01-01T00:00:00Z'),
  });
  if (found.published?.day !== label.date)
    console.log(
      `${label.file} want ${label.date} got ${found.published?.day ?? '-'} (${found.published?.from ?? ''}) ${label.url}`,
    );
}
