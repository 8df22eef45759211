import { truncate } from './truncate.ts';

/** A headline longer than this is not a headline (a scrape with no line breaks, a pasted body). */
export const MAX_HEADLINE_CHARS = 300;
/** An outlet's name; longer is a byline or a slogan glued to it. */
export const MAX_SOURCE_CHARS = 80;
/** A summary is two or three sentences (90 words at most); longer is a run of text with no sentence ends. */
export const MAX_SUMMARY_CHARS = 1_000;

// The separators sites put between a headline and their own name, with spaces around them so a
// hyphenated word ("Pro-Trump") or a colon headline is never cut.
// The suffix is what follows the LAST separator ("Apple - Samsung fight ends - The Verge").
const SUFFIX = /\s+(?:[|–—·•»]|-|::)\s+((?:(?!\s-\s)[^|–—·•»]){1,60})$/u;

/** The trailing segment after a site-name separator ("… | WIRED" → "WIRED"), if the headline has one. */
export function headlineSuffix(title: string): { rest: string; suffix: string } | undefined {
  const headline = title.replace(/\s+/g, ' ').trim();
  const match = SUFFIX.exec(headline);
  if (!match) return undefined;
  const rest = headline.slice(0, match.index).trim();
  // Only when a real headline is left: "Wired | Wired" stays as it is.
  return rest.split(' ').length >= 3 ? { rest, suffix: match[1]!.trim() } : undefined;
}

/** Lower-case letters and digits only, so "The Verge", "theverge.com" and "THE VERGE" compare equal. */
function squashed(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** An address's host without `www.`; '' for an address with no host (a local file), undefined when unparsable. */
export function siteHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** The names a site goes by: its outlet name and its host without `www.` and the top-level domain. */
function siteNames(source: string | undefined, url: string | undefined): string[] {
  const names = new Set<string>();
  if (source) names.add(squashed(source));
  // An unparsable address names no site; the outlet name alone decides.
  const host = url ? siteHost(url) : undefined;
  if (host) {
    names.add(squashed(host));
    const labels = host.split('.');
    // news.example.co.uk → example; wired.com → wired
    const main = labels.length > 2 && labels.at(-2)!.length <= 3 ? labels.at(-3) : labels.at(-2);
    if (main) names.add(squashed(main));
  }
  // A one- or two-letter name ("t" of t.co) would match the start of any suffix.
  return [...names].filter((name) => name.length >= 3);
}

/**
 * The headline as a card shows it: whitespace collapsed, the site's own name cut from its end ("… | WIRED",
 * "… - The Verge") when that name is the outlet's or the host's, and at most {@link MAX_HEADLINE_CHARS}.
 * A suffix that is not the site's name (a section, an author) stays: we cannot tell it from the headline.
 */
export function cleanHeadline(title: string, source?: string, url?: string): string {
  let headline = title.replace(/\s+/g, ' ').trim();
  const names = siteNames(source, url);
  const cut = headlineSuffix(headline);
  if (cut && names.length > 0) {
    const tail = squashed(cut.suffix);
    if (tail.length >= 3 && names.includes(tail)) headline = cut.rest;
  }
  return truncate(headline, MAX_HEADLINE_CHARS);
}

/**
 * An outlet name fit for a card: a URL given as the site's name becomes its host, and a name is cut to
 * {@link MAX_SOURCE_CHARS}.
 */
export function cleanSourceName(source: string): string {
  const trimmed = source.replace(/\s+/g, ' ').trim();
  // A URL that does not parse is kept as text.
  const host = /^https?:\/\//i.test(trimmed) ? siteHost(trimmed) : undefined;
  if (host) return host;
  return truncate(trimmed, MAX_SOURCE_CHARS);
}
