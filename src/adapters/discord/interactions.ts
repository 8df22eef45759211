import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
} from 'discord.js';
import type { Command, CommandContext, CommandSettings } from '../../../commands/define.ts';
import { dispatch } from '../../../commands/dispatch.ts';
import type { DigestServices } from '../../../digests/services.ts';
import type { Core } from '../../core/core.ts';
import { apology, notice, type Reply, type Visibility } from '../../core/reply.ts';
import { pendingVisibility, replyVisibility } from '../../core/reply-visibility.ts';
import type { Tenant } from '../../core/tenant.ts';
import { errorReference } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { rememberCards } from '../shared/remember-cards.ts';
import { hasDiscordAdminRights } from './admin-rights.ts';
import { type AutocompleteProviders, providerFor, suggest } from './autocomplete.ts';
import { type DiscordMessage, renderReply } from './render-embeds.ts';
import { describeOptions, type OptionSpec } from './zod-options.ts';

/** What the interaction handler needs from the composition root. */
export interface InteractionDeps {
  core: Core;
  /** The digest services the composition root built. */
  digests: DigestServices;
  /** The configured settings commands apply. */
  settings: CommandSettings;
  logger: Logger;
  commands: readonly Command[];
  autocomplete: AutocompleteProviders;
  /** Members who count as admins in every guild, besides those with Manage Server. */
  adminUserIds: readonly string[];
  /** Discord drops an interaction unanswered after 3 s; work still running after this long is deferred. */
  deferAfterMs: number;
}

const DEFERRED = Symbol('deferred');

/** The handler's view of its deps: commands by name with their option specs, and the admin check. */
interface InteractionScope {
  deps: InteractionDeps;
  entries: ReadonlyMap<string, { command: Command; specs: OptionSpec[] }>;
  logger: Logger;
  isAdmin(interaction: ChatInputCommandInteraction | AutocompleteInteraction): boolean;
}

/** Answers the interaction when it is of the route's kind and says so; false lets the next route try. */
export type InteractionRoute = (scope: InteractionScope, interaction: Interaction) => Promise<boolean>;

/**
 * The interaction kinds the bot answers, tried in order; the rest are ignored. A new kind (buttons,
 * modals) adds a route here; a failure in any route is logged and apologised for by the handler.
 */
const interactionRoutes: readonly InteractionRoute[] = [
  async (scope, interaction) => {
    if (!interaction.isAutocomplete()) return false;
    await answerAutocomplete(scope, interaction);
    return true;
  },
  async (scope, interaction) => {
    if (!interaction.isChatInputCommand()) return false;
    await answerCommand(scope, interaction);
    return true;
  },
];

/** Builds the handler for every interaction the client receives; it never throws. */
export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const scope: InteractionScope = {
    deps,
    entries: new Map(
      deps.commands.map((command) => [command.name, { command, specs: describeOptions(command) }]),
    ),
    logger: deps.logger.child({ adapter: 'discord' }),
    isAdmin: (interaction) =>
      hasDiscordAdminRights(interaction.memberPermissions?.bitfield, interaction.user.id, deps.adminUserIds),
  };
  return async (interaction) => {
    try {
      for (const route of interactionRoutes) if (await route(scope, interaction)) return;
    } catch (error) {
      await answerFailure(scope.logger, interaction, error);
    }
  };
}

