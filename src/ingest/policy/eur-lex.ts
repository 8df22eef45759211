import { findPolicyCitations } from '../../core/policy/policy-citations.ts';
import type { FeedItem, ParsedFeed } from '../feeds/feed-model.ts';
import { documentText, isoDay, type PolicyDocument, type PolicyReading } from './policy-document.ts';

/**
 * EUR-Lex RSS (eur-lex.europa.eu, e.g. the Official Journal or a search's RSS): items link to
 * `legal-content/…?uri=CELEX:32024R1689`, and the CELEX number says what the act is.
 */

const CELEX_IN_LINK = /[?&]uri=CELEX(?::|%3A)([0-9CE]\d{4}[A-Z]{1,2}\d{4})/i;

/** The CELEX number of an item: from its link, else its guid or title. */
function celexOf(item: FeedItem): string | undefined {
  for (const value of [item.url, item.id]) {
    const match = value ? CELEX_IN_LINK.exec(value) : null;
    if (match) return (match[1] as string).toUpperCase();
  }
  return findPolicyCitations(`${item.id} ${item.title ?? ''}`).find((c) => c.type === 'celex')?.id;
}

/** True when a feed is EUR-Lex's: its link or its items' links are on eur-lex.europa.eu with CELEX numbers. */
export function isEurLexFeed(feed: ParsedFeed): boolean {
  const onEurLex = (url?: string) =>
    Boolean(url && /^https?:\/\/(?:[\w-]+\.)*eur-lex\.europa\.eu\//i.test(url));
  return feed.items.length > 0
    ? feed.items.some((item) => onEurLex(item.url) && celexOf(item) !== undefined)
    : onEurLex(feed.link);
}

/** Reads an EUR-Lex feed into legislation documents keyed by CELEX; undefined when it is not one. */
export function readEurLex(feed: ParsedFeed): PolicyReading {
  if (!isEurLexFeed(feed)) return undefined;
  const documents: PolicyDocument[] = [];
  const skipped: string[] = [];
  for (const item of feed.items) {
    const celex = celexOf(item);
    const cited = celex ? findPolicyCitations(celex).find((c) => c.type === 'celex') : undefined;
    if (!celex || !cited || !item.url) {
      skipped.push(`EUR-Lex item "${item.title ?? item.id}" has no CELEX number`);
      continue;
    }
    const published = isoDay(item.publishedAt ?? item.updatedAt, 'Europe/Brussels');
    documents.push({
      id: `eur-lex:${celex}`,
      url: cited.url,
      title: item.title?.trim() || `EUR-Lex ${celex}`,
      text: documentText([item.summary, `EUR-Lex document CELEX ${celex}.`]),
      ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
      ...(item.updatedAt ? { modifiedAt: item.updatedAt } : {}),
      policy: {
        kind: cited.kind ?? 'other',
        origin: 'eur-lex',
        documentNumber: celex,
        docketIds: [],
        agencies: [{ name: 'European Union', slug: 'eu' }],
        jurisdiction: 'eu',
        ...(published ? { status: 'Published', statusOn: published } : {}),
        citation: `CELEX ${celex}`,
        links: { html: cited.url },
      },
    });
  }
  return { ok: true, page: { origin: 'eur-lex', label: 'EUR-Lex', documents, skipped } };
}
