import { describe, expect, it } from 'vitest';
import { boundNesting, MAX_NESTING, nestingDepth } from '../../src/ingest/bound-nesting.ts';
import { extractHtml, htmlToText } from '../../src/ingest/extract-html.ts';

const PROSE =
  'The regulator said on Tuesday that the new rules would apply to every large platform operating in the bloc. ';
const nested = (levels: number, tag = 'div') =>
  `<!doctype html><html><head><title>Deep</title></head><body>${`<${tag}>`.repeat(levels)}<p>${PROSE.repeat(4)}</p>${`</${tag}>`.repeat(levels)}</body></html>`;

function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('bounded extraction of deeply nested pages', () => {
  for (const levels of [1_000, 10_000, 100_000]) {
    it(`extracts a page of ${levels.toLocaleString('en')} nested divs in under 1 s of CPU, keeping its text and saying it was cut`, () => {
      const html = nested(levels);
      let result: ReturnType<typeof extractHtml> | undefined;
      const ms = cpuMs(() => {
        result = extractHtml(html);
      });
      expect(ms).toBeLessThan(1000);
      expect(result?.ok).toBe(true);
      if (!result?.ok) return;
      expect(result.page.text).toContain('apply to every large platform');
      expect(result.page.cut).toMatch(
        new RegExp(`nests elements ${levels + 3} levels deep; below level ${MAX_NESTING}`),
      );
    });
  }

  it('leaves an ordinary page untouched and unflagged', () => {
    const html = nested(20, 'section');
    expect(boundNesting(html)).toEqual({ html, depth: 23 });
    const result = extractHtml(html);
    expect(result.ok && result.page.cut).toBeUndefined();
  });

  it('counts depth the way the HTML parser closes tags: sibling paragraphs and void elements do not nest', () => {
    // div > p > br: each <p> closes the one before, and <br> and <img> hold nothing.
    expect(nestingDepth('<div><p>one<p>two<p>three<br><img src=x></div>')).toBe(3);
    expect(nestingDepth('<ul><li>a<li>b<li>c</ul>')).toBe(2);
    expect(nestingDepth('<script>"<div><div><div>"</script><div></div>')).toBe(1);
  });

  it('reads `/>` as self-closing whatever the length of the attributes, up to the 8,192-character cap', () => {
    // An SVG path's `d` attribute runs to thousands of characters; a run of exactly the cap before `/>`
    // is still a tag that closes itself (` d="` and the closing quote are 5 of the characters).
    for (const run of [10, 8_000, 8_192]) {
      const path = `<path d="${'1'.repeat(run - 5)}"/>`;
      expect(nestingDepth(`<svg>${path}${path}${path}</svg>`), `${run}`).toBe(2);
    }
    // Past the cap the `<` is not read as a tag, so a run of attributes is never scanned to its end.
    expect(nestingDepth(`<p class="${'x'.repeat(8_200)}"><b></b></p>`)).toBe(1);
  });

  it('keeps raw script text (JSON-LD) intact when a deep page is cut', () => {
    const html = `<script type="application/ld+json">{"headline":"a <b> c"}</script>${'<span>'.repeat(300)}words${'</span>'.repeat(300)}`;
    const bounded = boundNesting(html, 50);
    expect(bounded.html).toContain('{"headline":"a <b> c"}');
    expect(bounded.html.match(/<span>/g)).toHaveLength(50);
    expect(bounded.html).toContain('words');
  });

  it('turns a 100,000-level fragment (a feed item body) into text without overflowing the stack', () => {
    const text = htmlToText(`${'<b>'.repeat(100_000)}deep words${'</b>'.repeat(100_000)}`);
    expect(text).toBe('deep words');
  });
});
