import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type AppOptions, LogLevel, type SlashCommand, webApi } from '@slack/bolt';
import type { CommandContext } from '../../../commands/define.ts';
import { dispatch } from '../../../commands/dispatch.ts';
import { commands, findCommand } from '../../../commands/index.ts';
import type { DigestServices } from '../../../digests/services.ts';
import type { Config } from '../../config.ts';
import type { Core } from '../../core/core.ts';
import type { ChatAdapter } from '../../core/ports/chat-adapter.ts';
import type { Stores } from '../../core/ports/stores.ts';
import type { Readiness } from '../../core/readiness.ts';
import { notice } from '../../core/reply.ts';
import { replyVisibility } from '../../core/reply-visibility.ts';
import { type Tenant, tenantKey } from '../../core/tenant.ts';
import { ConfigError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { healthRoutes } from '../http/health-server.ts';
import { createPostOnce } from '../shared/post-once.ts';
import { createAdminRights, type UsersInfoClient } from './admin-rights.ts';
import type { SlackMessage } from './block-kit.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { createSlackInstallationStore, slackTenant } from './installation-store.ts';
import { botScopes } from './manifest.ts';
import { classifySlackError, createSlackPoster, type PostMessageClient } from './post-message.ts';
import { renderSlackMessages } from './render-blocks.ts';
import { createReplayGuard, guardAgainstReplays } from './replay-guard.ts';
import { resolveSlackSettings } from './slack-config.ts';
import { routeSlashText, SLACK_COMMAND, slackifyCommandMentions } from './slash-command.ts';

/** A response_url accepts at most five messages. */
const MAX_RESPONSES = 5;

/** Options of the Slack adapter; tests override where the HTTP server listens and the retry pace. */
export interface SlackAdapterOptions {
  config: Config;
  core: Core;
  /** The digest services the composition root built. */
  digests: DigestServices;
  /** The store connection, for this adapter's own namespaces (installations, posted messages). */
  stores: Stores;
  logger: Logger;
  /** Where HTTP mode listens; defaults to PORT on every interface. */
  listen?: { port: number; host?: string };
  /** What GET /readyz reports; without one /readyz is not served. */
  readiness?: () => Promise<Readiness>;
  /** WebClient retry policy (p-retry options); 429s always wait for Retry-After first. */
  retry?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number; randomize?: boolean };
}

/** The Slack adapter: the ChatAdapter port plus the HTTP address it listens on once started. */
export interface SlackAdapter extends ChatAdapter {
  readonly mode: { transport: 'http' | 'socket'; auth: 'single' | 'oauth' };
  /** The bound HTTP address in HTTP mode, once started. */
  address(): AddressInfo | undefined;
}

