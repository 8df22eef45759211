import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findPageDates } from '../../../src/ingest/dates/find-dates.ts';

const REFERENCE = new Date('2026-11-21T12:00:00Z');
const LONG =
  '<p>The regulator said the order would take effect at once, and the company said it would appeal.</p>';

function publishedOf(head: string, article: string) {
  const { document } = parseHTML(
    `<!doctype html><html lang="en"><head>${head}</head><body><article><h1>Chip rules</h1>${article}${LONG}</article></body></html>`,
  );
  return findPageDates(document as unknown as Document, {
    url: 'https://news.example/story',
    reference: REFERENCE,
  }).published;
}

const ld = (published: string, modified: string) =>
  `<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "${published}", "dateModified": "${modified}"}</script>`;

describe('findPageDates: a publication claim that is the edit’s stamp', () => {
  it('keeps JSON-LD’s datePublished over a meta published time equal to its dateModified', () => {
    const head = `${ld('2026-11-06T22:00:40.000Z', '2026-11-07T12:43:39.889Z')}<meta property="article:published_time" content="2026-11-07T12:43:39.889Z">`;
    // The shown <time> carries the edit's instant too, while its text shows both.
    const time =
      '<time datetime="2026-11-07T12:43:39.889Z">Nov. 6, 2026, 10:00 PM UTC / Updated Nov. 7, 2026, 12:43 PM UTC</time>';
    expect(publishedOf(head, time)?.day).toBe('2026-11-06');
  });

  it('leaves a generic date meta equal to dateModified to the date the reader is shown', () => {
    const head = `${ld('2026-11-03T08:00:00Z', '2026-11-06T09:22:36Z')}<meta name="date" content="2026-11-06T09:22:36Z">`;
    expect(publishedOf(head, '<p class="date">Friday, 6 November 2026</p>')?.day).toBe('2026-11-06');
  });

  it('still lets the meta date win where the reader is shown it and it is no edit stamp', () => {
    const head = `${ld('2026-11-03T08:00:00Z', '2026-11-07T12:43:39Z')}<meta property="article:published_time" content="2026-11-06T09:00:00Z">`;
    expect(publishedOf(head, '<time datetime="2026-11-06T09:00:00Z">6 November 2026</time>')?.day).toBe(
      '2026-11-06',
    );
  });
});
