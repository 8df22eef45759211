import type { FeedItem, ParsedFeed } from '../feeds/feed-model.ts';
import { documentText, isoDay, type PolicyDocument, type PolicyReading } from './policy-document.ts';

/**
 * legislation.gov.uk Atom feeds (`/new/data.feed`, `/uksi/data.feed`, …): each entry's id is
 * `http://www.legislation.gov.uk/id/<type>/<year>/<number>`, e.g. `uksi/2026/1234`, with the
 * `ukm:` metadata namespace beside it.
 */

const LEGISLATION = /^https?:\/\/(?:www\.)?legislation\.gov\.uk\/(?:id\/)?([a-z]{2,6})\/(\d{4})\/(\d+)/i;
const METADATA_NS = 'http://www.legislation.gov.uk/namespaces/metadata';

/** How each type is cited. */
const TYPE_NAMES: Record<string, string> = {
  ukpga: 'Act of Parliament',
  uksi: 'UK Statutory Instrument',
  asp: 'Act of the Scottish Parliament',
  ssi: 'Scottish Statutory Instrument',
  wsi: 'Wales Statutory Instrument',
  asc: 'Act of Senedd Cymru',
  nia: 'Act of the Northern Ireland Assembly',
  nisr: 'Northern Ireland Statutory Rule',
  ukla: 'UK Local Act',
};

function referenceOf(item: FeedItem): { type: string; year: string; number: string } | undefined {
  for (const value of [item.id, item.url]) {
    const match = value ? LEGISLATION.exec(value) : null;
    if (match)
      return {
        type: (match[1] as string).toLowerCase(),
        year: match[2] as string,
        number: match[3] as string,
      };
  }
  return undefined;
}

/** True when a feed is legislation.gov.uk's: its metadata namespace, or entries identified on the site. */
export function isLegislationGovUkFeed(feed: ParsedFeed, raw: string): boolean {
  if (feed.items.length === 0) return raw.includes(METADATA_NS);
  return feed.items.some((item) => referenceOf(item) !== undefined);
}

/** Reads a legislation.gov.uk feed into legislation documents; undefined when it is not one. */
export function readLegislationGovUk(feed: ParsedFeed, raw: string): PolicyReading {
  if (!isLegislationGovUkFeed(feed, raw)) return undefined;
  const documents: PolicyDocument[] = [];
  const skipped: string[] = [];
  for (const item of feed.items) {
    const ref = referenceOf(item);
    if (!ref) {
      skipped.push(`legislation.gov.uk entry "${item.title ?? item.id}" has no legislation id`);
      continue;
    }
    const number = `${ref.type}/${ref.year}/${ref.number}`;
    const html = `https://www.legislation.gov.uk/${number}`;
    const what = TYPE_NAMES[ref.type] ?? 'Legislation';
    const day = isoDay(item.publishedAt ?? item.updatedAt, 'Europe/London');
    const citation = ref.type.endsWith('si')
      ? `${ref.type === 'uksi' ? 'S.I.' : ref.type.toUpperCase()} ${ref.year}/${ref.number}`
      : `${ref.year} c. ${ref.number}`;
    documents.push({
      id: `legislation-gov-uk:${number}`,
      url: html,
      title: item.title?.trim() || `${what} ${ref.year}/${ref.number}`,
      text: documentText([item.summary, `${what} ${citation}.`]),
      ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
      ...(item.updatedAt ? { modifiedAt: item.updatedAt } : {}),
      policy: {
        kind: 'legislation',
        origin: 'legislation-gov-uk',
        documentNumber: number,
        docketIds: [],
        agencies: [{ name: 'UK Parliament', slug: 'uk-parliament' }],
        jurisdiction: 'uk',
        ...(day ? { status: /si$|sr$/.test(ref.type) ? 'Made' : 'Enacted', statusOn: day } : {}),
        citation,
        links: { html },
      },
    });
  }
  return {
    ok: true,
    page: { origin: 'legislation-gov-uk', label: 'legislation.gov.uk', documents, skipped },
  };
}