/**
 * The Slack app: `/news` and its sub-commands over the shared command registry, answered with Block Kit
 * via response_url after an immediate ack; HTTP (signed requests) or Socket Mode; one workspace's bot
 * token or OAuth installs kept in the store.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const settings = resolveSlackSettings(options.config);
  const logger = options.logger.child({ adapter: 'slack' });
  const clientOptions = {
    slackApiUrl: settings.apiUrl,
    timeout: 10_000,
    retryConfig: options.retry ?? {
      retries: 4,
      factor: 2,
      minTimeout: 500,
      maxTimeout: 10_000,
      randomize: true,
    },
  };
  const installations = createSlackInstallationStore(options.stores);
  const admins = createAdminRights({ adminUserIds: settings.adminUserIds, logger });

  const appOptions: AppOptions = {
    deferInitialization: true,
    logger: createBoltLogger(logger),
    // Without it Bolt resets its logger to INFO, so LOG_LEVEL=debug never showed Bolt's or OAuth's debug lines.
    logLevel: logger.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO,
    clientOptions,
    ...(settings.transport.kind === 'socket'
      ? { socketMode: true, appToken: settings.transport.appToken }
      : {
          signingSecret: settings.transport.signingSecret,
          endpoints: '/slack/events',
          port: settings.port,
          customRoutes: healthCustomRoutes(options.readiness),
        }),
    ...(settings.auth.kind === 'single'
      ? { token: settings.auth.botToken }
      : {
          clientId: settings.auth.clientId,
          clientSecret: settings.auth.clientSecret,
          stateSecret: settings.auth.stateSecret,
          scopes: botScopes(),
          installationStore: installations,
          installerOptions: {
            directInstall: true,
            authorizationUrl: new URL('/oauth/v2/authorize', settings.apiUrl).toString(),
            ...(settings.transport.kind === 'socket' ? { port: settings.port } : {}),
          },
        }),
  };
  const app = new App(appOptions);
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack request failed');
  });
  app.command(SLACK_COMMAND, async ({ command, ack, respond, client, context }) => {
    // Slack gives up after 3 seconds, so acknowledge first and answer through response_url.
    await ack();
    const tenant = slackTenant({
      teamId: context.teamId ?? command.team_id,
      enterpriseId: context.enterpriseId ?? command.enterprise_id,
      isEnterpriseInstall: context.isEnterpriseInstall,
    });
    const messages = tenant
      ? await answer(command, tenant, client)
      : {
          messages: renderSlackMessages(notice('error', 'Slack did not say which workspace this came from.')),
          visibility: 'ephemeral' as const,
        };
    for (const message of messages.messages.slice(0, MAX_RESPONSES)) {
      try {
        await respond({
          response_type: messages.visibility === 'channel' ? 'in_channel' : 'ephemeral',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        logger.error({ err: error, tenant, user: command.user_id }, 'could not answer through response_url');
        return;
      }
    }
  });

  async function answer(
    command: SlashCommand,
    tenant: Tenant,
    client: UsersInfoClient,
  ): Promise<{ messages: SlackMessage[]; visibility: 'channel' | 'ephemeral' }> {
    const input = routeSlashText(command.text ?? '', commands);
    const ctx: CommandContext = {
      tenant,
      channel: { platform: 'slack', id: command.channel_id },
      user: { id: command.user_id, isAdmin: await admins.isAdmin(client, tenant, command.user_id) },
      core: options.core,
      digests: options.digests,
      logger,
    };
    const reply = slackifyCommandMentions(await dispatch(input, ctx), commands);
    const messages = renderSlackMessages(reply);
    if (messages.length > MAX_RESPONSES) {
      const [cut] = renderSlackMessages(
        notice(
          'info',
          `That answer runs to ${messages.length} messages; Slack shows the first ${MAX_RESPONSES - 1} here.`,
        ),
      );
      messages.splice(MAX_RESPONSES - 1, messages.length, ...(cut ? [cut] : []));
    }
    return { messages, visibility: replyVisibility(reply, findCommand(input.name)) };
  }

  const clients = new Map<string, PostMessageClient>();
  let singleTenant: Promise<Tenant | undefined> | undefined;
  /** The workspace SLACK_BOT_TOKEN belongs to, asked once (and again after a failure). */
  function ownWorkspace(): Promise<Tenant | undefined> {
    singleTenant ??= app.client.auth.test().then(
      (result) =>
        slackTenant({
          teamId: result.team_id,
          enterpriseId: result.enterprise_id,
          isEnterpriseInstall: result.is_enterprise_install,
        }),
      (error: unknown) => {
        singleTenant = undefined;
        throw error;
      },
    );
    return singleTenant;
  }
  async function clientFor(tenant: Tenant): Promise<PostMessageClient | undefined> {
    if (settings.auth.kind === 'single') {
      const own = await ownWorkspace();
      return own && tenantKey(own) === tenantKey(tenant) ? app.client : undefined;
    }
    const token = (await installations.forTenant(tenant))?.bot?.token;
    if (!token) return undefined;
    const key = `${tenantKey(tenant)}:${token}`;
    let client = clients.get(key);
    if (!client) {
      client = new webApi.WebClient(token, { ...clientOptions, logger: createBoltLogger(logger) });
      clients.set(key, client);
    }
    return client;
  }

  const poster = createSlackPoster({
    logger,
    posted: createPostOnce({ stores: options.stores, logger }),
    clientFor,
  });
  let server: Server | undefined;
  let started = false;

  return {
    platform: 'slack',
    mode: { transport: settings.transport.kind, auth: settings.auth.kind },
    address() {
      const address = server?.address();
      return address && typeof address === 'object' ? address : undefined;
    },
    async start() {
      if (started) return;
      try {
        // Deferred so that a refused token or an unreachable Slack is an error here, not an unhandled rejection.
        await app.init();
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.retryable)
          throw new Error(`Slack: could not reach Slack to check SLACK_BOT_TOKEN (${failure.error})`);
        throw new ConfigError(`Slack: SLACK_BOT_TOKEN was refused by Slack (${failure.error}).`);
      }
      if (settings.transport.kind === 'http') {
        const listen = options.listen ?? { port: settings.port };
        server = (await app.start(listen)) as Server;
        // Bolt verifies signatures and refuses stale timestamps; replays and future timestamps are refused here.
        guardAgainstReplays(server, createReplayGuard());
      } else {
        await app.start();
      }
      started = true;
      logger.info(
        {
          transport: settings.transport.kind,
          auth: settings.auth.kind,
          ...(server ? { port: (server.address() as AddressInfo | null)?.port } : {}),
        },
        settings.transport.kind === 'http'
          ? 'Slack app listening for events at /slack/events'
          : 'Slack app connected over Socket Mode',
      );
    },
    async stop() {
      if (!started) return;
      started = false;
      await app
        .stop()
        .catch((error: unknown) => logger.warn({ err: error }, 'Slack app did not stop cleanly'));
      server = undefined;
    },
    post: (channel, reply, postOptions) => poster.post(channel, reply, postOptions),
  };
}

/** /healthz always, /readyz when the root gave a readiness report: the health routes on Slack's own server. */
function healthCustomRoutes(readiness: SlackAdapterOptions['readiness']) {
  const routes = healthRoutes(readiness ?? (() => Promise.reject(new Error('no readiness report'))));
  return [
    { path: '/healthz', method: ['GET'], handler: routes.healthz },
    ...(readiness ? [{ path: '/readyz', method: ['GET'], handler: routes.readyz }] : []),
  ];
}
