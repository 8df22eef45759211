import { withoutUserInfo } from '../url-credentials.ts';
import type { ArticleDraft } from './article.ts';
import { canonicalizeUrl } from './canonical-url.ts';
import { cleanHeadline, cleanSourceName, MAX_SUMMARY_CHARS, siteHost } from './text/headline.ts';
import { truncate } from './text/truncate.ts';

/** What a card shows of a draft besides its summary: the link it goes by, its headline and its outlet. */
export interface CardFields {
  url: string;
  canonicalUrl: string;
  title: string;
  source: string;
}

/**
 * A draft's canonical URL, headline and outlet as the article writer stores them and `/news` shows them:
 * the outlet is the draft's name for it, or its host when it names none or names a URL; the headline loses
 * the site's own name ("… | WIRED"); both are bounded; neither link keeps a user name or password. Preview shows the same fields, so it cannot drift.
 */
export function cardFields(
  draft: Pick<ArticleDraft, 'url' | 'canonicalUrl' | 'title' | 'source'>,
): CardFields {
  // A card's link goes to everyone in the channel: never with the user-info a feed was fetched with.
  const url = withoutUserInfo(draft.url);
  const canonicalUrl = withoutUserInfo(canonicalizeUrl(draft.canonicalUrl ?? draft.url));
  const source = cleanSourceName(draft.source?.trim() || outletOf(canonicalUrl));
  return { url, canonicalUrl, title: cleanHeadline(draft.title, source, canonicalUrl), source };
}

/** A summary as a card holds it: bounded whatever wrote it (a model may ramble, a scrape may lack full stops). */
export function cardSummary(summary: string): string {
  return truncate(summary, MAX_SUMMARY_CHARS);
}

/** The outlet of an address that names none: its host, `local file`, or `unknown source` when unparsable. */
function outletOf(url: string): string {
  const host = siteHost(url);
  return host === undefined ? 'unknown source' : host || 'local file';
}
