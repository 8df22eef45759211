import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/ingest/extract-html.ts';
import { leanHtml } from '../../src/ingest/lean-html.ts';

const STORY = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: the regulator said on Tuesday that the rule would take effect next year, and that companies must report their data flows.</p>`,
).join('');

describe('leanHtml', () => {
  it('leaves out styles and code scripts, with their bodies', () => {
    const html = `<html><head><style>p { color: red }</style><script src="/app.js"></script><script>window.ads = ["<div>"];</script></head><body>${STORY}</body></html>`;
    const lean = leanHtml(html).html;
    expect(lean).not.toMatch(/<style|<script|color: red|window\.ads/);
    expect(lean).toContain('Paragraph 6');
  });

  it('keeps JSON-LD and inline state that carries a publication key, which metadata and dates read', () => {
    const ld =
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-11-20"}</script>';
    const state = '<script>window.__STATE__ = {"publishedAt":"2026-11-19T10:30:00Z"}</script>';
    const lean = leanHtml(
      `<html><head>${ld}${state}<script>track()</script></head><body>${STORY}</body></html>`,
    ).html;
    expect(lean).toContain(ld);
    expect(lean).toContain(state);
    expect(lean).not.toContain('track()');
  });

  it('keeps raw-text elements that are content, such as a title and a textarea', () => {
    const lean = leanHtml(
      '<html><head><title>A <b> title</title></head><body><textarea>x</textarea></body></html>',
    );
    expect(lean.html).toContain('<title>A <b> title</title>');
    expect(lean.html).toContain('<textarea>x</textarea>');
  });

  it('drops an unclosed script to the end of the page rather than reading its code as text', () => {
    expect(leanHtml(`<html><body>${STORY}<script>var a = "<p>not text</p>";`).html).not.toContain('not text');
  });

  it('ends a script only at a real end tag, as the HTML tokenizer does', () => {
    const lean = leanHtml(
      `<html><body><script>var a = "</scripts>"; run()</script>${STORY}</body></html>`,
    ).html;
    expect(lean).not.toMatch(/run\(\)|<\/script/);
    expect(lean).toContain('Paragraph 6');
  });

  it('reads type and src themselves, not data-type or data-src', () => {
    const ld =
      '<script data-type="x" type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>';
    const state = '<script data-src="/x.js">window.s = {"publishedAt":"2026-11-19T10:30:00Z"}</script>';
    const lean = leanHtml(`<html><head>${ld}${state}</head><body>${STORY}</body></html>`).html;
    expect(lean).toContain(ld);
    expect(lean).toContain(state);
  });

  it('still bounds nesting, measured on the page as given', () => {
    const deep = `<html><body><style>x</style>${'<div>'.repeat(500)}deep text${'</div>'.repeat(500)}</body></html>`;
    const bounded = leanHtml(deep, 128);
    expect(bounded.depth).toBeGreaterThan(500);
    expect(bounded.cut).toMatch(/levels deep/);
    expect(bounded.html).toContain('deep text');
    expect(bounded.html).not.toContain('<style>');
  });

  it('gives the extractor the same article and date as the full page', () => {
    const page = `<html><head><title>Rule takes effect</title><style>.a{}</style><script>var x=1</script><script type="application/ld+json">{"@type":"NewsArticle","headline":"Rule takes effect","datePublished":"2026-11-20T09:00:00Z"}</script></head><body><article><h1>Rule takes effect</h1>${STORY}<script>render()</script></article></body></html>`;
    const result = extractHtml(page, 'https://news.example/2026/rule');
    expect(result.ok && result.page.text).toContain('Paragraph 6');
    expect(result.ok && result.page.text).not.toContain('render()');
    expect(result.ok && result.page.publishedAt).toBe('2026-11-20T09:00:00.000Z');
    expect(result.ok && result.page.title).toBe('Rule takes effect');
  });
});
