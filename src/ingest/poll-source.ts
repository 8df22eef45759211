import type { ArticleWriter } from '../core/article-writer.ts';
import { trustedCanonical } from '../core/canonical-url.ts';
import type { ArticleStore } from '../core/ports/article-store.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { Fetcher } from '../core/ports/fetcher.ts';
import type { TenantStore } from '../core/ports/tenant-store.ts';
import type { Source } from '../core/sources.ts';
import { PUBLIC_OWNER, type Tenant, tenantKey } from '../core/tenant.ts';
import { isUserError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { withCredentialsOf } from '../url-credentials.ts';
import { decodeBody } from './charset.ts';
import type { PageExtractor } from './extract-off-thread.ts';
import { type FeedItemsReport, storeFeedItems } from './feed-items.ts';
import { discoverFeedLink } from './feeds/discover.ts';
import { looksLikeFeed, parseFeedText } from './feeds/parse-feed.ts';
import { FetchError } from './fetch.ts';
import type { PolicyRead, PolicySources } from './policy/policy-sources.ts';
import { storePolicyDocuments } from './policy/store-policy-documents.ts';

/** Where the public starter sources are kept: a tenant no chat workspace can be. */
export const STARTER_TENANT: Tenant = { platform: 'console', id: 'starter' };

/** Longest a failing source waits between tries. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/** One source's poll, as `policywire poll --json` prints it. */
export interface SourcePollResult {
  tenant: string;
  id: string;
  name: string;
  url: string;
  status: 'ok' | 'not-modified' | 'failed';
  added: number;
  updated: number;
  skipped: number;
  failed: number;
  backlog: boolean;
  error?: string;
  itemErrors: string[];
  nextPollAt: string;
}

/** Dependencies of the poller. */
export interface PollerDeps {
  sources: TenantStore<Source>;
  writer: ArticleWriter;
  articles: ArticleStore;
  fetcher: Fetcher;
  /** Extraction off the event loop: the composition root's worker pool. */
  extractor: PageExtractor;
  clock: Clock;
  logger: Logger;
  /** How many sources are polled at once (each host is further capped by the fetcher). */
  concurrency?: number;
  /** Fetch the pages of teaser-only items; on by default. */
  fetchTeasers?: boolean;
  /** Reads primary sources (Federal Register, regulations.gov, congress.gov, EU and UK); none: feeds only. */
  policy?: PolicySources;
}

/** The wait after `failures` failures in a row: the interval doubled each time, at most a day. */
export function backoffMs(intervalMinutes: number, failures: number): number {
  return Math.min(MAX_BACKOFF_MS, intervalMinutes * 60_000 * 2 ** Math.min(failures, 20));
}

/** Polls one source: fetch (conditionally), read the feed or page, store the items, save the source's health. */
export function createSourcePoller(
  deps: PollerDeps,
  log: Logger,
): (tenant: Tenant, source: Source) => Promise<SourcePollResult> {
  const ctx: PollContext = { deps, log };
  return (tenant, source) => pollSource(ctx, tenant, source);
}

/** What every step of a poll works with. */
interface PollContext {
  deps: PollerDeps;
  log: Logger;
}

async function pollSource(ctx: PollContext, tenant: Tenant, source: Source): Promise<SourcePollResult> {
  const now = ctx.deps.clock.now();
  const owner = tenantKey(tenant) === tenantKey(STARTER_TENANT) ? PUBLIC_OWNER : tenantKey(tenant);
  // Items a source already carries when it is first read are backlog: searchable, never a digest flood.
  const backlog = !source.health.lastSuccessAt;
  const seen = { ...(source.seen ?? {}) };
  const base: SourcePollResult = {
    tenant: tenantKey(tenant),
    id: source.id,
    name: source.name,
    url: source.url,
    status: 'ok',
    added: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    backlog,
    itemErrors: [],
    nextPollAt: new Date(now.getTime() + source.intervalMinutes * 60_000).toISOString(),
  };
  let result: SourcePollResult;
  let health = { ...source.health };
  let feedUrl = source.feedUrl;
  try {
    const read = await readSource(ctx, source, feedUrl, health, owner, backlog, seen);
    feedUrl = read.feedUrl;
    health = read.health;
    result = read.report ? resultOf(base, read.report) : { ...base, status: 'not-modified' };
    if (read.report) health = { ...health, itemsSeen: health.itemsSeen + read.report.newItems };
    health = { ...health, lastSuccessAt: now.toISOString(), failures: 0, nextPollAt: base.nextPollAt };
  } catch (error) {
    const failures = health.failures + 1;
    const retryAfter = error instanceof FetchError ? (error.details.retryAfterMs ?? 0) : 0;
    const wait = Math.max(backoffMs(source.intervalMinutes, failures), Math.min(retryAfter, MAX_BACKOFF_MS));
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof FetchError) && !(error instanceof SourceError) && !isUserError(error))
      ctx.log.error({ err: error, source: source.url }, 'polling a source failed unexpectedly');
    const nextPollAt = new Date(now.getTime() + wait).toISOString();
    health = { ...health, failures, lastError: message, lastErrorAt: now.toISOString(), nextPollAt };
    result = { ...base, status: 'failed', error: message, nextPollAt };
  }
  await saveHealth(ctx, tenant, source, { ...health }, seen, feedUrl);
  const fields = {
    source: source.url,
    status: result.status,
    added: result.added,
    updated: result.updated,
  };
  if (result.status === 'failed') ctx.log.warn({ ...fields, error: result.error }, 'source polled');
  else ctx.log.info(fields, 'source polled');
  return result;
}

