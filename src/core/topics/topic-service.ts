import { UserError } from '../../errors.ts';
import type { TenantStore } from '../ports/tenant-store.ts';
import type { Topic, TopicManager } from '../ports/topic-service.ts';
import type { Tenant } from '../tenant.ts';
import { placeTags } from './places.ts';
import { type CompiledTopic, compileTopic, tagArticle } from './tagger.ts';
import { BUILT_IN_TOPICS } from './taxonomy.ts';

const compiledBuiltIns: CompiledTopic[] = BUILT_IN_TOPICS.map(compileTopic);
const builtInByName: ReadonlyMap<string, Topic> = new Map(BUILT_IN_TOPICS.map((t) => [t.name, t]));

/** The built-in topic of that name, if any; a Map, so a name like `constructor` finds nothing. */
export function builtInTopic(name: string): Topic | undefined {
  return builtInByName.get(name);
}

/** Turns free text into a topic name: `Open Banking!` → `open-banking`. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'query'
  );
}

/**
 * Creates the topic service over the tenant `topics` store. Tenant topics are matched when searched
 * and shown rather than stamped on shared articles, so adding or editing one applies to every stored
 * article at once and one tenant's topic names never show up for another tenant.
 */
export function createTopicService(deps: { store: TenantStore<Topic> }): TopicManager {
  const compiledCache = new Map<string, { topics: Topic[]; compiled: CompiledTopic[] }>();
  const own = async (tenant: Tenant): Promise<Topic[]> => {
    const topics = await deps.store.list(tenant);
    return topics.sort((a, b) => a.name.localeCompare(b.name));
  };
  const compiledOwn = async (tenant: Tenant, read?: Topic[]): Promise<CompiledTopic[]> => {
    const topics = read ?? (await own(tenant));
    const key = `${tenant.platform}:${tenant.id}`;
    const cached = compiledCache.get(key);
    if (cached && JSON.stringify(cached.topics) === JSON.stringify(topics)) return cached.compiled;
    const compiled = topics.map(compileTopic);
    compiledCache.set(key, { topics, compiled });
    return compiled;
  };

  const withBuiltIns = (mine: Topic[]): Topic[] => {
    const names = new Set(mine.map((t) => t.name));
    const customised = mine.map((t) => (builtInByName.has(t.name) ? { ...t, customisesBuiltIn: true } : t));
    return [...BUILT_IN_TOPICS.filter((t) => !names.has(t.name)), ...customised];
  };
  const list = async (tenant: Tenant): Promise<Topic[]> => withBuiltIns(await own(tenant));
  const aliasesOf = (mine: Topic[]) => new Map(mine.map((t) => [t.name, [t.query, ...t.aliases]]));

  return {
    list,
    async resolve(tenant, nameOrQuery) {
      return resolveTopicIn(await list(tenant), nameOrQuery);
    },
    tag(article, topics) {
      return tagArticle(article, topics.map(compileTopic));
    },
    tagsFor(article) {
      return [...tagArticle(article, compiledBuiltIns), ...placeTags(article)];
    },
    async add(tenant, topic, options = {}) {
      const builtIn = builtInByName.get(topic.name);
      if (builtIn && !options.replace) {
        const exists = (await own(tenant)).some((t) => t.name === topic.name);
        if (!exists) {
          throw new UserError(
            'conflict',
            `${topic.name} is a built-in topic (${builtIn.label}).`,
            `To customise it for this workspace, add --replace: /topics add ${topic.name} <query> --replace. Or pick another name.`,
          );
        }
      }
      await deps.store.put(tenant, topic.name, { ...topic, builtIn: false });
    },
    async remove(tenant, name) {
      return deps.store.delete(tenant, name);
    },
    async aliasesFor(tenant) {
      return aliasesOf(await own(tenant));
    },
    async tenantTags(tenant, article) {
      const compiled = await compiledOwn(tenant);
      return compiled.length === 0 ? [] : tagArticle(article, compiled);
    },
    async viewFor(tenant) {
      const mine = await own(tenant);
      const compiled = await compiledOwn(tenant, mine);
      return {
        list: withBuiltIns(mine),
        aliases: aliasesOf(mine),
        tags: (article) => (compiled.length === 0 ? [] : tagArticle(article, compiled)),
      };
    },
  };
}

/**
 * A topic by name or alias among `topics` (a tenant's list, as `list` gives it); a free query when nothing
 * matches. What `resolve` does, for a caller that already read the list and must not read it again.
 */
export function resolveTopicIn(topics: Topic[], nameOrQuery: string): Topic {
  const wanted = nameOrQuery.trim();
  if (!wanted) throw new UserError('invalid_option', 'A topic name or query is needed.', 'See /topics list.');
  const lower = wanted.toLowerCase();
  const byName = topics.find((t) => t.name === lower || t.name === slugify(wanted));
  if (byName) return byName;
  const byAlias = topics.find(
    (t) => t.label.toLowerCase() === lower || t.aliases.some((alias) => alias.toLowerCase() === lower),
  );
  if (byAlias) return byAlias;
  return {
    name: slugify(wanted),
    label: wanted.slice(0, 80),
    query: wanted.slice(0, 500),
    aliases: [],
    builtIn: false,
  };
}