/** A slash command: refused outside a server, run through dispatch, deferred when it runs long. */
async function answerCommand(
  scope: InteractionScope,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const { deps } = scope;
  const entry = scope.entries.get(interaction.commandName);
  if (!interaction.guildId) {
    await sendReply(interaction, politeDmRefusal(interaction.commandName));
    return;
  }
  if (!entry) {
    await sendReply(
      interaction,
      notice(
        'error',
        `/${interaction.commandName} is not a Policy Wire command any more.`,
        'Ask the bot operator to run npm run register:discord; /help lists the commands.',
      ),
    );
    return;
  }
  const { command, specs } = entry;
  // Rights are checked by dispatch, the same as on every platform, before anything runs.
  const ctx: CommandContext = {
    tenant: guildTenant(interaction.guildId),
    channel: { platform: 'discord', id: interaction.channelId },
    user: { id: interaction.user.id, isAdmin: scope.isAdmin(interaction) },
    core: deps.core,
    digests: deps.digests,
    settings: deps.settings,
    logger: scope.logger,
  };
  const work = dispatch(
    { name: command.name, options: readOptions(interaction.options.data, specs) },
    ctx,
    deps.commands,
  );
  let deferred: Visibility | undefined;
  if ((await settleWithin(work, deps.deferAfterMs)) === DEFERRED) {
    deferred = pendingVisibility(command);
    await interaction.deferReply(deferred === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
  }
  const reply = await work;
  const rendered = renderReply(reply);
  const messageIds = await sendReply(interaction, reply, command, deferred);
  if (messageIds.length > 0)
    await rememberCards(
      deps.digests,
      { tenant: ctx.tenant, channelId: ctx.channel.id, reply, rendered, messageIds },
      deps.core.clock.now(),
      scope.logger,
    );
}

/** Option suggestions: the option's fixed values or its provider's, none outside a server. */
async function answerAutocomplete(
  scope: InteractionScope,
  interaction: AutocompleteInteraction,
): Promise<void> {
  const entry = scope.entries.get(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const spec = entry?.specs.find((candidate) => candidate.name === focused.name);
  // Suggestions of an admin command (source names, say) are the guild's admin data: none for members.
  if (!interaction.guildId || !entry || !spec || (entry.command.admin && !scope.isAdmin(interaction))) {
    await interaction.respond([]);
    return;
  }
  const typed = String(focused.value ?? '');
  const provider = providerFor(scope.deps.autocomplete, entry.command.name, spec.key);
  const names = spec.values ?? (provider ? await provider(guildTenant(interaction.guildId), typed) : []);
  await interaction.respond(suggest(names, typed, spec.list));
}

/** Logs the failure with a reference and tells the user privately (an empty list for autocomplete). */
async function answerFailure(logger: Logger, interaction: Interaction, error: unknown): Promise<void> {
  const ref = errorReference();
  logger.error(
    { err: error, ref, interaction: interaction.id, guild: interaction.guildId },
    'interaction failed',
  );
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  const [message] = renderReply(apology(ref));
  const payload = { ...toPayload(message!), flags: MessageFlags.Ephemeral } as const;
  const answer =
    interaction.replied || interaction.deferred ? interaction.followUp(payload) : interaction.reply(payload);
  await answer.catch((sendError: unknown) =>
    logger.warn({ err: sendError, ref }, 'could not send the apology either'),
  );
}

/** Maps Discord's option values back onto schema keys; a list option's string becomes an array. */
export function readOptions(
  data: readonly CommandInteractionOption[],
  specs: readonly OptionSpec[],
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const option of data) {
    const spec = specs.find((candidate) => candidate.name === option.name);
    if (!spec || option.value === undefined || option.value === null) continue;
    options[spec.key] =
      spec.list && typeof option.value === 'string'
        ? option.value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : option.value;
  }
  return options;
}

/** A guild is a tenant: every record it creates is keyed by its id. */
export function guildTenant(guildId: string): Tenant {
  return { platform: 'discord', id: guildId };
}

/**
 * Sends a reply: first as the interaction's answer (or its deferred edit), the rest as follow-ups in order.
 * Resolves with the ids of the messages the channel sees, in order; none for a private answer.
 */
async function sendReply(
  interaction: ChatInputCommandInteraction,
  reply: Reply,
  command?: Command,
  deferred?: Visibility,
): Promise<string[]> {
  const messages = renderReply(reply);
  const ephemeral = replyVisibility(reply, command) === 'ephemeral';
  const deferredEphemeral = deferred === undefined ? undefined : deferred === 'ephemeral';
  const flagged = (message: DiscordMessage, hidden: boolean): InteractionReplyOptions => ({
    ...toPayload(message),
    ...(hidden ? { flags: MessageFlags.Ephemeral } : {}),
  });
  const ids: string[] = [];
  const [first, ...rest] = messages;
  if (deferredEphemeral === undefined) {
    await interaction.reply(flagged(first!, ephemeral));
    // The answer's id, so its story cards can take update threads and votes; private answers need none.
    if (!ephemeral && hasCards(reply)) ids.push((await interaction.fetchReply()).id);
    for (const message of rest) ids.push((await interaction.followUp(flagged(message, ephemeral))).id);
    return ephemeral ? [] : ids;
  }
  if (ephemeral && !deferredEphemeral) {
    // A public "thinking…" cannot turn private: remove it and answer privately instead.
    await interaction.deleteReply();
    for (const message of messages) await interaction.followUp(flagged(message, true));
    return [];
  }
  ids.push((await interaction.editReply(toPayload(first!))).id);
  for (const message of rest) ids.push((await interaction.followUp(flagged(message, deferredEphemeral))).id);
  return deferredEphemeral ? [] : ids;
}

function hasCards(reply: Reply): boolean {
  return reply.kind === 'stories' || reply.kind === 'digest';
}

function toPayload(message: DiscordMessage) {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    embeds: message.embeds,
    // Article text must never ping @everyone or a role.
    allowedMentions: { parse: [] },
  };
}

function politeDmRefusal(name: string): Reply {
  return notice(
    'info',
    `Policy Wire answers /${name} inside a server, where your team's topics and sources live.`,
    'Use the command in a channel of a server that has added Policy Wire.',
  );
}

/** Resolves with the work's result when it is quick, or DEFERRED once `ms` have passed. */
async function settleWithin<T>(work: Promise<T>, ms: number): Promise<T | typeof DEFERRED> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof DEFERRED>((resolve) => {
    timer = setTimeout(() => resolve(DEFERRED), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
