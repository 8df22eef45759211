import type { Article } from '../src/core/article.ts';
import type { TenantStore } from '../src/core/store/ports.ts';
import { type Tenant, tenantKey } from '../src/core/tenant.ts';
import { contentTokens } from '../src/core/text/tokens.ts';
import { type Topic, type TopicService, topicSchema } from '../src/core/topics/topic.ts';

/**
 * A starter taxonomy, so `/subscribe export-controls` means something before any admin defines topics.
 * The understanding layer's TopicService replaces this whole file when it lands.
 */
export const STARTER_TOPICS: readonly Topic[] = [
  t('huawei', 'Huawei', 'huawei', ['hauwei']),
  t('export-controls', 'Export controls', 'export controls entity list sanctions chips', ['export control']),
  t('semiconductors', 'Semiconductors', 'semiconductor chips chipmaker foundry', ['chips', 'chip']),
  t('ai-regulation', 'AI regulation', 'artificial intelligence ai act regulation', ['ai', 'ai act']),
  t('antitrust', 'Antitrust and competition', 'antitrust competition monopoly merger', ['competition']),
  t('privacy', 'Privacy and data protection', 'privacy data protection gdpr', ['data protection', 'gdpr']),
  t('cybersecurity', 'Cybersecurity', 'cybersecurity hacking cyberattack ransomware', ['cyber', 'security']),
  t('telecoms', 'Telecoms and 5G', 'telecoms 5g network spectrum', ['5g', 'telecom']),
  t('content-moderation', 'Online safety and moderation', 'online safety content moderation platform', [
    'online safety',
  ]),
  t('surveillance', 'Surveillance and spying', 'surveillance spying espionage', ['spying', 'espionage']),
];

function t(name: string, label: string, query: string, aliases: string[]): Topic {
  return { name, label, query, aliases, builtIn: true };
}

/** Folds a topic as typed (`Export Controls`, `export_controls`) to the form names and aliases are compared in. */
export function normalizeTopicName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^"|"$/g, '')
    .replace(/[\s_]+/g, '-');
}

/** A topic name for a free query: lower-case words joined by dashes, within the schema's 40 characters. */
export function slugForQuery(query: string): string {
  const slug = normalizeTopicName(query)
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
  return slug || 'query';
}

/**
 * The default TopicService: starter topics plus each tenant's own (namespace `topics`), a tenant's topic
 * winning on a name clash; anything else is a free query run through the search index.
 */
export function createDefaultTopicService(
  deps: { topics?: TenantStore<Topic>; cacheMs?: number; now?: () => number } = {},
): TopicService {
  const cacheMs = deps.cacheMs ?? 30_000;
  const now = deps.now ?? Date.now;
  // A digest batch resolves thousands of (tenant, topic) pairs: read each tenant's own topics once a while.
  const cache = new Map<string, { at: number; topics: Promise<Topic[]> }>();
  const ownTopics = (tenant: Tenant): Promise<Topic[]> => {
    if (!deps.topics) return Promise.resolve([]);
    const key = tenantKey(tenant);
    const hit = cache.get(key);
    if (hit && now() - hit.at < cacheMs) return hit.topics;
    const topics = deps.topics.list(tenant);
    cache.set(key, { at: now(), topics });
    return topics;
  };
  const list = async (tenant: Tenant): Promise<Topic[]> => {
    const own = await ownTopics(tenant);
    const byName = new Map<string, Topic>();
    for (const topic of STARTER_TOPICS) byName.set(topic.name, topic);
    for (const topic of own) byName.set(topic.name, topic);
    return [...byName.values()];
  };
  return {
    list,
    async resolve(tenant, nameOrQuery) {
      const wanted = normalizeTopicName(nameOrQuery);
      const topics = await list(tenant);
      const found =
        topics.find((topic) => topic.name === wanted) ??
        topics.find((topic) => topic.aliases.some((alias) => normalizeTopicName(alias) === wanted));
      if (found) return found;
      const query = nameOrQuery.trim().replace(/^"|"$/g, '').slice(0, 500) || nameOrQuery;
      return topicSchema.parse({
        name: slugForQuery(query),
        label: query,
        query,
        aliases: [],
        builtIn: false,
      });
    },
    tag(article: Pick<Article, 'title' | 'text'>, topics: Topic[]) {
      const words = new Set(contentTokens(`${article.title} ${article.text}`));
      return topics
        .filter((topic) => {
          const terms = contentTokens(topic.query);
          if (terms.length === 0) return false;
          const hits = terms.filter((term) => words.has(term)).length;
          return hits >= Math.max(1, Math.ceil(terms.length / 2));
        })
        .map((topic) => topic.name);
    },
  };
}
