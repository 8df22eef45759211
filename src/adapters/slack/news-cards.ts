import { createHash, randomUUID } from 'node:crypto';
import type { DigestServices } from '../../../digests/services.ts';
import type { ChannelRef } from '../../core/ports/chat-adapter.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../logger.ts';
import { rememberStoryMessages } from '../shared/remember-cards.ts';
import { cardsOf } from '../shared/story-messages.ts';
import type { SlackPoster } from './post-message.ts';

/** Slack's answers that mean the bot cannot post in that conversation: the command is answered as before. */
const CANNOT_POST_HERE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

/**
 * Posts a public `/news` answer with story cards into its channel, or says it could not. True when posted;
 * false when the caller should answer through response_url instead.
 */
export type NewsCardPoster = (
  channel: ChannelRef,
  reply: Reply,
  triggerId: string | undefined,
) => Promise<boolean>;

/** What posting `/news` cards needs: the digest poster (bot token, message metadata, post memory) and the story memory. */
export interface NewsCardPosterDeps {
  poster: SlackPoster;
  digests: DigestServices;
  clock: Clock;
  logger: Logger;
}

/**
 * `/news` cards go out like digest cards: chat.postMessage with the bot token and the delivery metadata, so
 * their ts is known and recorded (card → message), and update threads and 👍/👎 find them. A response_url
 * answer has no ts, which is why this exists. Where the bot may not post (not in the channel, a DM between
 * two people) the caller falls back to response_url.
 */
export function createNewsCardPoster(deps: NewsCardPosterDeps): NewsCardPoster {
  return async (channel, reply, triggerId) => {
    if (cardsOf(reply).length === 0) return false;
    // One key per command, so a retried post within the command sends nothing twice; trigger ids are not echoed.
    const key = `news:${createHash('sha256')
      .update(triggerId ?? randomUUID())
      .digest('hex')
      .slice(0, 24)}`;
    const result = await deps.poster.post(channel, reply, { key });
    if (!result.ok) {
      const level = CANNOT_POST_HERE.has(result.error) ? 'debug' : 'warn';
      deps.logger[level](
        { channel: channel.id, error: result.error },
        'posting /news cards failed; answering through response_url',
      );
      return false;
    }
    await rememberStoryMessages(
      deps.digests,
      { tenant: channel.tenant, channelId: channel.id, reply, storyMessages: result.storyMessages ?? {} },
      deps.clock.now(),
      deps.logger,
    );
    return true;
  };
}
