import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../main.ts';
import { parseOpmlSources } from './opml.ts';
import { createPoller, loadStarterSources, type Poller } from './poll.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A relative STARTER_SOURCES path is read from the working directory, else from the package (the bundled list). */
function starterPath(file: string): string {
  if (isAbsolute(file) || existsSync(resolve(file))) return resolve(file);
  return resolve(PACKAGE_ROOT, file);
}

/** Builds the app's poller from its parts. */
export function createAppPoller(app: App): Poller {
  return createPoller({
    sources: app.core.sources,
    writer: app.core.writer,
    articles: app.core.articles,
    fetcher: app.fetcher,
    clock: app.core.clock,
    logger: app.logger,
  });
}

/** Loads the starter OPML as public sources (once), then polls due sources every minute until the app closes; undefined when POLL_SOURCES=false. */
export async function startPolling(app: App): Promise<Poller | undefined> {
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
  const poller = createAppPoller(app);
  poller.start();
  // Closing the app stops the poller first, so no poll runs against a closed store.
  const close = app.close;
  app.close = async () => {
    await poller.stop();
    await close();
  };
  // The first poll runs now rather than a minute from now; failures are per source and never thrown.
  void poller.pollDue();
  return poller;
}
