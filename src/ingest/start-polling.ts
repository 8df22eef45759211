import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import type { Core } from '../core/core.ts';
import type { Fetcher } from '../core/ports/fetcher.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import type { Logger } from '../logger.ts';
import type { PageExtractor } from './extract-off-thread.ts';
import { parseOpmlSources } from './opml.ts';
import type { PolicySources } from './policy/policy-sources.ts';
import { createPoller, loadStarterSources, type Poller } from './poll.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A relative STARTER_SOURCES path is read from the working directory, else from the package (the bundled list). */
function starterPath(file: string): string {
  if (isAbsolute(file) || existsSync(resolve(file))) return resolve(file);
  return resolve(PACKAGE_ROOT, file);
}

/** What the poller is built from: the composition root's core, fetcher, logger and polling settings. */
export interface PollingHost {
  core: Core;
  fetcher: Fetcher;
  /** Extraction on worker threads, owned by the composition root. */
  extractor: PageExtractor;
  /** Primary-source readers; without them policy APIs are polled as plain URLs. */
  policy?: PolicySources;
  logger: Logger;
  config: Pick<
    Config,
    'POLL_SOURCES' | 'STARTER_SOURCES' | 'POLL_INTERVAL_MINUTES' | 'POLL_TICK_MS' | 'POLL_HOST_SPACING_MS'
  >;
  /** The shared job engine when several instances run on Redis or PostgreSQL. */
  jobs?: () => Promise<JobQueue | undefined>;
}

/** Builds the app's poller from its parts. */
export function createAppPoller(app: PollingHost, queue?: JobQueue): Poller {
  return createPoller(
    {
      sources: app.core.sources,
      writer: app.core.writer,
      articles: app.core.articles,
      fetcher: app.fetcher,
      extractor: app.extractor,
      clock: app.core.clock,
      logger: app.logger,
      ...(app.policy ? { policy: app.policy } : {}),
    },
    queue
      ? { queue, tickMs: app.config.POLL_TICK_MS, hostSpacingMs: app.config.POLL_HOST_SPACING_MS }
      : undefined,
  );
}

/**
 * Loads the starter OPML as public sources (once), then polls due sources every minute (through the job engine when there is one); undefined when
 * POLL_SOURCES=false. The caller owns the poller and stops it before the store closes.
 */
export async function startPolling(app: PollingHost): Promise<Poller | undefined> {
  if (!app.config.POLL_SOURCES) return undefined;
  const file = app.config.STARTER_SOURCES;
  if (file.toLowerCase() !== 'none') {
    try {
      const starters = parseOpmlSources(await readFile(starterPath(file), 'utf8'));
      const added = await loadStarterSources(
        app.core.sources,
        starters,
        app.core.clock,
        app.config.POLL_INTERVAL_MINUTES,
      );
      app.logger.info({ file, starters: starters.length, added }, 'starter sources loaded');
    } catch (error) {
      // A missing or broken starter list is logged; the bot still runs on the tenants' own sources.
      app.logger.warn({ file, err: (error as Error).message }, 'could not load the starter sources');
    }
  }
  const queue = await app.jobs?.();
  const poller = createAppPoller(app, queue);
  poller.start();
  // The first poll runs now rather than a minute from now; failures are per source and never thrown.
  // On a job engine the first tick does that, through the engine, so instances never poll twice.
  if (!queue) void poller.pollDue();
  return poller;
}
