import { z } from 'zod';
import { channelDeadlines } from '../digests/channel-deadlines.ts';
import { describeDeadline } from '../src/core/policy/comment-deadlines.ts';
import { notice } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import { defineCommand } from './define.ts';
import { FREE_SEARCH, namedTopicIn } from './named-topic.ts';
import { topicOption } from './subscribe-input.ts';

/** `/deadlines [topic]`: open comment periods for this channel's topics and follows, soonest first. */
export const deadlinesCommand = defineCommand({
  name: 'deadlines',
  description: "Open comment periods for this channel's topics and follows, soonest first",
  usage: ['/deadlines', '/deadlines <topic>'],
  options: z.object({ topic: topicOption.optional().describe('Only deadlines on this topic') }),
  parseText: (text) => (text.trim() ? { topic: text.trim() } : {}),
  async run(ctx, input) {
    const topic = input.topic === undefined ? undefined : stripQuotes(input.topic);
    // Read once for both the deadlines and the named-topic check: on a shared store each read is a round trip.
    const known = topic ? await ctx.digests.topics.list(ctx.tenant) : undefined;
    const { deadlines, scope } = await channelDeadlines(ctx.digests, ctx.tenant, ctx.channel.id, {
      now: ctx.core.clock.now(),
      ...(topic && known ? { topic, topics: known } : {}),
    });
    // A topic that is none of the tenant's is read as words: say so, or a typo reads as "nothing open".
    const named = topic && known ? namedTopicIn(known, topic).named : true;
    const freeNote = named ? undefined : `"${topic?.slice(0, 60)}" was searched as ${FREE_SEARCH}`;
    const about =
      scope === 'topic'
        ? ` on ${named ? topic : `"${topic?.slice(0, 60)}"`}`
        : scope === 'channel'
          ? " for this channel's topics and follows"
          : '';
    if (deadlines.length === 0)
      return {
        ...notice(
          'info',
          `No open comment periods${about}.`,
          freeNote ??
            (scope === 'all'
              ? undefined
              : 'Admins follow a docket with /follow <id>; /deadlines <topic> narrows to one topic.'),
        ),
        visibility: 'ephemeral',
      };
    return {
      kind: 'list',
      title: `Open comment periods${about} (${deadlines.length})`,
      items: deadlines.slice(0, 25).map((deadline) => ({
        label: deadline.title,
        detail: [
          describeDeadline(deadline),
          deadline.commentUrl ? `comment: ${deadline.commentUrl}` : `document: ${deadline.url}`,
          ...(deadline.docketIds.length > 0 ? [`docket ${deadline.docketIds.join(', ')}`] : []),
        ].join(' · '),
      })),
      footer:
        [
          freeNote,
          scope === 'all'
            ? 'This channel has no topics or follows, so every open period is listed. /follow <id> or /subscribe <topic> narrows it.'
            : deadlines.length > 25
              ? `${deadlines.length - 25} more not shown.`
              : undefined,
        ]
          .filter(Boolean)
          .join(' ') || undefined,
      visibility: 'ephemeral',
    };
  },
});
