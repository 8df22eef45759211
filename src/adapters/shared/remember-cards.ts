import type { DigestServices } from '../../../digests/services.ts';
import { logTickFailure } from '../../../digests/tick-errors.ts';
import type { Reply } from '../../core/reply.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Logger } from '../../logger.ts';
import { cardsOf, storyMessagesOf } from './story-messages.ts';

/** Where a command's answer went: its rendered messages and, in order, the ids they were posted as. */
export interface PostedAnswer {
  tenant: Tenant;
  channelId: string;
  reply: Reply;
  rendered: readonly unknown[];
  messageIds: readonly string[];
}

/**
 * Remembers the story cards of a `/news` answer posted in a channel, as digests are remembered, so the
 * channel gets update threads under them and its 👍/👎 on them count. An answer seen only by the asker,
 * or one whose message ids are not all known, is not remembered; a failure costs that, never the answer.
 */
export async function rememberCards(
  digests: DigestServices,
  answer: PostedAnswer,
  now: Date,
  logger: Logger,
): Promise<void> {
  if (answer.messageIds.length !== answer.rendered.length) return;
  const storyMessages = storyMessagesOf(answer.reply, answer.rendered, answer.messageIds);
  await rememberStoryMessages(digests, { ...answer, storyMessages }, now, logger);
}

/** Where a posted answer's cards went, as the poster reported it (card id → message id). */
export interface PostedCards {
  tenant: Tenant;
  channelId: string;
  reply: Reply;
  storyMessages: Record<string, string>;
}

/** Remembers each card of a posted answer under the message the poster says carries it; never throws. */
export async function rememberStoryMessages(
  digests: DigestServices,
  answer: PostedCards,
  now: Date,
  logger: Logger,
): Promise<void> {
  const cards = cardsOf(answer.reply);
  if (cards.length === 0) return;
  const { storyMessages } = answer;
  await digests.posts
    .record(
      answer.tenant,
      answer.channelId,
      cards.map((card) => ({ card, topics: [] })),
      storyMessages,
      now,
    )
    .catch((error: unknown) =>
      logTickFailure(digests.storeHealth, logger, error, 'could not remember where the stories were posted'),
    );
}
