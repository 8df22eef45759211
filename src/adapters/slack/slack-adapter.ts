import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { CommandSettings } from '../../../commands/define.ts';
import type { DigestServices } from '../../../digests/services.ts';
import type { Config } from '../../config.ts';
import type { Core } from '../../core/core.ts';
import { type ChatAdapter, directUserOf } from '../../core/ports/chat-adapter.ts';
import type { Stores } from '../../core/ports/stores.ts';
import type { Readiness } from '../../core/readiness.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import { installListeners } from '../shared/listener-installers.ts';
import { createPostOnce } from '../shared/post-once.ts';
import { createAdminRights } from './admin-rights.ts';
import { type SlackRetryPolicy, slackAppOptions, slackClientOptions, type WebMount } from './app-options.ts';
import { createSlackDirectMessages } from './direct-messages.ts';
import { createSlackGroupDirectory } from './group-directory.ts';
import { slackHandlers } from './handlers/handler-registry.ts';
import { createSlackInstallationStore } from './installation-store.ts';
import { createNewsCardPoster } from './news-cards.ts';
import { createSlackPoster } from './post-message.ts';
import { resolveSlackSettings } from './slack-config.ts';
import { createSlackLifecycle } from './slack-lifecycle.ts';
import { createTenantClients } from './tenant-clients.ts';

/** Options of the Slack adapter; tests override where the HTTP server listens and the retry pace. */
export interface SlackAdapterOptions {
  config: Config;
  core: Core;
  /** The digest services the composition root built. */
  digests: DigestServices;
  /** The configured settings commands apply. */
  settings: CommandSettings;
  /** The store connection, for this adapter's own namespaces (installations, posted messages). */
  stores: Stores;
  logger: Logger;
  /** Where HTTP mode listens; defaults to PORT on every interface. */
  listen?: { port: number; host?: string };
  /** What GET /readyz reports; without one /readyz is not served. */
  readiness?: () => Promise<Readiness>;
  /** WebClient retry policy (p-retry options); 429s always wait for Retry-After first. */
  retry?: SlackRetryPolicy;
  /** Pages served on the same HTTP server (the admin console); HTTP mode only. */
  web?: WebMount;
}

/** The Slack adapter: the ChatAdapter port plus the HTTP address it listens on once started. */
export interface SlackAdapter extends ChatAdapter {
  readonly mode: { transport: 'http' | 'socket'; auth: 'single' | 'oauth' };
  /** The bound HTTP address in HTTP mode, once started. */
  address(): AddressInfo | undefined;
  /** The rights check of the slash commands, for a user of a workspace; false where the bot is not installed. */
  isAdmin(tenant: Tenant, userId: string): Promise<boolean>;
}

/**
 * The Slack app: `/news` and its sub-commands over the shared command registry, answered with Block Kit
 * via response_url after an immediate ack (public story cards with chat.postMessage, so they are tracked); HTTP (signed requests) or Socket Mode; one workspace's bot
 * token or OAuth installs kept in the store. Listeners are registered by the installers in
 * handlers/handler-registry.ts.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const settings = resolveSlackSettings(options.config);
  const logger = options.logger.child({ adapter: 'slack' });
  const clientOptions = slackClientOptions(settings, options.retry);
  const installations = createSlackInstallationStore(options.stores);
  const admins = createAdminRights({ adminUserIds: settings.adminUserIds, logger });
  const app = new App(
    slackAppOptions(settings, logger, clientOptions, installations, options.readiness, options.web),
  );
  const clientFor = createTenantClients({ app, settings, installations, clientOptions, logger });
  const groups = createSlackGroupDirectory(clientFor);
  const posted = createPostOnce({ stores: options.stores, logger });
  const poster = createSlackPoster({ logger, posted, clientFor });
  const postCards = createNewsCardPoster({
    poster,
    digests: options.digests,
    clock: options.core.clock,
    logger,
  });
  installListeners(
    app,
    {
      core: options.core,
      digests: options.digests,
      settings: options.settings,
      admins,
      logger,
      groups,
      postCards,
    },
    slackHandlers,
  );
  const direct = createSlackDirectMessages({
    logger,
    poster,
    clientFor,
    adminUserIds: settings.adminUserIds,
  });
  const lifecycle = createSlackLifecycle({ app, settings, listen: options.listen, logger });
  return {
    platform: 'slack',
    mode: { transport: settings.transport.kind, auth: settings.auth.kind },
    address: () => lifecycle.address(),
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    post: (channel, reply, postOptions) => {
      // A personal digest names its owner, not a channel: it goes to their DMs.
      const user = directUserOf(channel.id);
      return user
        ? direct.dm(channel.tenant, user, reply, postOptions)
        : poster.post(channel, reply, postOptions);
    },
    dm: direct.dm,
    adminIds: direct.adminIds,
    async isAdmin(tenant, userId) {
      const client = await clientFor(tenant).catch(() => undefined);
      return client ? admins.isAdmin(client, tenant, userId) : false;
    },
  };
}
