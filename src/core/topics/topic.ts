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
