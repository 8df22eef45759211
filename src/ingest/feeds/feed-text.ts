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