/**
 * Fetches a source (conditionally) and stores what it carries: a policy API through its reader, a page
 * that links its feed through that feed, else the feed or the article page itself. No report: unchanged.
 */
async function readSource(
  ctx: PollContext,
  source: Source,
  knownFeedUrl: string | undefined,
  before: Source['health'],
  owner: string,
  backlog: boolean,
  seen: Record<string, string>,
): Promise<{ report?: FeedItemsReport; health: Source['health']; feedUrl: string | undefined }> {
  let feedUrl = knownFeedUrl;
  const target = feedUrl ?? source.url;
  const policy = ctx.deps.policy;
  if (policy?.isApiUrl(target)) {
    // A keyed, paged API: its reader sends the key, keeps the quota and follows the pages.
    const report = await storePolicy(ctx, await policy.read(target), source, owner, backlog, seen);
    return { report, health: before, feedUrl };
  }
  const fetched = await ctx.deps.fetcher.fetch(target, {
    etag: before.etag,
    lastModified: before.lastModified,
  });
  if (fetched.notModified) return { health: before, feedUrl };
  let health = { ...before, etag: fetched.etag, lastModified: fetched.lastModified };
  let text = decodeBody(fetched.body, fetched.contentType).text;
  let finalUrl = fetched.url;
  if (!looksLikeFeed(text) && !feedUrl) {
    const link = discoverFeedLink(text, fetched.url);
    // The feed beside a protected page is protected too: the fetched URL its link resolved against has
    // the credentials stripped.
    const discovered = link ? withCredentialsOf(target, link) : undefined;
    if (discovered) {
      const feed = await ctx.deps.fetcher.fetch(discovered);
      if (!feed.notModified) {
        text = decodeBody(feed.body, feed.contentType).text;
        finalUrl = feed.url;
        feedUrl = discovered;
        health = { ...health, etag: feed.etag, lastModified: feed.lastModified };
      }
    }
  }
  // A primary source is known by its answer's shape (a Federal Register page, an EUR-Lex feed).
  const reading = policy?.recognise(text, finalUrl);
  if (reading && !reading.ok) throw new SourceError(`${finalUrl}: ${reading.reason}`);
  const report =
    reading && policy
      ? await storePolicy(
          ctx,
          await policy.read(finalUrl, { first: reading.page }),
          source,
          owner,
          backlog,
          seen,
        )
      : looksLikeFeed(text)
        ? await storeFeed(ctx, text, finalUrl, source, owner, backlog, seen)
        : await storePage(ctx, text, finalUrl, source, owner, backlog);
  return { report, health, feedUrl };
}

