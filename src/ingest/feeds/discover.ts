import { resolveLink } from './feed-text.ts';

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml|json)$|^text\/xml$/i;

/** The first feed a page advertises with <link rel="alternate" type="application/rss+xml" href>, absolute. */
export function discoverFeedLink(html: string, pageUrl: string): string | undefined {
  const head = html.slice(0, 200_000);
  for (const match of head.matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
        .exec(tag)
        ?.slice(1)
        .find(Boolean);
    const rel = attr('rel')?.toLowerCase().split(/\s+/) ?? [];
    const type = attr('type')?.trim() ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.test(type)) continue;
    const href = resolveLink(attr('href')?.replace(/&amp;/g, '&'), pageUrl);
    if (href?.startsWith('http')) return href;
  }
  return undefined;
}
