import { topicSchema } from '../src/core/topics/topic.ts';
import type { CommandContext } from './define.ts';

/**
 * The search behind a topic name: the tenant's own topic matched by name or alias, or else the name
 * itself as a free query. A TopicService on the core (built-in taxonomy) supersedes this lookup.
 */
export async function resolveTopicQuery(
  ctx: Pick<CommandContext, 'core' | 'tenant'>,
  name: string,
): Promise<{ label: string; query: string }> {
  const wanted = name.trim().toLowerCase();
  const topics = await ctx.core.stores.tenantStore('topics', topicSchema).list(ctx.tenant);
  const found = topics.find(
    (topic) => topic.name === wanted || topic.aliases.some((alias) => alias.toLowerCase() === wanted),
  );
  return found ? { label: found.label, query: found.query } : { label: name.trim(), query: name.trim() };
}
