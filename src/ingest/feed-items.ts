import { createHash } from 'node:crypto';
import type { ArticleDraft } from '../core/article.ts';
import type { ArticleWriter, SaveStatus } from '../core/article-writer.ts';
import { trustedCanonical } from '../core/canonical-url.ts';
import type { ArticleStore } from '../core/ports/article-store.ts';
import type { Fetcher } from '../core/ports/fetcher.ts';
import { isUserError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { withCredentialsOf } from '../url-credentials.ts';
import { decodeBody } from './charset.ts';
import { cleanArticleText } from './clean-text.ts';
import { plausible } from './dates/date-value.ts';
import { htmlToText } from './extract-html.ts';
import type { PageExtractor } from './extract-off-thread.ts';
import type { FeedItem, ParsedFeed } from './feeds/feed-model.ts';
import { isHttpUrl } from './feeds/feed-text.ts';

/** Below this many words a feed item is a teaser, and its page is fetched for the full text. */
export const TEASER_WORDS = 120;

/** What storing one feed's items did. */
export interface FeedItemsReport {
  added: number;
  updated: number;
  skipped: number;
  failed: number;
  /** Items seen for the first time (new guids). */
  newItems: number;
  errors: string[];
}

/** Dependencies for turning feed items into articles. */
export interface FeedItemsDeps {
  writer: ArticleWriter;
  articles: ArticleStore;
  fetcher: Fetcher;
  /** Extraction off the event loop, for teaser items whose page is fetched. */
  extractor: PageExtractor;
  logger: Logger;
}

/** Options for one feed: who owns its articles, whether they are backlog, and the guid memory to update. */
export interface FeedItemsOptions {
  owner: string;
  backlog: boolean;
  sourceName?: string;
  /** guid hash → article id, carried on the source; updated in place. */
  seen: Record<string, string>;
  /** Fetch the page of teaser-only items (off in previews and tests that only parse). */
  fetchTeasers?: boolean;
  /** The source's own URL: a teaser's page on its origin is fetched with its basic-auth credentials. */
  credentialsFrom?: string;
}

/** The memory key for an item: its guid, hashed short so the source record stays small. */
export function guidKey(item: FeedItem): string {
  return createHash('sha256').update(item.id).digest('hex').slice(0, 16);
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** True when the feed carries only a teaser of this item, not the story. */
export function isTeaser(item: FeedItem): boolean {
  const text = item.contentHtml ? htmlToText(item.contentHtml) : (item.summary ?? '');
  return wordCount(text) < TEASER_WORDS || /(\[…\]|\[\.\.\.\]|…|read more|continue reading)\s*$/i.test(text);
}

/** Builds the draft for one item: the feed's own body when it is full, the page's extracted text when it is a teaser. */
export async function draftForItem(
  item: FeedItem,
  deps: Pick<FeedItemsDeps, 'fetcher' | 'extractor'>,
  options: { sourceName?: string; fetchTeasers?: boolean; credentialsFrom?: string },
): Promise<{ ok: true; draft: ArticleDraft } | { ok: false; reason: string }> {
  if (!isHttpUrl(item.url))
    return { ok: false, reason: `item "${item.title ?? item.id}" has no http(s) link` };
  const feedText = item.contentHtml
    ? cleanArticleText(htmlToText(item.contentHtml), undefined, { inlineChrome: false })
    : (item.summary ?? '');
  const base: ArticleDraft = {
    url: item.url,
    title: item.title ?? firstWords(feedText) ?? item.url,
    text: feedText,
    ...(options.sourceName ? { source: options.sourceName } : {}),
    ...(item.author ? { author: item.author } : {}),
    // A feed date in the future (a scheduled post, a wrong clock) is no publication date: the page is asked instead.
    ...(believable(item.publishedAt) ? { publishedAt: item.publishedAt } : {}),
    ...(believable(item.updatedAt) ? { modifiedAt: item.updatedAt } : {}),
  };
  if (!isTeaser(item) || options.fetchTeasers === false) {
    return base.text ? { ok: true, draft: base } : { ok: false, reason: `item "${base.title}" has no text` };
  }
  try {
    // Only the request carries the credentials; the stored and shown link is the item's own.
    const target = options.credentialsFrom ? withCredentialsOf(options.credentialsFrom, item.url) : item.url;
    const page = await deps.fetcher.fetch(target, {
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    });
    if (page.notModified) throw new Error('unexpected 304');
    const extracted = await deps.extractor.extract(decodeBody(page.body, page.contentType).text, page.url);
    if (extracted.ok) {
      const found = extracted.page;
      return {
        ok: true,
        draft: {
          ...base,
          canonicalUrl: trustedCanonical(page.url, found.canonicalUrl) ?? page.url,
          text: found.text,
          title: item.title ?? found.title,
          ...(base.author || !found.author ? {} : { author: found.author }),
          // The feed's own dates win: the page is only asked when the item has none.
          ...(base.publishedAt || !found.publishedAt ? {} : { publishedAt: found.publishedAt }),
          ...(base.modifiedAt || !found.modifiedAt ? {} : { modifiedAt: found.modifiedAt }),
          ...(found.language ? { language: found.language } : {}),
        },
      };
    }
    if (base.text) return { ok: true, draft: base };
    return { ok: false, reason: `${item.url}: ${extracted.reason}` };
  } catch (error) {
    // The teaser is still news: keep it rather than lose the item, and say why in the log.
    if (base.text) return { ok: true, draft: base };
    return {
      ok: false,
      reason: isUserError(error) ? error.message : `${item.url}: ${(error as Error).message}`,
    };
  }
}

function believable(iso: string | undefined): iso is string {
  return iso !== undefined && plausible(Date.parse(iso), new Date());
}

function firstWords(text: string): string | undefined {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  return words.length > 12 ? `${words.slice(0, 12).join(' ')}…` : words.join(' ');
}

/**
 * Stores a feed's items through the article writer. An item whose guid was seen before updates that
 * article even when its URL changed; one failing item never stops the rest.
 */
export async function storeFeedItems(
  feed: ParsedFeed,
  deps: FeedItemsDeps,
  options: FeedItemsOptions,
): Promise<FeedItemsReport> {
  const report: FeedItemsReport = { added: 0, updated: 0, skipped: 0, failed: 0, newItems: 0, errors: [] };
  for (const item of feed.items) {
    try {
      const key = guidKey(item);
      const knownId = options.seen[key];
      const known = knownId ? await deps.articles.get(knownId) : undefined;
      // A seen teaser with unchanged dates is not fetched again; full-text items are re-saved, and the
      // writer's content hash tells an edit from a repeat.
      if (
        known &&
        isTeaser(item) &&
        !changedSince(item, known.publishedAt, known.updatedAt) &&
        item.url === known.url
      ) {
        report.skipped += 1;
        continue;
      }
      const drafted = await draftForItem(item, deps, options);
      if (!drafted.ok) {
        report.failed += 1;
        report.errors.push(drafted.reason);
        continue;
      }
      const draft = known ? { ...drafted.draft, canonicalUrl: known.canonicalUrl } : drafted.draft;
      const saved = await deps.writer.save(draft, { owner: options.owner, backlog: options.backlog });
      count(report, saved.status);
      if (!knownId) report.newItems += 1;
      options.seen[key] = saved.article.id;
    } catch (error) {
      report.failed += 1;
      report.errors.push(
        isUserError(error) ? error.message : `item ${item.url ?? item.id}: ${(error as Error).message}`,
      );
      if (!isUserError(error))
        deps.logger.error({ err: error, item: item.url }, 'storing a feed item failed');
    }
  }
  return report;
}

function changedSince(item: FeedItem, publishedAt?: string, updatedAt?: string): boolean {
  if (item.publishedAt && item.publishedAt !== publishedAt) return true;
  if (item.updatedAt && updatedAt && item.updatedAt > updatedAt) return true;
  return false;
}

function count(report: FeedItemsReport, status: SaveStatus): void {
  if (status === 'added') report.added += 1;
  else if (status === 'updated') report.updated += 1;
  else report.skipped += 1;
}
