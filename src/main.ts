import { fileURLToPath } from 'node:url';
import type { CommandSettings } from '../commands/define.ts';
import { createDigestChartAttachments } from '../digests/digest-chart.ts';
import { createDigestServices, type DigestServices } from '../digests/services.ts';
import { type AutocompleteProviders, defaultAutocomplete } from './adapters/discord/autocomplete.ts';
import type { DiscordAdapter } from './adapters/discord/discord-adapter.ts';
import type { WebMount } from './adapters/slack/app-options.ts';
import type { SlackAdapter } from './adapters/slack/slack-adapter.ts';
import type { AdminConsoleDeps } from './adapters/web-console/console-deps.ts';
import type { AdminConsole } from './adapters/web-console/console-server.ts';
import { resolveConsoleSettings } from './adapters/web-console/console-settings.ts';
import { createLazyChartRenderer } from './charts/lazy-chart-renderer.ts';
import type { Config } from './config.ts';
import { type Core, createCore } from './core/core.ts';
import { DEFAULT_POLICY_API_BASES, type PolicyApiBases } from './core/policy/follow-queries.ts';
import { createPrimarySourceFinder } from './core/policy/primary-sources.ts';
import type { ChartRenderer } from './core/ports/chart-renderer.ts';
import type { Clock } from './core/ports/clock.ts';
import type { Fetcher, FetchLimits } from './core/ports/fetcher.ts';
import { DEFAULT_JOB_TUNING, type JobQueue, type QueueDepth } from './core/ports/job-queue.ts';
import type { StoreKind, Stores } from './core/ports/stores.ts';
import { type Readiness, readinessOf } from './core/readiness.ts';
import { createInvertedIndex } from './core/search/inverted-index.ts';
import { openJobQueue } from './core/store/open-job-queue.ts';
import { createStores } from './core/store/open-stores.ts';
import { safePrefix } from './core/store/store-prefix.ts';
import { createSummarizer } from './core/summarize/create-summarizer.ts';
import { systemClock } from './core/system-clock.ts';
import { createOffThreadExtractor, type OffThreadExtractor } from './ingest/extract-off-thread.ts';
import { createFetcher } from './ingest/fetch.ts';
import { ingestInputs } from './ingest/ingest-inputs.ts';
import { createPolicySources, type PolicySources } from './ingest/policy/policy-sources.ts';
import { createSsrfGuard } from './ingest/ssrf-guard.ts';
import type { Logger } from './logger.ts';

/** Where the bundled sample news lives. */
export const SAMPLES_DIR = fileURLToPath(new URL('../samples/', import.meta.url));

/** Everything the composition root builds; `close` releases it in reverse order. */
export interface App {
  config: Config;
  /** The one backend connection every store, namespace and the ledger use. */
  stores: Stores;
  core: Core;
  /** Digest services over the core's own topic service and clusterer. */
  digests: DigestServices;
  /** What commands read from the config (the poll interval `/sources add` schedules). */
  commandSettings: CommandSettings;
  logger: Logger;
  fetchLimits: FetchLimits;
  /** The one guarded fetcher (shared per-host limits) for sources, pages and `ingest <url>`. */
  fetcher: Fetcher;
  /** Article extraction on worker threads (EXTRACT_THREADS), for polled pages and teaser items. */
  extractor: OffThreadExtractor;
  /** Reads primary sources (Federal Register, regulations.gov, congress.gov, EU, UK) with their keys and quotas. */
  policy: PolicySources;
  /** Draws charts (topic volume) as PNG; loads its libraries on the first chart. */
  charts: ChartRenderer;
  /** Keeps this app's records apart on a shared store; the digest ledger uses it too. */
  storePrefix?: string;
  /** Parts started later (poller, digest job, adapters) hand their stop here; `close` runs them newest first. */
  lifecycle: Lifecycle;
  /**
   * The job engine on the store's server (BullMQ on Redis, pg-boss on PostgreSQL; none on SQLite), opened
   * on first call by the verbs that run workers. It closes before the stores and after every part that
   * enqueues or works on it; its `depths()` are the queue depths `status --json` shows.
   */
  jobs(): Promise<JobQueue | undefined>;
  /** GET /readyz and `policywire status`: store reachable, index caught up, lag. */
  readiness(): Promise<Readiness>;
  /** What `policywire status` reports beyond the index; the job engine sets `queueDepths` when it starts. */
  ops: OpsHooks;
  close(): Promise<void>;
}

/** Hooks the operational surface reads; each part that knows a figure sets its hook. */
export interface OpsHooks {
  /** Waiting and active jobs per queue (BullMQ or pg-boss); undefined until a job engine runs. */
  queueDepths?: () => Promise<Record<string, QueueDepth>>;
}

/** Stops registered with the root, run in reverse order of registration. */
export interface Lifecycle {
  add(name: string, stop: () => Promise<void>): void;
  closeAll(): Promise<void>;
}

