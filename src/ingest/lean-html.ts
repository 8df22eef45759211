import { type BoundedHtml, boundNesting, MAX_NESTING, scanTags } from './bound-nesting.ts';
import { carriesPublishedKey } from './dates/machine-dates.ts';

// Anchored on a space so `data-type=` and `data-src=` are not read as `type=` and `src=`.
const SCRIPT_TYPE = /\stype\s*=\s*["']?([^"'\s>]+)/i;
const HAS_SRC = /\ssrc\s*=/i;

/**
 * Whether a script or style element is inert for us: nothing we read comes from it. Styles never are
 * read. A script is kept when it is data rather than code: JSON of any type (JSON-LD metadata, embedded
 * state whose dates a page shows) or inline state with a publication key (the dates' last resort). Code,
 * trackers, ad config and templates are dropped.
 */
function isInert(html: string, name: string, openTag: string, bodyStart: number, bodyEnd: number): boolean {
  if (name === 'style') return true;
  if (name !== 'script') return false;
  if (/json/i.test(SCRIPT_TYPE.exec(openTag)?.[1] ?? '')) return false;
  if (HAS_SRC.test(openTag)) return true;
  return !carriesPublishedKey(html.slice(bodyStart, bodyEnd));
}

/**
 * The page as we hand it to the DOM: inert script and style elements left out, nesting bounded. Scripts
 * and styles are over half the bytes of the Zyte benchmark pages, and every one became DOM text that the
 * parser, Readability and our furniture passes walked for nothing. One linear scan finds them (the same
 * scan that measures nesting), so a page costs no second pass unless it nests too deep.
 */
export function leanHtml(html: string, limit = MAX_NESTING): BoundedHtml {
  const drops: [number, number][] = [];
  const depth = scanTags(html, (token) => {
    if (token.close || token.rawEnd === undefined) return;
    if (!isInert(html, token.name, html.slice(token.start, token.end), token.end, token.rawEnd)) return;
    const closeAt = html.indexOf('>', token.rawEnd);
    drops.push([token.start, token.rawEnd >= html.length || closeAt < 0 ? html.length : closeAt + 1]);
  });
  if (drops.length === 0) return depth <= limit ? { html, depth } : boundNesting(html, limit);
  const kept: string[] = [];
  let from = 0;
  for (const [start, end] of drops) {
    kept.push(html.slice(from, start));
    from = end;
  }
  kept.push(html.slice(from));
  const lean = kept.join('');
  // Scripts and styles hold no elements, so leaving them out changes no other element's depth.
  return depth <= limit ? { html: lean, depth } : boundNesting(lean, limit);
}
