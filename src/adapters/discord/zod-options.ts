import { ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import type { Command } from '../../../commands/define.ts';
import { truncate } from '../../core/text/truncate.ts';
import { COMMAND_LIMITS } from './limits.ts';

/** The Discord option types a zod field can become. */
export type OptionKind =
  | ApplicationCommandOptionType.String
  | ApplicationCommandOptionType.Integer
  | ApplicationCommandOptionType.Number
  | ApplicationCommandOptionType.Boolean;

/** One command option as Discord sees it, derived from one field of the command's zod schema. */
export interface OptionSpec {
  /** The schema key the value goes back to. */
  key: string;
  /** Discord's name for it: lower-case, `sendAt` becomes `send_at`. */
  name: string;
  type: OptionKind;
  description: string;
  required: boolean;
  choices?: { name: string; value: string | number }[];
  /** Every allowed value when there are too many for choices; offered by autocomplete instead. */
  values?: string[];
  /** The schema wants a list: Discord sends one string, split on commas and spaces. */
  list: boolean;
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
}

interface JsonProperty {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonProperty[];
  items?: JsonProperty;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** Reads a command's options from its zod schema: type, description, enum values, bounds, required. */
export function describeOptions(command: Command): OptionSpec[] {
  const schema = z.toJSONSchema(command.options, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonProperty>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  const specs = Object.entries(schema.properties ?? {}).map(([key, property]) =>
    toSpec(key, property, required.has(key)),
  );
  // Discord refuses a required option after an optional one; the schema's own order is kept otherwise.
  return [...specs.filter((spec) => spec.required), ...specs.filter((spec) => !spec.required)];
}

/** Discord's spelling of a schema key: snake_case, lower-case. */
export function discordOptionName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^-_\p{L}\p{N}]/gu, '_')
    .toLowerCase()
    .slice(0, 32);
}

function toSpec(key: string, property: JsonProperty, required: boolean): OptionSpec {
  const description = truncate(
    (property.description ?? '').trim() || humanize(key),
    COMMAND_LIMITS.description,
  );
  const spec: OptionSpec = {
    key,
    name: discordOptionName(key),
    type: ApplicationCommandOptionType.String,
    description,
    required,
    list: false,
  };
  const types = typesOf(property);
  const values = enumValues(property);
  if (types.includes('array')) {
    spec.list = true;
    const itemValues = property.items ? enumValues(property.items) : undefined;
    spec.description = truncate(
      itemValues
        ? `${description} (comma-separated: ${itemValues.join(', ')})`
        : `${description} (comma-separated)`,
      COMMAND_LIMITS.description,
    );
  } else if (types.includes('boolean')) {
    spec.type = ApplicationCommandOptionType.Boolean;
  } else if (types.includes('integer') || types.includes('number')) {
    spec.type = types.includes('integer')
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
    if (values?.every((value) => typeof value === 'number')) {
      spec.choices = values.map((value) => ({ name: String(value), value }));
    }
    // zod states the safe-integer range for any int; Discord wants no bound at all then.
    if (property.minimum !== undefined && Math.abs(property.minimum) < Number.MAX_SAFE_INTEGER) {
      spec.minValue = property.minimum;
    }
    if (property.maximum !== undefined && Math.abs(property.maximum) < Number.MAX_SAFE_INTEGER) {
      spec.maxValue = property.maximum;
    }
  } else {
    if (values) {
      const strings = values.map(String);
      if (strings.length <= COMMAND_LIMITS.choices) {
        spec.choices = strings.map((value) => ({ name: value, value }));
      } else spec.values = strings;
    }
    if (property.minLength !== undefined && property.minLength > 0) {
      spec.minLength = Math.min(property.minLength, COMMAND_LIMITS.stringLength);
    }
    if (property.maxLength !== undefined) {
      spec.maxLength = Math.max(1, Math.min(property.maxLength, COMMAND_LIMITS.stringLength));
    }
  }
  return spec;
}

function typesOf(property: JsonProperty): string[] {
  if (property.anyOf) return property.anyOf.flatMap(typesOf);
  if (Array.isArray(property.type)) return property.type;
  if (property.type) return [property.type];
  if (property.const !== undefined) return [typeof property.const];
  return [];
}

function enumValues(property: JsonProperty): (string | number)[] | undefined {
  const raw = property.enum
    ? property.enum
    : property.const !== undefined
      ? [property.const]
      : property.anyOf?.every((option) => option.const !== undefined || option.enum)
        ? property.anyOf.flatMap((option) => option.enum ?? [option.const])
        : undefined;
  const values = raw?.filter(
    (value): value is string | number => typeof value === 'string' || typeof value === 'number',
  );
  return values && values.length > 0 ? values : undefined;
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}
