import { z } from 'zod';
import type { Article } from '../article.ts';
import type { Tenant } from '../tenant.ts';

/** A topic: a name people type, the search query behind it, and the aliases that mean the same thing. */
export const topicSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, up to 40'),
  label: z.string().min(1).max(80),
  query: z.string().min(1).max(500),
  aliases: z.array(z.string().min(1).max(80)).max(50).default([]),
  builtIn: z.boolean().default(false),
  /** Set on a tenant topic that customises the built-in of the same name (only in lists, never stored). */
  customisesBuiltIn: z.boolean().optional(),
});

/** A topic definition. */
export type Topic = z.infer<typeof topicSchema>;

/** The topics port: built-in taxonomy plus each tenant's own topics. */
export interface TopicService {
  /** Built-in topics and the tenant's own, the tenant's winning on a name clash. */
  list(tenant: Tenant): Promise<Topic[]>;
  /** A topic by name or alias; a free query when nothing matches, so `/digest "open banking"` works. */
  resolve(tenant: Tenant, nameOrQuery: string): Promise<Topic>;
  /** Topic names an article belongs to, for tagging at ingest. */
  tag(article: Pick<Article, 'title' | 'text'>, topics: Topic[]): string[];
}

/** The topic service plus what commands, ingest and search need beyond the port. */
export interface TopicManager extends TopicService {
  /**
   * Saves a tenant topic. One named like a built-in customises that built-in for this tenant only, and only
   * with `replace`: otherwise a UserError (`conflict`) says how to ask for it.
   */
  add(tenant: Tenant, topic: Topic, options?: { replace?: boolean }): Promise<void>;
  /** Deletes a tenant topic (a customised built-in is then the built-in again); false when there was none. */
  remove(tenant: Tenant, name: string): Promise<boolean>;
  /** Global tags for an article at ingest: built-in topics plus `jurisdiction:` and `agency:` tags. */
  tagsFor(article: Pick<Article, 'title' | 'text'>): string[];
  /** The tenant's own topics as alias phrases by name, for `topic:` filters in search. */
  aliasesFor(tenant: Tenant): Promise<ReadonlyMap<string, string[]>>;
  /** The tenant's own topics an article matches, for the tags shown on its cards. */
  tenantTags(tenant: Tenant, article: Pick<Article, 'title' | 'text'>): Promise<string[]>;
  /** What one request needs of the tenant's topics, from a single read of the store. */
  viewFor(tenant: Tenant): Promise<TenantTopics>;
}

/** A tenant's topics as read once for one request: the list, the alias phrases and card tagging. */
export interface TenantTopics {
  /** Built-in topics and the tenant's own, as `list` gives them. */
  list: Topic[];
  /** The tenant's own topics as alias phrases by name, as `aliasesFor` gives them. */
  aliases: ReadonlyMap<string, string[]>;
  /** The tenant's own topics an article matches, as `tenantTags` gives them. */
  tags(article: Pick<Article, 'title' | 'text'>): string[];
}
