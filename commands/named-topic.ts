import type { Topic, TopicService } from '../src/core/ports/topic-service.ts';
import type { Tenant } from '../src/core/tenant.ts';
import { resolveTopicIn } from '../src/core/topics/topic-service.ts';

/** Says that words typed are searched as they are, so a misspelt topic name does not pass for one. */
export const FREE_SEARCH =
  "stories with these words, not one of this workspace's named topics (/topics lists them).";

/**
 * The topic a typed name or alias stands for, and whether it is one of the tenant's named topics; when it
 * is not, `resolve` hands back a free query of the words as typed, which commands accept but must say so.
 */
export async function resolveNamedTopic(
  topics: TopicService,
  tenant: Tenant,
  text: string,
): Promise<{ topic: Topic; named: boolean }> {
  return namedTopicIn(await topics.list(tenant), text);
}

/** `resolveNamedTopic` over a tenant's topic list already read, so a command reads the store once. */
export function namedTopicIn(known: Topic[], text: string): { topic: Topic; named: boolean } {
  const topic = resolveTopicIn(known, text);
  return { topic, named: known.some((t) => t.name === topic.name) };
}
