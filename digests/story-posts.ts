import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ArticleStore } from '../src/core/ports/article-store.ts';
import type { Stores } from '../src/core/ports/stores.ts';
import type { TenantStore } from '../src/core/ports/tenant-store.ts';
import type { StoryCard } from '../src/core/reply.ts';
import type { Tenant } from '../src/core/tenant.ts';

/** How long a posted story is followed for updates: a week covers a ruling, an appeal and the follow-ups. */
export const FOLLOW_MS = 7 * 86_400_000;
/** How long a posted message counts reactions: a month, the span the channel preferences decay over. */
export const REACTIONS_MS = 30 * 86_400_000;

/** One story a channel received, where it was posted and what the channel has been told of it since. */
export const postedStorySchema = z.object({
  channelId: z.string(),
  storyId: z.string(),
  messageId: z.string(),
  articleIds: z.array(z.string()),
  /** Outlets the channel knows carry the story. */
  sources: z.array(z.string()),
  topics: z.array(z.string()).default([]),
  /** The version (contentHash) of each article the channel was last told about. */
  seen: z.record(z.string(), z.string()),
  postedAt: z.string(),
});
/** A story posted to a channel. */
export type PostedStory = z.infer<typeof postedStorySchema>;

/** A message the bot posted that carries story cards: what a reaction on it is a vote about. */
export const postedMessageSchema = z.object({
  channelId: z.string(),
  messageId: z.string(),
  stories: z.array(z.object({ id: z.string(), sources: z.array(z.string()), topics: z.array(z.string()) })),
  postedAt: z.string(),
});
/** A posted message with its stories. */
export type PostedMessage = z.infer<typeof postedMessageSchema>;

/** A card as posted, with the topic (section) it was shown under. */
export interface PostedCard {
  card: StoryCard;
  topics: string[];
}

/** The memory of which story went to which channel in which message. */
export interface StoryPosts {
  stories: TenantStore<PostedStory>;
  messages: TenantStore<PostedMessage>;
  /** Records the cards of one post: each story under the message that carries it. */
  record(
    tenant: Tenant,
    channelId: string,
    cards: PostedCard[],
    storyMessages: Record<string, string>,
    at: Date,
  ): Promise<void>;
  /** Saves a story's record again, keeping its original expiry. */
  save(tenant: Tenant, story: PostedStory, now: Date): Promise<void>;
}

/** Record ids stay short and free of the separators store keys use. */
export function recordId(channelId: string, id: string): string {
  return createHash('sha256').update(`${channelId}\n${id}`).digest('hex').slice(0, 24);
}

/** Opens the `story_posts` and `story_messages` namespaces. */
export function createStoryPosts(stores: Stores, articles: ArticleStore): StoryPosts {
  const stories = stores.tenantStore('story_posts', postedStorySchema);
  const messages = stores.tenantStore('story_messages', postedMessageSchema);
  const save: StoryPosts['save'] = async (tenant, story, now) => {
    const left = Date.parse(story.postedAt) + FOLLOW_MS - now.getTime();
    if (left <= 0) return;
    await stories.put(tenant, recordId(story.channelId, story.storyId), story, { ttlMs: left });
  };
  return {
    stories,
    messages,
    save,
    async record(tenant, channelId, cards, storyMessages, at) {
      const byMessage = new Map<string, PostedMessage['stories']>();
      const known = await articles.getMany([...new Set(cards.flatMap(({ card }) => card.articleIds))]);
      const hashes = new Map(
        known.flatMap((article) => (article ? [[article.id, article.contentHash]] : [])),
      );
      for (const { card, topics } of cards) {
        const messageId = storyMessages[card.id];
        if (!messageId) continue;
        const sources = [card.source, ...card.alsoCoveredBy.map((other) => other.source)];
        const seen: Record<string, string> = {};
        for (const id of card.articleIds) {
          const hash = hashes.get(id);
          if (hash) seen[id] = hash;
        }
        const postedAt = at.toISOString();
        await save(
          tenant,
          {
            channelId,
            storyId: card.id,
            messageId,
            articleIds: card.articleIds,
            sources,
            topics,
            seen,
            postedAt,
          },
          at,
        );
        const list = byMessage.get(messageId) ?? [];
        list.push({ id: card.id, sources, topics });
        byMessage.set(messageId, list);
      }
      for (const [messageId, list] of byMessage) {
        await messages.put(
          tenant,
          recordId(channelId, messageId),
          { channelId, messageId, stories: list, postedAt: at.toISOString() },
          { ttlMs: REACTIONS_MS },
        );
      }
    },
  };
}
