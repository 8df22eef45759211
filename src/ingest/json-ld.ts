import { pageIndex } from './page-index.ts';

/** Parsed JSON-LD blocks per document: metadata and date finding both read them, and a page is parsed once. */
const parsed = new WeakMap<object, unknown[]>();

/** Every JSON-LD block of the page that parses, in document order; broken blocks are skipped. */
export function jsonLdBlocks(document: Document): unknown[] {
  const cached = parsed.get(document);
  if (cached) return cached;
  const blocks: unknown[] = [];
  for (const script of pageIndex(document).jsonLd) {
    const block = parsedBlock(unwrapped(script.textContent ?? ''));
    if (block !== undefined) blocks.push(block);
  }
  parsed.set(document, blocks);
  return blocks;
}

/**
 * A block's JSON, or undefined when it is broken beyond the two slips templates make most: a raw line break
 * or tab inside a string (a description pasted as written) and a comma before a closing bracket.
 * Search engines read such blocks; a broken block otherwise says nothing, and the page's other metadata
 * still counts.
 */
function parsedBlock(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      // The comma cut skips strings ("Tariffs, ]" in a headline stays), in one linear pass.
      const repaired = text
        .replace(/[\r\n\t]+/g, ' ')
        .replace(
          /("(?:[^"\\]|\\.)*")|,\s*([\]}])/g,
          (_, string: string | undefined, close: string) => string ?? close,
        );
      return JSON.parse(repaired);
    } catch {
      return undefined;
    }
  }
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
