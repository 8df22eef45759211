import { pageIndex } from './page-index.ts';

/** Parsed JSON-LD blocks per document: metadata and date finding both read them, and a page is parsed once. */
const parsed = new WeakMap<object, unknown[]>();

/** Every JSON-LD block of the page that parses, in document order; broken blocks are skipped. */
export function jsonLdBlocks(document: Document): unknown[] {
  const cached = parsed.get(document);
  if (cached) return cached;
  const blocks: unknown[] = [];
  for (const script of pageIndex(document).jsonLd) {
    try {
      blocks.push(JSON.parse(unwrapped(script.textContent ?? '')));
    } catch {
      // A publisher's broken block says nothing; the page's other metadata still counts.
    }
  }
  parsed.set(document, blocks);
  return blocks;
}

/**
 * The JSON inside a script's text. Some publishers (Medium, old XHTML templates) wrap it in a CDATA section
 * or an HTML comment, which search engines' JSON-LD readers tolerate but JSON.parse refuses. Two anchored
 * cuts, not one pattern, so a long script costs one linear pass.
 */
function unwrapped(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('<') && !trimmed.startsWith('/')) return trimmed;
  // The wrapper may sit in a line comment (`//<![CDATA[`) or a block comment (`/*<![CDATA[*/`).
  return trimmed
    .replace(/^(?:\/\/[ \t]*|\/\*[ \t]*)?(?:<!\[CDATA\[|<!--)(?:[ \t]*\*\/)?/, '')
    .replace(/(?:\/\/[ \t]*|\/\*[ \t]*)?(?:\]\]>|-->)(?:[ \t]*\*\/)?$/, '')
    .trim();
}
