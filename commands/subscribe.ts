import { z } from 'zod';
import { describeSchedule } from '../digests/describe.ts';
import { shortMoment } from '../digests/digest-reply.ts';
import { EVERY_DAY, nextOccurrence, parseTimeOfDay, parseWeekdays } from '../digests/schedule.ts';
import { MAX_TOPICS, type Subscription } from '../digests/subscription.ts';
import { canonicalTimeZone } from '../digests/zoned-time.ts';
import { directChannelId } from '../src/core/ports/chat-adapter.ts';
import { notice, type Reply } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import type { CommandContext } from './define.ts';
import { defineCommand } from './define.ts';
import { FREE_SEARCH, resolveNamedTopic } from './named-topic.ts';
import {
  capOption,
  daysOption,
  notifyOption,
  parseSubscribeText,
  quietOption,
  timeOption,
  timeZoneOption,
  topicOption,
} from './subscribe-input.ts';
import { resolveGroup, saveMentionSettings } from './subscribe-mentions.ts';

/** Default digest time for a channel's first subscription. */
export const DEFAULT_DIGEST_TIME = '08:00';

const options = z.object({
  topic: topicOption.describe('A topic name such as export-controls, or words to search for'),
  at: timeOption.optional().describe('Time of day, 24-hour HH:MM'),
  tz: timeZoneOption.optional().describe('IANA time zone, e.g. Europe/London'),
  days: daysOption.optional().describe('weekdays, weekends, daily or mon,wed,fri'),
  dm: z.boolean().optional().describe('A personal digest in your direct messages instead of this channel'),
  notify: notifyOption
    .optional()
    .describe('A user group or role to mention when a story on the topic arrives'),
  quiet: quietOption.optional().describe('No mentions in these hours, e.g. 22:00-07:00, or off'),
  cap: capOption.optional().describe('Most mentions this channel gets an hour (1-60; 3 unless set)'),
});

type SubscribeOptions = z.infer<typeof options>;

/** The outcome of adding a topic to one digest: the saved subscription and how to describe the change. */
interface Added {
  subscription: Subscription;
  entry: string;
  label: string;
  already: boolean;
  scheduleChanged: boolean;
  /** True when the topic names none of the tenant's topics and is searched as the words typed. */
  free: boolean;
}

/** Adds the topic to the digest of `channelId` (a channel, or someone's DMs) and saves it. */
async function addTopic(
  ctx: CommandContext,
  channelId: string,
  input: SubscribeOptions,
): Promise<Added | Reply> {
  const topic = stripQuotes(input.topic);
  const at = input.at === undefined ? undefined : parseTimeOfDay(input.at);
  const tz = input.tz === undefined ? undefined : canonicalTimeZone(input.tz);
  const days = input.days === undefined ? undefined : parseWeekdays(input.days);
  const services = ctx.digests;
  const store = services.stores.subscriptions;
  const now = ctx.core.clock.now();
  const { topic: resolved, named: known } = await resolveNamedTopic(services.topics, ctx.tenant, topic);
  // Known topics are stored by name so later edits to their definition apply; anything else is a free query.
  const entry = known ? resolved.name : topic;
  const existing = await store.get(ctx.tenant, channelId);
  const topics = existing ? [...existing.topics] : [];
  const already = topics.includes(entry);
  if (!already) topics.push(entry);
  if (topics.length > MAX_TOPICS) {
    return notice(
      'error',
      `This digest already has ${MAX_TOPICS} topics, the most one digest can carry.`,
      'Remove one with /unsubscribe <topic>, or subscribe another channel.',
    );
  }
  const subscription: Subscription = {
    tenant: ctx.tenant,
    channelId,
    topics,
    time: at ?? existing?.time ?? DEFAULT_DIGEST_TIME,
    timeZone: tz ?? existing?.timeZone ?? 'UTC',
    weekdays: days ?? existing?.weekdays ?? [...EVERY_DAY],
    createdAt: existing?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    createdBy: existing?.createdBy ?? ctx.user.id,
  };
  await store.put(ctx.tenant, channelId, subscription);
  const label = known ? resolved.label : `"${topic}"`;
  const scheduleChanged = at !== undefined || tz !== undefined || days !== undefined;
  return { subscription, entry, label, already, scheduleChanged, free: !known };
}

