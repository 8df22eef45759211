import { z } from 'zod';
import { describeSchedule } from '../digests/describe.ts';
import { shortMoment } from '../digests/digest-reply.ts';
import { EVERY_DAY, nextOccurrence, parseTimeOfDay, parseWeekdays } from '../digests/schedule.ts';
import { MAX_TOPICS, type Subscription } from '../digests/subscription.ts';
import { canonicalTimeZone } from '../digests/zoned-time.ts';
import { notice } from '../src/core/reply.ts';
import { stripQuotes } from '../src/core/text/quotes.ts';
import { defineCommand } from './define.ts';
import {
  daysOption,
  parseSubscribeText,
  timeOption,
  timeZoneOption,
  topicOption,
} from './subscribe-input.ts';

/** Default digest time for a channel's first subscription. */
export const DEFAULT_DIGEST_TIME = '08:00';

/** `/subscribe <topic> [at 08:00] [tz Europe/London] [weekdays]`: adds a topic to this channel's daily digest. */
export const subscribeCommand = defineCommand({
  name: 'subscribe',
  description: "Add a topic to this channel's daily digest, and set when it arrives",
  usage: [
    '/subscribe <topic> [at 08:00] [tz Europe/London] [weekdays|daily|mon,wed,fri]',
    '/subscribe "open banking" at 7:30 tz America/New_York weekdays',
  ],
  admin: true,
  options: z.object({
    topic: topicOption.describe('A topic name such as export-controls, or words to search for'),
    at: timeOption.optional().describe('Time of day, 24-hour HH:MM'),
    tz: timeZoneOption.optional().describe('IANA time zone, e.g. Europe/London'),
    days: daysOption.optional().describe('weekdays, weekends, daily or mon,wed,fri'),
  }),
  parseText: parseSubscribeText,
  async run(ctx, input) {
    const topic = stripQuotes(input.topic);
    const at = input.at === undefined ? undefined : parseTimeOfDay(input.at);
    const tz = input.tz === undefined ? undefined : canonicalTimeZone(input.tz);
    const days = input.days === undefined ? undefined : parseWeekdays(input.days);
    const services = ctx.digests;
    const store = services.stores.subscriptions;
    const now = ctx.core.clock.now();
    const resolved = await services.topics.resolve(ctx.tenant, topic);
    const known = (await services.topics.list(ctx.tenant)).some((t) => t.name === resolved.name);
    // Known topics are stored by name so later edits to their definition apply; anything else is a free query.
    const entry = known ? resolved.name : topic;
    const existing = await store.get(ctx.tenant, ctx.channel.id);
    const topics = existing ? [...existing.topics] : [];
    const already = topics.includes(entry);
    if (!already) topics.push(entry);
    if (topics.length > MAX_TOPICS) {
      return notice(
        'error',
        `This channel already has ${MAX_TOPICS} digest topics, the most one digest can carry.`,
        'Remove one with /unsubscribe <topic>, or subscribe another channel.',
      );
    }
    const subscription: Subscription = {
      tenant: ctx.tenant,
      channelId: ctx.channel.id,
      topics,
      time: at ?? existing?.time ?? DEFAULT_DIGEST_TIME,
      timeZone: tz ?? existing?.timeZone ?? 'UTC',
      weekdays: days ?? existing?.weekdays ?? [...EVERY_DAY],
      createdAt: existing?.createdAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
      createdBy: existing?.createdBy ?? ctx.user.id,
    };
    await store.put(ctx.tenant, ctx.channel.id, subscription);
    const next = nextOccurrence(subscription, now);
    const label = known ? resolved.label : `"${topic}"`;
    const scheduleChanged = at !== undefined || tz !== undefined || days !== undefined;
    const what = already
      ? scheduleChanged
        ? `Updated this channel's digest schedule; ${label} was already in it.`
        : `This channel's digest already covers ${label}.`
      : `Added ${label} to this channel's digest.`;
    return notice(
      already && !scheduleChanged ? 'info' : 'success',
      `${what} Digest: ${describeSchedule(subscription)}${
        next ? `; next ${shortMoment(next.at, subscription.timeZone)}` : ''
      }. Topics: ${topics.join(', ')}.`,
      subscription.timeZone === 'UTC' && tz === undefined
        ? 'Times are in UTC; add e.g. tz Europe/London to change. Preview it now with /digest.'
        : 'Preview it now with /digest.',
    );
  },
});
