import cron, { type ScheduledTask } from 'node-cron';
import pMap from 'p-map';
import type { ArticleWriter } from '../core/article-writer.ts';
import { trustedCanonical } from '../core/canonical-url.ts';
import type { ArticleStore } from '../core/ports/article-store.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { Fetcher } from '../core/ports/fetcher.ts';
import type { TenantStore } from '../core/ports/tenant-store.ts';
import { type Source, sourceIdFor } from '../core/sources.ts';
import { PUBLIC_OWNER, type Tenant, tenantKey } from '../core/tenant.ts';
import { isUserError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { decodeBody } from './charset.ts';
import { extractOffThread } from './extract-off-thread.ts';
import { type FeedItemsReport, storeFeedItems } from './feed-items.ts';
import { discoverFeedLink } from './feeds/discover.ts';
import { looksLikeFeed, parseFeedText } from './feeds/parse-feed.ts';
import { FetchError } from './fetch.ts';
import type { OpmlSource } from './opml.ts';
import type { PolicyRead, PolicySources } from './policy/policy-sources.ts';
import { storePolicyDocuments } from './policy/store-policy-documents.ts';

/** Where the public starter sources are kept: a tenant no chat workspace can be. */
export const STARTER_TENANT: Tenant = { platform: 'console', id: 'starter' };

/** Longest a failing source waits between tries. */
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

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
  clock: Clock;
  logger: Logger;
  /** How many sources are polled at once (each host is further capped by the fetcher). */
  concurrency?: number;
  /** Fetch the pages of teaser-only items; on by default. */
  fetchTeasers?: boolean;
  /** Reads primary sources (Federal Register, regulations.gov, congress.gov, EU and UK); none: feeds only. */
  policy?: PolicySources;
}

/** Polls due sources; `start` runs it every minute under node-cron with noOverlap. */
export interface Poller {
  pollDue(options?: { all?: boolean }): Promise<SourcePollResult[]>;
  pollSource(tenant: Tenant, source: Source): Promise<SourcePollResult>;
  start(expression?: string): void;
  stop(): Promise<void>;
}

/** The wait after `failures` failures in a row: the interval doubled each time, at most a day. */
export function backoffMs(intervalMinutes: number, failures: number): number {
  return Math.min(MAX_BACKOFF_MS, intervalMinutes * 60_000 * 2 ** Math.min(failures, 20));
}

/** True when a source should be polled now. */
export function isDue(source: Source, now: Date): boolean {
  const next = source.health.nextPollAt;
  return !next || Date.parse(next) <= now.getTime();
}