/** The confirmation of an added topic, in the words of whose digest it is. */
function confirmation(added: Added, ctx: CommandContext, whose: string, tzGiven: boolean): Reply {
  const { subscription, label, already, scheduleChanged } = added;
  const next = nextOccurrence(subscription, ctx.core.clock.now());
  const what = already
    ? scheduleChanged
      ? `Updated ${whose} digest schedule; ${label} was already in it.`
      : `${whose[0]?.toUpperCase()}${whose.slice(1)} digest already covers ${label}.`
    : `Added ${label} to ${whose} digest${added.free ? ` as a free search: ${FREE_SEARCH}` : '.'}`;
  return {
    kind: 'notice',
    level: already && !scheduleChanged ? 'info' : 'success',
    text: `${what} Digest: ${describeSchedule(subscription)}${
      next ? `; next ${shortMoment(next.at, subscription.timeZone)}` : ''
    }. Topics: ${subscription.topics.join(', ')}.`,
    hint:
      subscription.timeZone === 'UTC' && !tzGiven
        ? 'Times are in UTC; add e.g. tz Europe/London to change. Preview it now with /digest.'
        : 'Preview it now with /digest.',
  };
}

/**
 * `/subscribe <topic> [at 08:00] [tz Europe/London] [weekdays] [dm] [notify @group] [quiet 22:00-07:00] [cap 5]`:
 * adds a topic to this channel's daily digest (admins), or with `dm` to the caller's own digest in
 * their direct messages (anyone: it is theirs, and only they see or remove it).
 */
export const subscribeCommand = defineCommand({
  name: 'subscribe',
  description:
    "Add a topic to this channel's daily digest (or, with dm, to your own), and set when it arrives",
  usage: [
    '/subscribe <topic> [at 08:00] [tz Europe/London] [weekdays|daily|mon,wed,fri]',
    '/subscribe "open banking" at 7:30 tz America/New_York weekdays',
    '/subscribe huawei 9:00 Europe/Berlin   (at and tz may be left out)',
    '/subscribe <topic> dm   (your own digest, in your direct messages)',
    '/subscribe <topic> notify @group [quiet 22:00-07:00] [cap 5]   (mention a group when a story arrives, at most 5 times an hour)',
  ],
  admin: true,
  // A personal digest is the caller's own business; everything else changes the channel.
  openWhen: (input) =>
    input.dm === true && input.notify === undefined && input.quiet === undefined && input.cap === undefined,
  options,
  parseText: parseSubscribeText,
  async run(ctx, input) {
    const mentions = input.notify !== undefined || input.quiet !== undefined || input.cap !== undefined;
    if (input.dm && mentions) {
      return notice(
        'error',
        'notify, quiet and cap are for channels; a personal digest pings nobody.',
        'Use /subscribe <topic> dm for yourself, or /subscribe <topic> notify @group in a channel.',
      );
    }
    // The group is checked before anything is saved: a typo must not leave half a subscription behind.
    const group = input.notify === undefined ? undefined : await resolveGroup(ctx, input.notify);
    if (group && 'kind' in group) return group;
    const channelId = input.dm ? directChannelId(ctx.user.id) : ctx.channel.id;
    const added = await addTopic(ctx, channelId, input);
    if (!('subscription' in added)) return added;
    const reply = confirmation(
      added,
      ctx,
      input.dm ? 'your personal' : "this channel's",
      input.tz !== undefined,
    );
    if (input.dm) return { ...reply, visibility: 'ephemeral' };
    if (!mentions) return reply;
    const said = await saveMentionSettings(ctx, added.subscription, added.entry, {
      ...(group ? { group } : {}),
      ...(input.quiet === undefined ? {} : { quiet: input.quiet }),
      ...(input.cap === undefined ? {} : { perHour: input.cap }),
    });
    return reply.kind === 'notice' ? { ...reply, text: `${reply.text} ${said}` } : reply;
  },
});