async function storePolicy(
  ctx: PollContext,
  read: PolicyRead,
  source: Source,
  owner: string,
  backlog: boolean,
  seen: Record<string, string>,
): Promise<FeedItemsReport> {
  const report = await storePolicyDocuments(read.documents, ctx.deps, {
    owner,
    backlog,
    sourceName: source.name,
    seen,
  });
  return { ...report, errors: [...read.errors, ...report.errors] };
}

async function storeFeed(
  ctx: PollContext,
  text: string,
  url: string,
  source: Source,
  owner: string,
  backlog: boolean,
  seen: Record<string, string>,
): Promise<FeedItemsReport> {
  const parsed = parseFeedText(text, url);
  if (!parsed.ok) throw new SourceError(`${url}: ${parsed.reason}`);
  if (parsed.recovered) ctx.log.warn({ source: url }, 'feed markup was broken; recovered what could be read');
  return storeFeedItems(parsed.feed, ctx.deps, {
    owner,
    backlog,
    sourceName: source.name,
    seen,
    fetchTeasers: ctx.deps.fetchTeasers ?? true,
    credentialsFrom: source.url,
  });
}

async function storePage(
  ctx: PollContext,
  html: string,
  url: string,
  source: Source,
  owner: string,
  backlog: boolean,
): Promise<FeedItemsReport> {
  const extracted = await ctx.deps.extractor.extract(html, url);
  if (!extracted.ok)
    throw new SourceError(`${url} is neither a feed nor an article page: ${extracted.reason}`);
  const page = extracted.page;
  const saved = await ctx.deps.writer.save(
    {
      url,
      canonicalUrl: trustedCanonical(url, page.canonicalUrl),
      title: page.title,
      text: page.text,
      source: source.name,
      author: page.author,
      publishedAt: page.publishedAt,
      language: page.language,
    },
    { owner, backlog },
  );
  const added = saved.status === 'added' ? 1 : 0;
  return {
    added,
    updated: saved.status === 'updated' ? 1 : 0,
    skipped: saved.status === 'skipped' ? 1 : 0,
    failed: 0,
    newItems: added,
    errors: [],
  };
}

async function saveHealth(
  ctx: PollContext,
  tenant: Tenant,
  source: Source,
  health: Source['health'],
  seen: Record<string, string>,
  feedUrl: string | undefined,
): Promise<void> {
  try {
    // A source removed while it was being polled stays removed.
    const current = await ctx.deps.sources.get(tenant, source.id);
    if (!current) return;
    await ctx.deps.sources.put(tenant, source.id, { ...current, health, seen: trimSeen(seen), feedUrl });
  } catch (error) {
    ctx.log.error({ err: error, source: source.url }, 'could not save source health');
  }
}

/** A poll's result from what storing its items did. */
function resultOf(base: SourcePollResult, report: FeedItemsReport): SourcePollResult {
  return {
    ...base,
    added: report.added,
    updated: report.updated,
    skipped: report.skipped,
    failed: report.failed,
    itemErrors: report.errors.slice(0, 20),
  };
}

/** A source that answered but could not be read (not a feed, nothing extractable). */
class SourceError extends Error {}

const MAX_SEEN = 2000;

function trimSeen(seen: Record<string, string>): Record<string, string> {
  const keys = Object.keys(seen);
  if (keys.length <= MAX_SEEN) return seen;
  // Insertion order is age order: drop the oldest guids, which the feed has long since let go of.
  return Object.fromEntries(keys.slice(keys.length - MAX_SEEN).map((key) => [key, seen[key] as string]));
}
