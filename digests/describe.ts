import { shortMoment } from './digest-reply.ts';
import { describeWeekdays, nextOccurrence } from './schedule.ts';
import type { DeliveryState, Subscription } from './subscription.ts';

/** `08:00 Europe/London, weekdays`. */
export function describeSchedule(subscription: Pick<Subscription, 'time' | 'timeZone' | 'weekdays'>): string {
  return `${subscription.time} ${subscription.timeZone}, ${describeWeekdays(subscription.weekdays)}`;
}

/** One line about a subscription for `/subscriptions`: topics, schedule, next and last delivery, health. */
export function describeSubscription(
  subscription: Subscription,
  state: DeliveryState | undefined,
  now: Date,
): string {
  const parts = [subscription.topics.join(', '), describeSchedule(subscription)];
  const next = nextOccurrence(subscription, now);
  if (next) parts.push(`next ${shortMoment(next.at, subscription.timeZone)}`);
  if (state?.lastDeliveredAt)
    parts.push(`last sent ${shortMoment(new Date(state.lastDeliveredAt), subscription.timeZone)}`);
  if (state?.status === 'failing')
    parts.push(
      `⚠ failing since ${state.failingSince?.slice(0, 16).replace('T', ' ') ?? '?'} UTC: ${state.lastError ?? 'unknown error'}`,
    );
  return parts.join(' · ');
}