/** A lifecycle whose closeAll logs (never throws) a failed stop and goes on with the rest. */
export function createLifecycle(logger: Logger): Lifecycle {
  const stops: { name: string; stop: () => Promise<void> }[] = [];
  return {
    add: (name, stop) => {
      stops.push({ name, stop });
    },
    async closeAll() {
      while (stops.length > 0) {
        const part = stops.pop()!;
        await part
          .stop()
          .catch((error: unknown) => logger.error({ err: error, part: part.name }, 'stop failed'));
      }
    },
  };
}

/** Options that tests and the CLI may override. */
export interface AppOptions {
  clock?: Clock;
  storePrefix?: string;
  /** With no saved index, answer at once and build it in the background (`start`); CLI verbs wait for it. */
  warmInBackground?: boolean;
}

/** The composition root: config → store → core services. Adapters and jobs are added by `startBot`. */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const lifecycle = createLifecycle(logger);
  const stores = await createStores({
    url: config.STORE_URL,
    logger: logger.child({ part: 'store' }),
    prefix: options.storePrefix ?? config.STORE_PREFIX,
    snapshotDir: config.INDEX_SNAPSHOT_DIR,
    changeLogRetention: config.CHANGE_LOG_RETENTION,
  });
  lifecycle.add('stores', () => stores.close());
  const summarizer = createSummarizer(config, logger);
  const guard = createSsrfGuard({
    allowPrivate: config.ALLOW_PRIVATE_NETWORKS,
    allowMetadata: config.ALLOW_METADATA_ADDRESSES,
  });
  const fetchLimits = fetchLimitsFrom(config);
  const fetcher = createFetcher({ limits: fetchLimits, guard, logger: logger.child({ part: 'fetch' }) });
  const policy = createPolicySources({ fetcher, settings: policySettingsFrom(config) });
  const extractor = createOffThreadExtractor({ threads: config.EXTRACT_THREADS });
  lifecycle.add('extractor', () => extractor.close());
  const core = await createCore({
    stores,
    clock: options.clock ?? systemClock,
    logger,
    summarizer,
    sourceGuard: guard,
    policySources: policy,
    ...(options.warmInBackground ? { warmInBackground: true } : {}),
  });
  lifecycle.add('core', () => core.close());
  const charts = createLazyChartRenderer();
  const digests = createDigestServicesFor(config, core, stores, charts, logger);
  const ops: OpsHooks = {};
  const openJobs = createJobOpener(config, stores.kind, options.storePrefix, lifecycle, ops, logger);
  return {
    config,
    stores,
    core,
    digests,
    commandSettings: { pollIntervalMinutes: config.POLL_INTERVAL_MINUTES },
    logger,
    fetchLimits,
    fetcher,
    extractor,
    policy,
    ...((options.storePrefix ?? config.STORE_PREFIX)
      ? { storePrefix: (options.storePrefix ?? config.STORE_PREFIX)! }
      : {}),
    charts,
    lifecycle,
    jobs: openJobs,
    readiness: () => readinessOf(core, config.INSTANCE_ID, stores.kind),
    ops,
    close: () => lifecycle.closeAll(),
  };
}

/** The fetcher's limits, from the config. */
function fetchLimitsFrom(config: Config): FetchLimits {
  return {
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    userAgent: config.USER_AGENT,
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    maxRedirects: config.FETCH_MAX_REDIRECTS,
    allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS,
    perHostConcurrency: config.PER_HOST_CONCURRENCY,
  };
}

/** Where the policy readers find their APIs, and their keys. */
function policySettingsFrom(config: Config) {
  return {
    federalRegisterUrl: config.FEDERAL_REGISTER_API_URL,
    regulationsGovUrl: config.REGULATIONS_GOV_API_URL,
    regulationsGovKey: config.REGULATIONS_GOV_API_KEY,
    congressGovUrl: config.CONGRESS_GOV_API_URL,
    congressGovKey: config.CONGRESS_GOV_API_KEY,
  };
}

/** The digest services over the core's own article store, topics, clusterer and index. */
function createDigestServicesFor(
  config: Config,
  core: Core,
  stores: Stores,
  charts: ChartRenderer,
  logger: Logger,
): DigestServices {
  return createDigestServices({
    articles: core.articles,
    stores,
    topics: core.topics,
    clusterer: core.stories,
    primarySources: createPrimarySourceFinder({ index: core.index, articles: core.articles }),
    createIndex: createInvertedIndex,
    topN: config.DIGEST_TOP_N,
    whenEmpty: config.DIGEST_WHEN_EMPTY,
    policyApis: policyApiBasesFrom(config),
    pollIntervalMinutes: config.POLL_INTERVAL_MINUTES,
    attachments: createDigestChartAttachments({
      articles: core.articles,
      topics: core.topics,
      charts,
      logger: logger.child({ part: 'digest-charts' }),
    }),
  });
}

/**
 * Opens the job engine on first use (only `start` needs one), once, and hands its closing to the
 * lifecycle and its queue depths to the ops hooks.
 */
