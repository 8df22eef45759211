import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../../../commands/define.ts';
import { truncate } from '../../core/text/truncate.ts';
import { type AutocompleteProviders, providerFor } from './autocomplete.ts';
import { COMMAND_LIMITS } from './limits.ts';
import { describeOptions, type OptionSpec } from './zod-options.ts';

/** The permission bit admin commands require by default: Manage Server. */
export const ADMIN_PERMISSION = PermissionFlagsBits.ManageGuild;

/** True when the option is completed as the member types: a provider exists, or too many values for choices. */
export function hasAutocomplete(
  command: Command,
  spec: OptionSpec,
  providers: AutocompleteProviders,
): boolean {
  if (spec.type !== ApplicationCommandOptionType.String || spec.choices) return false;
  return spec.values !== undefined || providerFor(providers, command.name, spec.key) !== undefined;
}

/** Builds Discord's registration JSON for every command, straight from each command's zod options. */
export function buildCommandJson(
  commands: readonly Command[],
  providers: AutocompleteProviders,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const seen = new Set<string>();
  return commands.map((command) => {
    const name = command.name.toLowerCase();
    if (!COMMAND_LIMITS.namePattern.test(name)) {
      throw new Error(`/${command.name}: Discord command names are 1–32 letters, digits, - or _`);
    }
    if (seen.has(name)) throw new Error(`/${name} is defined twice`);
    seen.add(name);
    const specs = describeOptions(command);
    if (specs.length > COMMAND_LIMITS.options) {
      throw new Error(`/${name} has ${specs.length} options; Discord allows ${COMMAND_LIMITS.options}`);
    }
    return {
      type: ApplicationCommandType.ChatInput,
      name,
      description: truncate(command.description.trim() || name, COMMAND_LIMITS.description),
      options: specs.map((spec) => toOption(spec, hasAutocomplete(command, spec, providers))),
      // Discord hides admin commands from members without Manage Server; the handler checks again.
      // A command members may run in part (`/subscribe … dm`) stays visible to them.
      default_member_permissions: command.admin && !command.openWhen ? ADMIN_PERMISSION.toString() : null,
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    };
  });
}

function toOption(spec: OptionSpec, autocomplete: boolean): APIApplicationCommandBasicOption {
  const option: Record<string, unknown> = {
    type: spec.type,
    name: spec.name,
    description: spec.description,
    required: spec.required,
  };
  if (spec.choices) {
    option.choices = spec.choices.map((choice) => ({
      name: truncate(choice.name, COMMAND_LIMITS.choiceName),
      value: choice.value,
    }));
  }
  if (autocomplete) option.autocomplete = true;
  if (spec.minLength !== undefined) option.min_length = spec.minLength;
  if (spec.maxLength !== undefined) option.max_length = spec.maxLength;
  if (spec.minValue !== undefined) option.min_value = spec.minValue;
  if (spec.maxValue !== undefined) option.max_value = spec.maxValue;
  return option as unknown as APIApplicationCommandBasicOption;
}
