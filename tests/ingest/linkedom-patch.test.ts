import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';

// patches/linkedom+0.18.15.patch makes linkedom create a node's listener map on the first
// addEventListener instead of in every node's constructor (see docs/extraction.md). These tests hold that
// events still behave as before on the patched package, and that the patch is the one installed.
describe('patched linkedom', () => {
  it('is installed with listener maps created lazily', () => {
    const source = readFileSync(
      new URL('../../node_modules/linkedom/esm/interface/event-target.js', import.meta.url),
      'utf8',
    );
    expect(source).toContain('if (!map) wm.set(this, map = new Map);');
    expect(source).not.toMatch(/constructor\(\) \{\s*wm\.set/);
  });

  it('still delivers bubbling events to listeners added after parsing, once when asked', () => {
    const { document } = parseHTML('<html><body><div id="outer"><p id="inner">x</p></div></body></html>');
    const outer = document.getElementById('outer');
    const inner = document.getElementById('inner');
    const seen: string[] = [];
    outer?.addEventListener('ping', (event: Event) => seen.push(`outer:${(event.target as Element).id}`));
    inner?.addEventListener('ping', () => seen.push('inner-once'), { once: true });
    inner?.dispatchEvent(
      new (document.defaultView as unknown as typeof globalThis).Event('ping', { bubbles: true }),
    );
    inner?.dispatchEvent(
      new (document.defaultView as unknown as typeof globalThis).Event('ping', { bubbles: true }),
    );
    expect(seen).toEqual(['inner-once', 'outer:inner', 'outer:inner']);
  });

  it('removes a listener, and removing from a node that never had one is harmless', () => {
    const { document } = parseHTML('<html><body><p id="a">x</p><p id="b">y</p></body></html>');
    const a = document.getElementById('a');
    const calls: number[] = [];
    const listener = () => calls.push(1);
    a?.addEventListener('ping', listener);
    a?.removeEventListener('ping', listener);
    expect(() => document.getElementById('b')?.removeEventListener('ping', listener)).not.toThrow();
    a?.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('ping'));
    expect(calls).toEqual([]);
  });
});

// The same patch lower-cases attribute names in HTML documents, as browsers do: linkedom kept them as
// written, so `<META CONTENT>` and React's `dateTime` were invisible to `meta[content]` and `[datetime]`.
describe('patched linkedom attribute names', () => {
  it('reads upper- and mixed-case HTML attribute names as their lower-case selectors find them', () => {
    const { document } = parseHTML(
      '<html><head><META Property="og:title" CONTENT="Export rules"></head><body><time dateTime="2026-11-20T10:30:00Z" ItemProp="datePublished">20 Nov</time><DIV CLASS="article-body">x</DIV></body></html>',
    );
    expect(document.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe('Export rules');
    expect(document.querySelector('time[datetime]')?.getAttribute('datetime')).toBe('2026-11-20T10:30:00Z');
    expect(document.querySelector('[itemprop=datePublished]')).not.toBeNull();
    expect(document.querySelector('.article-body')?.textContent).toBe('x');
  });

  it('keeps the case of attribute names in XML documents', () => {
    const { DOMParser } = parseHTML('<html></html>') as unknown as { DOMParser: typeof globalThis.DOMParser };
    const xml = new DOMParser().parseFromString(
      '<feed><entry xml:Lang="en" isPermaLink="false"/></feed>',
      'text/xml',
    );
    expect(xml.querySelector('entry')?.getAttribute('isPermaLink')).toBe('false');
  });
});
