import { decodeHTMLStrict } from 'entities';

/** Drops C0 control characters other than tab and line breaks, and DEL: invalid in XML, invisible in a title. */
function stripControl(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) continue;
    out += char;
  }
  return out;
}

/** Text as a reader sees it: markup dropped, entities decoded (twice-escaped ones too), whitespace collapsed. */
export function plainText(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  for (let round = 0; round < 2; round++) {
    const stripped = text
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<\/?(p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>/gi, ' ')
      .replace(/<\/?[a-z][\w:-]*(\s[^<>]*)?\/?>/gi, '');
    // Strict: `&copy=2` in a query string is text, not a legacy entity without its semicolon.
    const decoded = decodeHTMLStrict(stripped);
    if (decoded === text) break;
    text = decoded;
  }
  const out = stripControl(text).replace(/\s+/g, ' ').trim();
  return out || undefined;
}

const VOID_TAGS = new Set(['br', 'img', 'hr', 'wbr']);

/**
 * A title as a reader sees it. Unlike a description, a title is text that may carry a little markup, so
 * only markup that reads as markup is dropped: elements closed later in the title (`<em>…</em>`) and
 * void ones (`<br>`). A lone `<blink>` is the words of "History of the <blink> tag", and entities decoded
 * from a twice-escaped title (`&amp;lt;blink&amp;gt;`) are never taken for tags. Atom `type="text"` is
 * literal text and keeps every character.
 */
export function titleText(value: string | undefined | null, type?: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  if (type !== 'text') {
    const markup = type === 'html' || type === 'xhtml';
    const closed = new Set(
      [...text.matchAll(/<\/([a-z][\w:-]*)\s*>/gi)].map((m) => (m[1] as string).toLowerCase()),
    );
    text = text.replace(/<\/?([a-z][\w:-]*)(\s[^<>]*)?\/?>/gi, (tag, name: string) =>
      VOID_TAGS.has(name.toLowerCase()) ? ' ' : markup || closed.has(name.toLowerCase()) ? '' : tag,
    );
  }
  for (let round = 0; round < 2; round++) {
    const decoded = decodeHTMLStrict(text);
    if (decoded === text) break;
    text = decoded;
  }
  const out = stripControl(text).replace(/\s+/g, ' ').trim();
  return out || undefined;
}

/**
 * An absolute http(s) URL for `href` against the bases, innermost first. With no base at all a relative
 * href comes back as written (the caller decides); other schemes (javascript:, mailto:) are dropped.
 */
export function resolveLink(
  href: string | undefined | null,
  ...bases: (string | undefined)[]
): string | undefined {
  if (typeof href !== 'string') return undefined;
  const trimmed = href.trim();
  if (!trimmed) return undefined;
  let base: string | undefined;
  // xml:base values may themselves be relative: fold them outermost first.
  for (const candidate of [...bases].reverse()) {
    if (!candidate) continue;
    try {
      base = new URL(candidate.trim(), base).href;
    } catch {
      // an unusable base is skipped, not fatal
    }
  }
  try {
    const url = new URL(trimmed, base);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    return undefined;
  } catch {
    return base || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? undefined : trimmed;
  }
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string | undefined): value is string {
  return typeof value === 'string' && /^https?:\/\//i.test(value);
}
