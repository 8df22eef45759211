import type { Core } from '../../core/core.ts';
import type { Tenant } from '../../core/tenant.ts';
import { COMMAND_LIMITS } from './limits.ts';

/** Names to offer for one option in one guild; `typed` is what the member has typed so far. */
export type AutocompleteSource = (tenant: Tenant, typed: string) => Promise<string[]>;

/**
 * Where suggestions come from, keyed by option: `topic` serves that option in every command,
 * `sources.target` only in /sources. An option gets `autocomplete: true` exactly when a key matches.
 */
export type AutocompleteProviders = Readonly<Record<string, AutocompleteSource>>;

/** The provider for one command's option, the command-specific key winning. */
export function providerFor(
  providers: AutocompleteProviders,
  command: string,
  key: string,
): AutocompleteSource | undefined {
  const own = (name: string) => (Object.hasOwn(providers, name) ? providers[name] : undefined);
  return own(`${command}.${key}`) ?? own(key);
}

/** The guild's source names, for `/sources remove` and any `source` option. */
export function sourceNames(core: Pick<Core, 'sources'>): AutocompleteSource {
  return async (tenant) => (await core.sources.list(tenant)).map((source) => source.name);
}

/** Topic names the guild can use: the built-in taxonomy and its own topics, from the topic service. */
export function topicNames(core: Pick<Core, 'topics'>): AutocompleteSource {
  return async (tenant) => (await core.topics.list(tenant)).map((topic) => topic.name);
}

/** The built-in providers: topic names (any command) and source names (`source`, `/sources target`). */
export function defaultAutocomplete(core: Pick<Core, 'sources' | 'topics'>): AutocompleteProviders {
  const topics = topicNames(core);
  const sources = sourceNames(core);
  return { topic: topics, topics, source: sources, sources, 'sources.target': sources };
}

/**
 * Ranks names against what was typed (prefix matches first, then substring), at most 25, each a valid
 * choice. For a comma-separated list only the last entry is completed and the earlier ones are kept.
 */
export function suggest(names: string[], typed: string, list = false): { name: string; value: string }[] {
  const cut = list ? typed.lastIndexOf(',') : -1;
  const kept = cut >= 0 ? `${typed.slice(0, cut + 1).trim()} ` : '';
  const wanted = typed
    .slice(cut + 1)
    .trim()
    .toLowerCase();
  const unique = [...new Set(names.filter((name) => name.length > 0))];
  const prefix = unique.filter((name) => name.toLowerCase().startsWith(wanted));
  const inner = unique.filter(
    (name) => !name.toLowerCase().startsWith(wanted) && name.toLowerCase().includes(wanted),
  );
  return [...prefix.sort(), ...inner.sort()]
    .map((name) => `${kept}${name}`)
    .filter((value) => value.length <= COMMAND_LIMITS.choiceValue)
    .slice(0, COMMAND_LIMITS.choices)
    .map((value) => ({ name: value, value }));
}
