import { once } from 'node:events';
import { startFollows } from '../../digests/follow-job.ts';
import { startNotifications } from '../../digests/notifications.ts';
import { startDigests } from '../../digests/wire.ts';
import { startHealthServer } from '../adapters/http/health-server.ts';
import { createLateListener, type LateListener } from '../adapters/http/late-listener.ts';
import type { SlackAdapter } from '../adapters/slack/slack-adapter.ts';
import { CONSOLE_PREFIX, resolveConsoleSettings } from '../adapters/web-console/console-settings.ts';
import type { Config } from '../config.ts';
import type { ChatAdapter } from '../core/ports/chat-adapter.ts';
import { ConfigError } from '../errors.ts';
import { startPolling } from '../ingest/start-polling.ts';
import type { Logger } from '../logger.ts';
import {
  configuredPlatforms,
  createAdminConsoleFromApp,
  createDiscordFromApp,
  createSlackFromApp,
  seedSamples,
} from '../main.ts';
import { runConsoleChat } from './chat-verb.ts';
import { type ExitCode, parseFlags, withApp } from './shared.ts';

/** `policywire start` (what `npm start` runs): every configured platform, or the console chat when none is. */
export async function startVerb(argv: string[]): Promise<ExitCode> {
  parseFlags({ args: argv, options: {} });
  // A person typing at the console chat wants answers, not JSON log lines: only errors, unless LOG_LEVEL says.
  const level = (config: Config) =>
    configuredPlatforms(config).length === 0 && process.stdin.isTTY ? 'error' : 'info';
  return withApp(
    level,
    async (app, config, logger) => {
      // Opened first, so the root closes it after the poller and the digest job and before the stores.
      const queue = await app.jobs();
      const digestOptions = { leaseMs: config.DIGEST_LEASE_MS, ...(queue ? { queue } : {}) };
      if (queue) logger.info({ engine: queue.engine }, 'polls and digests run on the shared job engine');
      const poller = await startPolling(app);
      // Registered after the stores, so it stops first: no poll runs against a closed store.
      if (poller) app.lifecycle.add('poller', () => poller.stop());
      const platforms = configuredPlatforms(config);
      const web = adminConsoleMount(config, platforms);
      await startHealth(app, config, logger, platforms, web);
      if (platforms.length === 0) {
        logger.info(
          { store: config.STORE_URL.split('://')[0] },
          'no chat tokens configured: starting the console chat',
        );
        // The console is a platform like the others: its channel's digests are delivered into the chat.
        await runConsoleChat(app, async (adapter) =>
          startChannelJobs(app, { console: adapter }, digestOptions),
        );
        return 0;
      }
      const stopping = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      const started = await startAdapters(app, platforms, web);
      if (web) await mountAdminConsole(app, web, started);
      const stopJobs = startChannelJobs(app, byPlatformOf(started), digestOptions);
      app.lifecycle.add('digests, follows and notifications', stopJobs);
      logger.info({ platforms: started.map((adapter) => adapter.platform) }, 'Policy Wire is running');
      await stopping;
      logger.info('shutting down');
      return 0;
    },
    { warmInBackground: true },
  );
}

type StartedApp = Parameters<Parameters<typeof withApp>[1]>[0];
type DigestOptions = Parameters<typeof startDigests>[2];

/** Slack's HTTP server serves /healthz and /readyz itself; otherwise HEALTH_PORT gets a server of its own. */
async function startHealth(
  app: StartedApp,
  config: Config,
  logger: Logger,
  platforms: string[],
  web: ConsoleMount | undefined,
) {
  if (!config.HEALTH_PORT || slackServesHttp(config, platforms)) return;
  const health = await startHealthServer({
    port: config.HEALTH_PORT,
    readiness: () => app.readiness(),
    logger,
    ...(web ? { web: { prefix: web.prefix, listener: web.listener } } : {}),
  });
  app.lifecycle.add('health server', () => health.stop());
}

/** Starts each configured chat platform; the root stops them newest first, after the jobs that post to them. */
async function startAdapters(
  app: StartedApp,
  platforms: string[],
  web: ConsoleMount | undefined,
): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (platforms.includes('slack')) adapters.push(await createSlackFromApp(app, web));
  if (platforms.includes('discord')) adapters.push(await createDiscordFromApp(app));
  await seedSamples(app);
  const started: ChatAdapter[] = [];
  for (const adapter of adapters) {
    await adapter.start();
    started.push(adapter);
    app.lifecycle.add(`${adapter.platform} adapter`, () => adapter.stop());
  }
  return started;
}

function slackServesHttp(config: Config, platforms: string[]): boolean {
  return platforms.includes('slack') && !config.SLACK_APP_TOKEN;
}

type ConsoleMount = LateListener & { prefix: string };

/**
 * With ADMIN_CONSOLE=true, the console's route on Slack's HTTP server, or on HEALTH_PORT's server
 * without it; its settings are checked now, before anything starts. Undefined when the console is off.
 */
function adminConsoleMount(config: Config, platforms: string[]): ConsoleMount | undefined {
  if (!config.ADMIN_CONSOLE) return undefined;
  resolveConsoleSettings(config);
  if (platforms.length === 0)
    throw new ConfigError(
      'Admin console: it signs people in with Slack or Discord, and neither is configured.',
    );
  if (!slackServesHttp(config, platforms) && !config.HEALTH_PORT)
    throw new ConfigError(
      'Admin console: without the Slack HTTP server it is served on HEALTH_PORT; set HEALTH_PORT.',
    );
  return { ...createLateListener(), prefix: CONSOLE_PREFIX };
}

/** Builds the console once the adapters (and so Slack's rights check) exist, and hands it its route. */
async function mountAdminConsole(app: StartedApp, web: ConsoleMount, started: ChatAdapter[]) {
  const slack = started.find((adapter): adapter is SlackAdapter => adapter.platform === 'slack');
  const adminConsole = await createAdminConsoleFromApp(app, slack ? { slack } : {});
  web.set(adminConsole.listener);
  app.lifecycle.add('admin console', () => adminConsole.close());
}

function byPlatformOf(adapters: ChatAdapter[]) {
  return Object.fromEntries(adapters.map((adapter) => [adapter.platform, adapter]));
}

/**
 * The jobs that post into channels: alerts DM the admins of broken sources and undeliverable digests
 * (mentions ping groups per topic), the digest job, and follows. Returns their stop, newest first.
 */
function startChannelJobs(
  app: StartedApp,
  adapters: Parameters<typeof startDigests>[1],
  digestOptions: DigestOptions,
): () => Promise<void> {
  const notifications = startNotifications(app, adapters);
  const digests = startDigests(app, adapters, { ...digestOptions, outcomes: notifications.alerts.outcomes });
  const follows = startFollows(app, adapters);
  return async () => {
    await follows.stop();
    await digests.stop();
    await notifications.stop();
  };
}
