import { parseHTML } from 'linkedom';

const HTML_TAG = /<html[\s>]/i;
const HEAD_OR_BODY = /<(?:head|body)[\s>]/i;

/**
 * A DOM for any page. Input with no <html> or <body> of its own (plain text, bare XML) gets one. Stray
 * output printed ahead of the page's <html> tag (PHP warnings, a debug line) would otherwise become the
 * root in linkedom, leaving the page's own body unreachable; a browser shows it as body text, and it is
 * never the article, so the page is parsed from its <html> tag instead.
 */
export function parseDocument(html: string): Document {
  const { document } = parseHTML(html);
  if (document.documentElement?.tagName === 'HTML' && document.body) return document as unknown as Document;
  const start = html.search(HTML_TAG);
  // Only an <html> tag ahead of the page's head and body starts the page; one later sits in a script.
  const headOrBody = html.search(HEAD_OR_BODY);
  if (start > 0 && (headOrBody < 0 || start < headOrBody)) {
    const own = parseHTML(html.slice(start)).document;
    if (own.documentElement?.tagName === 'HTML' && own.body) return own as unknown as Document;
  }
  if (document.documentElement && document.body) return document as unknown as Document;
  const escaped = html.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return parseHTML(`<!doctype html><html><body><pre>${escaped}</pre></body></html>`)
    .document as unknown as Document;
}
