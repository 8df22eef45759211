import { fileURLToPath } from 'node:url';
import { createDigestServices, provideDigestServices } from '../digests/services.ts';
import type { ChatAdapter } from './adapters/chat-adapter.ts';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './core/clock.ts';
import { type Core, createCore } from './core/core.ts';
import { createStores } from './core/store/keyv-stores.ts';
import type { FetchLimits } from './ingest/fetch.ts';
import { ingestInputs } from './ingest/ingest-inputs.ts';
import type { Logger } from './logger.ts';

/** Where the bundled sample news lives. */
export const SAMPLES_DIR = fileURLToPath(new URL('../samples/', import.meta.url));

/** Everything the composition root builds; `close` releases it in reverse order. */
export interface App {
  config: Config;
  core: Core;
  logger: Logger;
  fetchLimits: FetchLimits;
  /** Keeps this app's records apart on a shared store; the digest ledger uses it too. */
  storePrefix?: string;
  close(): Promise<void>;
}

/** Options that tests and the CLI may override. */
export interface AppOptions {
  clock?: Clock;
  storePrefix?: string;
}

/** The composition root: config → store → core services. Adapters and jobs are added by `startBot`. */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const stores = await createStores({
    url: config.STORE_URL,
    logger: logger.child({ part: 'store' }),
    prefix: options.storePrefix,
  });
  const core = await createCore({ stores, clock: options.clock ?? systemClock, logger });
  // The real TopicService and StoryClusterer go here when they land: createDigestServices(core, { topics, clusterer, … }).
  provideDigestServices(
    core,
    createDigestServices(core, { topN: config.DIGEST_TOP_N, whenEmpty: config.DIGEST_WHEN_EMPTY }),
  );
  const fetchLimits: FetchLimits = {
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    userAgent: config.USER_AGENT,
  };
  return {
    config,
    core,
    logger,
    fetchLimits,
    ...(options.storePrefix ? { storePrefix: options.storePrefix } : {}),
    close: () => stores.close(),
  };
}

/** On first run, an empty store gets the bundled sample news so `/news huawei` answers at once. */
export async function seedSamples(app: App): Promise<number> {
  if (!app.config.SEED_SAMPLES || app.core.index.size > 0) return 0;
  const report = await ingestInputs([SAMPLES_DIR], {
    writer: app.core.writer,
    fetchLimits: app.fetchLimits,
    logger: app.logger,
  });
  app.logger.info(
    { added: report.added, failed: report.failed },
    'seeded the store with the bundled sample news',
  );
  return report.added;
}

/** Which chat platforms have enough configuration to start. */
export function configuredPlatforms(config: Config): string[] {
  const platforms: string[] = [];
  if (config.SLACK_BOT_TOKEN || config.SLACK_APP_TOKEN || config.SLACK_CLIENT_ID) platforms.push('slack');
  if (config.DISCORD_TOKEN) platforms.push('discord');
  return platforms;
}

/** Stops adapters in reverse start order, then the app; used on SIGINT and SIGTERM. */
export async function shutdown(app: App, adapters: ChatAdapter[]): Promise<void> {
  for (const adapter of [...adapters].reverse()) await adapter.stop().catch(() => undefined);
  await app.close();
}
