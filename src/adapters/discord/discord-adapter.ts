import { once } from 'node:events';
import {
  Client,
  type ClientOptions,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  Partials,
  REST,
  type RESTOptions,
} from 'discord.js';
import type { Command, CommandSettings } from '../../../commands/define.ts';
import { commands as allCommands } from '../../../commands/index.ts';
import type { DigestServices } from '../../../digests/services.ts';
import type { Core } from '../../core/core.ts';
import {
  type ChannelRef,
  type ChatAdapter,
  directUserOf,
  type PostResult,
} from '../../core/ports/chat-adapter.ts';
import type { Stores } from '../../core/ports/stores.ts';
import { UserError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { installListeners } from '../shared/listener-installers.ts';
import { createPostOnce } from '../shared/post-once.ts';
import type { AutocompleteProviders } from './autocomplete.ts';
import { createDiscordDirectMessages } from './direct-messages.ts';
import type { DiscordEventDeps } from './events/event-installer.ts';
import { discordEvents } from './events/event-registry.ts';
import { createInteractionHandler } from './interactions.ts';
import { type DiscordPostResult, postToChannel } from './post-channel.ts';

/** How many gateway shards this process runs: Discord's recommendation, or a fixed count. */
export type ShardSetting = 'auto' | number;

/** Options of the Discord adapter. */
export interface DiscordAdapterOptions {
  token: string;
  /** Discord's REST base; tests point it at a fake on 127.0.0.1. */
  apiUrl: string;
  core: Core;
  /** The digest services the composition root built. */
  digests: DigestServices;
  /** The configured settings commands apply. */
  settings: CommandSettings;
  /** The store connection, for the posted-message memory that keeps a retried post from repeating. */
  stores: Stores;
  logger: Logger;
  autocomplete: AutocompleteProviders;
  adminUserIds?: readonly string[];
  shards?: ShardSetting;
  /** The commands to answer; the shared registry unless a test says otherwise. */
  commands?: readonly Command[];
  /** Work still running after this long is deferred ("thinking…"); Discord's hard limit is 3 s. */
  deferAfterMs?: number;
  /** Extra @discordjs/rest options, e.g. a shorter timeout in tests. */
  rest?: Partial<RESTOptions>;
}

/** The Discord ChatAdapter, with its client exposed for diagnostics and tests. */
export interface DiscordAdapter extends ChatAdapter {
  readonly client: Client | undefined;
  post(...args: Parameters<ChatAdapter['post']>): Promise<DiscordPostResult>;
}

/** Discord answers in 3 s or drops the interaction; 1.5 s leaves room for the defer call itself. */
export const DEFAULT_DEFER_AFTER_MS = 1500;

/**
 * Sharding: one process runs every shard through discord.js's internal WebSocketManager. With
 * 'auto' it asks GET /gateway/bot for Discord's recommended count (one shard per ~1,000 guilds);
 * a number fixes it. One process comfortably holds thousands of guilds with two non-privileged intents.
 */
export function shardOptions(setting: ShardSetting = 'auto'): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (setting === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: setting }, (_, id) => id), shardCount: setting };
}

/** Creates the Discord adapter: gateway client for commands, REST for digest posts. */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const logger = options.logger.child({ adapter: 'discord' });
  const restOptions: Partial<RESTOptions> = { ...options.rest, api: options.apiUrl };
  let client: Client | undefined;
  let standaloneRest: REST | undefined;
  const posted = createPostOnce({ stores: options.stores, logger });
  const events: DiscordEventDeps = {
    handleInteraction: interactionHandlerFor(options),
    core: options.core,
    digests: options.digests,
    logger,
  };

  // Posts share the gateway client's REST queue when connected, so rate limits are tracked in one place.
  const rest = (): REST => {
    if (client) return client.rest;
    standaloneRest ??= new REST({ version: '10', ...restOptions }).setToken(options.token);
    return standaloneRest;
  };
  const direct = createDiscordDirectMessages({
    rest,
    posted,
    logger,
    adminUserIds: options.adminUserIds ?? [],
  });

  return {
    platform: 'discord',
    get client() {
      return client;
    },
    async start() {
      if (client) return;
      const created = new Client({
        // Reactions teach a channel's ranking; they come for uncached messages, hence the partials.
        intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
        partials: [Partials.Message, Partials.Reaction, Partials.User],
        rest: restOptions,
        ...shardOptions(options.shards),
      });
      installListeners(created, events, discordEvents);
      // Set before login so that posts made while connecting already share the client's REST queue.
      client = created;
      try {
        await logIn(created, options.token);
      } catch (error) {
        client = undefined;
        await created.destroy().catch(() => undefined);
        throw loginFailure(error);
      }
      logger.info(
        { user: created.user?.tag, guilds: created.guilds.cache.size, shards: created.ws.shards.size },
        'connected to Discord',
      );
    },
    async stop() {
      const running = client;
      client = undefined;
      await running?.destroy();
    },
    async post(channel, reply, postOptions) {
      if (channel.tenant.platform !== 'discord') return notDiscord(channel);
      // A personal digest names its owner, not a channel: it goes to their DMs.
      const user = directUserOf(channel.id);
      if (user) return asDiscordResult(channel, await direct.dm(channel.tenant, user, reply, postOptions));
      const result = await postToChannel(rest(), posted, channel, reply, postOptions, (failure) =>
        logger.warn({ ...failure }, 'discord image post failed; the digest went out without its chart'),
      );
      if (!result.ok) logger.warn({ ...result }, 'discord post failed');
      return result;
    },
    dm: direct.dm,
    adminIds: direct.adminIds,
  };
}

/** A DM's outcome in the shape Discord posts report. */
function asDiscordResult(channel: ChannelRef, result: PostResult): DiscordPostResult {
  if (result.ok) return result;
  return { ...result, guildId: channel.tenant.id, channelId: channel.id, postedMessageIds: [] };
}

/** The interaction handler over the adapter's options, with the shared registry and defaults filled in. */
function interactionHandlerFor(options: DiscordAdapterOptions): DiscordEventDeps['handleInteraction'] {
  return createInteractionHandler({
    core: options.core,
    digests: options.digests,
    settings: options.settings,
    logger: options.logger,
    commands: options.commands ?? allCommands,
    autocomplete: options.autocomplete,
    adminUserIds: options.adminUserIds ?? [],
    deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
  });
}

/** Logs in and waits until the gateway says the client is ready. */
async function logIn(client: Client, token: string): Promise<void> {
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
}

/** A refused token is the operator's to fix (a UserError that says how); anything else is passed on. */
function loginFailure(error: unknown): unknown {
  if ((error as { code?: unknown }).code !== DiscordjsErrorCodes.TokenInvalid) return error;
  return new UserError(
    'invalid_option',
    'Discord rejected DISCORD_TOKEN.',
    'Copy the bot token from the Discord developer portal (Bot → Reset Token) into .env.',
  );
}

/** The refusal for a channel of another platform: permanent, nothing posted. */
function notDiscord(channel: ChannelRef): DiscordPostResult {
  return {
    ok: false,
    retryable: false,
    error: `Channel ${channel.id} belongs to ${channel.tenant.platform}, not Discord.`,
    guildId: channel.tenant.id,
    channelId: channel.id,
    postedMessageIds: [],
  };
}