function createJobOpener(
  config: Config,
  kind: StoreKind,
  storePrefix: string | undefined,
  lifecycle: Lifecycle,
  ops: OpsHooks,
  logger: Logger,
): () => Promise<JobQueue | undefined> {
  let jobs: Promise<JobQueue | undefined> | undefined;
  return () => {
    jobs ??= openJobQueue({
      kind,
      url: config.STORE_URL,
      prefix: safePrefix(storePrefix ?? config.STORE_PREFIX),
      logger,
      tuning: { ...DEFAULT_JOB_TUNING, stallMs: config.JOB_STALL_MS, maxRunMs: config.JOB_MAX_RUN_MS },
    }).then((queue) => {
      if (queue) {
        lifecycle.add('job engine', () => queue.close());
        ops.queueDepths = () => queue.depths();
      }
      return queue;
    });
    return jobs;
  };
}

/** Where follows poll the primary-source APIs: the configured bases, and which keys are set. */
export function policyApiBasesFrom(config: Config): PolicyApiBases {
  return {
    ...DEFAULT_POLICY_API_BASES,
    federalRegister: config.FEDERAL_REGISTER_API_URL,
    regulationsGov: config.REGULATIONS_GOV_API_URL,
    congressGov: config.CONGRESS_GOV_API_URL,
    euOeil: config.EU_OEIL_URL,
    ukBills: config.UK_PARLIAMENT_BILLS_API_URL,
    keys: {
      regulationsGov: Boolean(config.REGULATIONS_GOV_API_KEY),
      congressGov: Boolean(config.CONGRESS_GOV_API_KEY),
    },
  };
}

/** On first run, an empty store gets the bundled sample news so `/news huawei` answers at once. */
export async function seedSamples(app: App): Promise<number> {
  if (!app.config.SEED_SAMPLES || app.core.index.size > 0) return 0;
  // A brand-new instance's index may still be warming up: ask the store itself whether it is empty.
  for await (const _ of app.core.articles.all()) return 0;
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

/** The Slack adapter for this app; Bolt is loaded only when Slack is configured. Throws a ConfigError on bad settings. */
export async function createSlackFromApp(app: App, web?: WebMount): Promise<SlackAdapter> {
  const { createSlackAdapter } = await import('./adapters/slack/slack-adapter.ts');
  return createSlackAdapter({
    config: app.config,
    core: app.core,
    digests: app.digests,
    settings: app.commandSettings,
    stores: app.stores,
    logger: app.logger,
    readiness: () => app.readiness(),
    ...(web ? { web } : {}),
  });
}

/**
 * The admin web console over this app's services (ADMIN_CONSOLE=true), with the chat commands' own
 * rights checks: the Slack adapter's for workspaces, the Discord rule for guilds. Fastify, the OAuth
 * client and discord.js load only here. Throws a ConfigError when its settings are incomplete.
 */
export async function createAdminConsoleFromApp(
  app: App,
  platforms: { slack?: Pick<SlackAdapter, 'isAdmin'> },
): Promise<AdminConsole> {
  const settings = resolveConsoleSettings(app.config);
  const { createAdminConsole } = await import('./adapters/web-console/console-server.ts');
  const { createOAuthProviders } = await import('./adapters/web-console/oauth-providers.ts');
  const discordRule = settings.discord
    ? (await import('./adapters/discord/admin-rights.ts')).hasDiscordAdminRights
    : undefined;
  const slack = platforms.slack;
  const rights: AdminConsoleDeps['rights'] = {
    ...(slack ? { slack: (tenant, userId) => slack.isAdmin(tenant, userId) } : {}),
    ...(discordRule
      ? { discord: (permissions, userId) => discordRule(permissions, userId, settings.adminUserIds) }
      : {}),
  };
  return createAdminConsole({
    settings,
    core: app.core,
    digests: app.digests,
    commandSettings: app.commandSettings,
    charts: app.charts,
    logger: app.logger.child({ part: 'admin-console' }),
    providers: createOAuthProviders(settings),
    rights,
  });
}

/** Where Discord's autocomplete finds topic and source names. */
export function discordAutocomplete(app: App): AutocompleteProviders {
  return defaultAutocomplete(app.core);
}

/** The Discord adapter for this app; discord.js is loaded only when Discord is configured. */
export async function createDiscordFromApp(app: App): Promise<DiscordAdapter> {
  const token = app.config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const { createDiscordAdapter } = await import('./adapters/discord/discord-adapter.ts');
  return createDiscordAdapter({
    token,
    apiUrl: app.config.DISCORD_API_URL,
    core: app.core,
    digests: app.digests,
    settings: app.commandSettings,
    stores: app.stores,
    logger: app.logger,
    autocomplete: discordAutocomplete(app),
    adminUserIds: app.config.ADMIN_USER_IDS,
    shards: app.config.DISCORD_SHARD_COUNT,
  });
}
