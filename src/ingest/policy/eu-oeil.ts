import { euProcedureKey, findPolicyCitations } from '../../core/policy/policy-citations.ts';
import type { ParsedFeed } from '../feeds/feed-model.ts';
import { documentText, isoDay, type PolicyDocument, type PolicyReading } from './policy-document.ts';

/**
 * The European Parliament's Legislative Observatory (OEIL): a procedure's RSS, e.g. for
 * `2024/0001(COD)`, whose items are the procedure's events and stages (a committee vote, a plenary
 * decision). Each event becomes a `procedure` document with the stage as its status.
 */

const OEIL = /^https?:\/\/(?:oeil\.secure\.europarl\.europa\.eu|(?:www\.)?europarl\.europa\.eu\/oeil)\//i;

/** The procedure a feed is about: from its title or link, else from its items. */
function procedureOf(feed: ParsedFeed): string | undefined {
  const where = [
    feed.title,
    decodeURIComponent(feed.link ?? ''),
    ...feed.items.map((i) => `${i.title ?? ''} ${i.summary ?? ''}`),
  ];
  for (const text of where) {
    const found = text ? findPolicyCitations(text).find((c) => c.type === 'eu-procedure') : undefined;
    if (found) return found.id;
  }
  return undefined;
}

/** True when a feed is an OEIL procedure feed: on the Observatory's site and naming a procedure. */
export function isOeilFeed(feed: ParsedFeed): boolean {
  const onOeil =
    OEIL.test(feed.link ?? '') || feed.items.some((item) => OEIL.test(item.url ?? '') || OEIL.test(item.id));
  return onOeil && procedureOf(feed) !== undefined;
}

/** Reads an OEIL procedure feed into one document per event; undefined when it is not one. */
export function readEuOeil(feed: ParsedFeed): PolicyReading {
  if (!isOeilFeed(feed)) return undefined;
  const procedure = procedureOf(feed) as string;
  const page = `https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference=${procedure}`;
  const documents: PolicyDocument[] = [];
  const skipped: string[] = [];
  for (const item of feed.items) {
    const stage = item.title
      ?.replace(new RegExp(`^\\s*${procedure.replace(/[()/]/g, '\\$&')}\\s*[-–:]?\\s*`), '')
      .trim();
    if (!stage) {
      skipped.push(`OEIL item ${item.id} has no title`);
      continue;
    }
    const day = isoDay(item.publishedAt ?? item.updatedAt, 'Europe/Brussels');
    documents.push({
      id: `eu-oeil:${euProcedureKey(procedure)}:${item.id}`,
      url: item.url ?? page,
      title: `${procedure}: ${stage}`,
      text: documentText([
        item.summary,
        `EU legislative procedure ${procedure}: ${stage}${day ? ` (${day})` : ''}.`,
      ]),
      ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
      ...(item.updatedAt ? { modifiedAt: item.updatedAt } : {}),
      policy: {
        kind: 'procedure',
        origin: 'eu-oeil',
        documentNumber: procedure,
        docketIds: [],
        agencies: [{ name: 'European Parliament', slug: 'european-parliament' }],
        jurisdiction: 'eu',
        status: stage,
        ...(day ? { statusOn: day } : {}),
        links: { html: page },
      },
    });
  }
  return {
    ok: true,
    page: { origin: 'eu-oeil', label: `Legislative Observatory ${procedure}`, documents, skipped },
  };
}
