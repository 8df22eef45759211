import { describe, expect, it } from 'vitest';
import { jsonLdBlocks } from '../../src/ingest/json-ld.ts';
import { parseDocument } from '../../src/ingest/parse-document.ts';

const pageWith = (script: string) =>
  parseDocument(
    `<!doctype html><html><head><script type="application/ld+json">${script}</script></head><body></body></html>`,
  );

describe('jsonLdBlocks', () => {
  it.each([
    ['bare', '{"@type":"NewsArticle","datePublished":"2026-11-20"}'],
    ['in a CDATA section', '<![CDATA[{"@type":"NewsArticle","datePublished":"2026-11-20"}]]>'],
    [
      'in a line-commented CDATA section',
      '//<![CDATA[\n{"@type":"NewsArticle","datePublished":"2026-11-20"}\n//]]>',
    ],
    [
      'in a block-commented CDATA section',
      '/*<![CDATA[*/ {"@type":"NewsArticle","datePublished":"2026-11-20"} /*]]>*/',
    ],
    ['in an HTML comment', '<!-- {"@type":"NewsArticle","datePublished":"2026-11-20"} -->'],
  ])('reads a block %s', (_, script) => {
    expect(jsonLdBlocks(pageWith(script))).toEqual([{ '@type': 'NewsArticle', datePublished: '2026-11-20' }]);
  });

  it('skips a broken block without throwing', () => {
    expect(jsonLdBlocks(pageWith('/*<![CDATA[*/ {"@type": /*]]>*/'))).toEqual([]);
  });
});

describe('jsonLdBlocks: repairing a broken block', () => {
  it('removes a trailing comma and raw line breaks without touching commas inside strings', () => {
    const block =
      '{"@type":"NewsArticle","headline":"Tariffs, } and the rest: \\"A, ]\\"","description":"one\n\ttwo","datePublished":"2026-11-07",}';
    const document = parseDocument(
      `<!doctype html><html><head><script type="application/ld+json">${block}</script></head><body></body></html>`,
    );
    expect(jsonLdBlocks(document)).toEqual([
      {
        '@type': 'NewsArticle',
        headline: 'Tariffs, } and the rest: "A, ]"',
        description: 'one two',
        datePublished: '2026-11-07',
      },
    ]);
  });
});
