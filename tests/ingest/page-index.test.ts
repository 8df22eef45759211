import { describe, expect, it } from 'vitest';
import { type PageIndex, pageIndex, withPageIndex } from '../../src/ingest/page-index.ts';
import { parseDocument } from '../../src/ingest/parse-document.ts';

const PAGE = `<!doctype html><html><head>
<meta charset="utf-8"><meta property="og:title" content="A">
<script type="Application/LD+JSON">{"@type":"NewsArticle"}</script>
<script src="/app.js"></script><script>var state = {}</script>
<script type="application/ld+json+extra">{}</script>
</head><body>
<span property="dc:date" content="2024-01-02">2 Jan</span><span property="dc:title">no content</span>
<div itemprop="author"><time datetime="2024-01-02" itemprop="datePublished">2 Jan</time></div>
<template><meta name="inside"><time>in a template</time><p itemprop="x"></p></template>
<svg><meta property="p" content="c"></meta></svg>
</body></html>`;

/** What each list stands for, as the selector the readers used before the index. */
const SELECTORS: Record<keyof PageIndex, string> = {
  metas: 'meta',
  metaLike: 'meta, [property][content]',
  jsonLd: 'script[type="application/ld+json" i]',
  inlineScripts: 'script:not([src])',
  itemprops: '[itemprop]',
  times: 'time',
};

describe('pageIndex', () => {
  it('holds exactly what each selector finds, in document order, templates skipped as the selector skips them', () => {
    const document = parseDocument(PAGE);
    const index = pageIndex(document);
    for (const [list, selector] of Object.entries(SELECTORS)) {
      expect(index[list as keyof PageIndex], list).toEqual(Array.from(document.querySelectorAll(selector)));
    }
    expect(index.jsonLd).toHaveLength(1);
    expect(index.metaLike.map((el) => el.getAttribute('property') ?? el.getAttribute('charset'))).toEqual([
      'utf-8',
      'og:title',
      'dc:date',
      'p',
    ]);
  });

  it('is shared inside withPageIndex and read afresh outside it, so a changed page is never read stale', () => {
    const document = parseDocument(PAGE);
    const inside = withPageIndex(document, () => {
      const first = pageIndex(document);
      expect(pageIndex(document)).toBe(first);
      return first;
    });
    document.querySelector('time')?.remove();
    expect(inside.times).toHaveLength(1);
    expect(pageIndex(document).times).toHaveLength(0);
  });
});