/** Creates the poller the composition root starts and `policywire poll` runs once. */
export function createPoller(deps: PollerDeps): Poller {
  let task: ScheduledTask | undefined;
  const log = deps.logger.child({ part: 'poller' });

  async function pollSource(tenant: Tenant, source: Source): Promise<SourcePollResult> {
    const now = deps.clock.now();
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
      const target = feedUrl ?? source.url;
      const policy = deps.policy;
      if (policy?.isApiUrl(target)) {
        // A keyed, paged API: its reader sends the key, keeps the quota and follows the pages.
        const report = await storePolicy(await policy.read(target), source, owner, backlog, seen);
        return await finish(tenant, source, base, report, health, seen, feedUrl, now);
      }
      const fetched = await deps.fetcher.fetch(target, {
        etag: health.etag,
        lastModified: health.lastModified,
      });
      if (fetched.notModified) {
        result = { ...base, status: 'not-modified' };
      } else {
        health = { ...health, etag: fetched.etag, lastModified: fetched.lastModified };
        let text = decodeBody(fetched.body, fetched.contentType).text;
        let finalUrl = fetched.url;
        if (!looksLikeFeed(text) && !feedUrl) {
          const discovered = discoverFeedLink(text, fetched.url);
          if (discovered) {
            const feed = await deps.fetcher.fetch(discovered);
            if (!feed.notModified) {
              text = decodeBody(feed.body, feed.contentType).text;
              finalUrl = feed.url;
              feedUrl = discovered;
              health = { ...health, etag: feed.etag, lastModified: feed.lastModified };
            }
          }
        }
        // A primary source is known by its answer's shape (a Federal Register page, an EUR-Lex feed).
        const reading = deps.policy?.recognise(text, finalUrl);
        if (reading && !reading.ok) throw new SourceError(`${finalUrl}: ${reading.reason}`);
        const report =
          reading && deps.policy
            ? await storePolicy(
                await deps.policy.read(finalUrl, { first: reading.page }),
                source,
                owner,
                backlog,
                seen,
              )
            : looksLikeFeed(text)
              ? await storeFeed(text, finalUrl, source, owner, backlog, seen)
              : await storePage(text, finalUrl, source, owner, backlog);
        result = resultOf(base, report);
        health = { ...health, itemsSeen: health.itemsSeen + report.newItems };
      }
      health = { ...health, lastSuccessAt: now.toISOString(), failures: 0, nextPollAt: base.nextPollAt };
    } catch (error) {
      const failures = health.failures + 1;
      const retryAfter = error instanceof FetchError ? (error.details.retryAfterMs ?? 0) : 0;
      const wait = Math.max(
        backoffMs(source.intervalMinutes, failures),
        Math.min(retryAfter, MAX_BACKOFF_MS),
      );
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof FetchError) && !(error instanceof SourceError) && !isUserError(error))
        log.error({ err: error, source: source.url }, 'polling a source failed unexpectedly');
      const nextPollAt = new Date(now.getTime() + wait).toISOString();
      health = { ...health, failures, lastError: message, lastErrorAt: now.toISOString(), nextPollAt };
      result = { ...base, status: 'failed', error: message, nextPollAt };
    }
    await saveHealth(tenant, source, { ...health }, seen, feedUrl);
    const fields = {
      source: source.url,
      status: result.status,
      added: result.added,
      updated: result.updated,
    };
    if (result.status === 'failed') log.warn({ ...fields, error: result.error }, 'source polled');
    else log.info(fields, 'source polled');
    return result;
  }

  /** Ends a poll that read a policy API: the same health and result as a feed's. */
  async function finish(
    tenant: Tenant,
    source: Source,
    base: SourcePollResult,
    report: FeedItemsReport,
    health: Source['health'],
    seen: Record<string, string>,
    feedUrl: string | undefined,
    now: Date,
  ): Promise<SourcePollResult> {
    const result = resultOf(base, report);
    const next = {
      ...health,
      itemsSeen: health.itemsSeen + report.newItems,
      lastSuccessAt: now.toISOString(),
      failures: 0,
      nextPollAt: base.nextPollAt,
    };
    await saveHealth(tenant, source, next, seen, feedUrl);
    log.info(
      { source: source.url, status: result.status, added: result.added, updated: result.updated },
      'source polled',
    );
    return result;
  }

  async function storePolicy(
    read: PolicyRead,
    source: Source,
    owner: string,
    backlog: boolean,
    seen: Record<string, string>,
  ): Promise<FeedItemsReport> {
    const report = await storePolicyDocuments(read.documents, deps, {
      owner,
      backlog,
      sourceName: source.name,
      seen,
    });
    return { ...report, errors: [...read.errors, ...report.errors] };
  }

  async function storeFeed(
    text: string,
    url: string,
    source: Source,
    owner: string,
    backlog: boolean,
    seen: Record<string, string>,
  ): Promise<FeedItemsReport> {
    const parsed = parseFeedText(text, url);
    if (!parsed.ok) throw new SourceError(`${url}: ${parsed.reason}`);
    if (parsed.recovered) log.warn({ source: url }, 'feed markup was broken; recovered what could be read');
    return storeFeedItems(parsed.feed, deps, {
      owner,
      backlog,
      sourceName: source.name,
      seen,
      fetchTeasers: deps.fetchTeasers ?? true,
    });
  }

  async function storePage(
    html: string,
    url: string,
    source: Source,
    owner: string,
    backlog: boolean,
  ): Promise<FeedItemsReport> {
    const extracted = await extractOffThread(html, url);
    if (!extracted.ok)
      throw new SourceError(`${url} is neither a feed nor an article page: ${extracted.reason}`);
    const page = extracted.page;
    const saved = await deps.writer.save(
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
    tenant: Tenant,
    source: Source,
    health: Source['health'],
    seen: Record<string, string>,
    feedUrl: string | undefined,
  ): Promise<void> {
    try {
      // A source removed while it was being polled stays removed.
      const current = await deps.sources.get(tenant, source.id);
      if (!current) return;
      await deps.sources.put(tenant, source.id, { ...current, health, seen: trimSeen(seen), feedUrl });
    } catch (error) {
      log.error({ err: error, source: source.url }, 'could not save source health');
    }
  }

  async function pollDue(options: { all?: boolean } = {}): Promise<SourcePollResult[]> {
    const now = deps.clock.now();
    const due: { tenant: Tenant; source: Source }[] = [];
    try {
      for await (const entry of deps.sources.listAll()) {
        if (options.all || isDue(entry.value, now)) due.push({ tenant: entry.tenant, source: entry.value });
      }
    } catch (error) {
      log.error({ err: error }, 'could not list sources');
      return [];
    }
    const results: SourcePollResult[] = [];
    await pMap(
      due,
      async (job: { tenant: Tenant; source: Source }) => {
        try {
          results.push(await pollSource(job.tenant, job.source));
        } catch (error) {
          // pollSource does not throw; this is the last line of defence for the poller itself.
          log.error({ err: error, source: job.source.url }, 'poll crashed for one source');
        }
      },
      { concurrency: Math.max(1, deps.concurrency ?? 4) },
    );
    return results;
  }

  return {
    pollDue,
    pollSource,
    start(expression = '* * * * *') {
      if (task) return;
      task = cron.schedule(
        expression,
        async () => {
          try {
            await pollDue();
          } catch (error) {
            log.error({ err: error }, 'poll run failed');
          }
        },
        { name: 'policywire-poll', noOverlap: true },
      );
    },
    async stop() {
      await task?.destroy();
      task = undefined;
    },
  };
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

/** Adds the starter OPML's sources as public sources once; existing ones keep their health. */
export async function loadStarterSources(
  store: TenantStore<Source>,
  starters: OpmlSource[],
  clock: Clock,
  intervalMinutes: number,
): Promise<number> {
  let added = 0;
  for (const starter of starters) {
    const id = sourceIdFor(starter.url);
    if (await store.get(STARTER_TENANT, id)) continue;
    await store.put(STARTER_TENANT, id, {
      id,
      url: starter.url,
      name: starter.name.slice(0, 100),
      intervalMinutes,
      createdAt: clock.now().toISOString(),
      addedBy: 'starter.opml',
      health: { itemsSeen: 0, failures: 0 },
    });
    added += 1;
  }
  return added;
}
