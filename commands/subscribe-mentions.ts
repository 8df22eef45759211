import {
  DEFAULT_MENTIONS_PER_HOUR,
  type MentionRules,
  parseGroupMention,
  parseQuietHours,
} from '../digests/mentions/mention-rules.ts';
import type { Subscription } from '../digests/subscription.ts';
import type { GroupMention } from '../src/core/ports/chat-adapter.ts';
import { notice, type Reply } from '../src/core/reply.ts';
import { countOf } from '../src/core/text/plural.ts';
import type { CommandContext } from './define.ts';

/** How each platform writes the group a notify option names, for the hint when it cannot be read. */
const GROUP_HINT: Record<string, string> = {
  slack: 'Name a user group, e.g. notify @policy-team (its handle) or notify S0123ABCD (its id).',
  discord: 'Mention a role, e.g. notify @Policy (pick it from the list so Discord sends <@&id>).',
  console: 'Name a group, e.g. notify @policy-team.',
};

/** The group a notify option names, or the reply saying why it names none. */
export async function resolveGroup(ctx: CommandContext, text: string): Promise<GroupMention | Reply> {
  const direct = parseGroupMention(text);
  if (direct) return direct;
  const name = text.trim().replace(/^@/, '');
  if (/^[\w.-]{1,80}$/.test(name)) {
    // The console has no groups to look up: the name itself is what it prints.
    if (ctx.tenant.platform === 'console') return { id: name, label: `@${name}` };
    const found = await ctx.groups?.find(ctx.tenant, name);
    if (found) return found;
  }
  return notice(
    'error',
    `"${text.slice(0, 60)}" is not a group I can mention here.`,
    GROUP_HINT[ctx.tenant.platform],
  );
}

/** What one `/subscribe` changes about mentions: the topic's group, the quiet hours, the hourly cap. */
export interface MentionChange {
  group?: GroupMention;
  /** `22:00-07:00`, or `off`. */
  quiet?: string;
  perHour?: number;
}

/** Saves the channel's mention rule for a topic, its quiet hours and cap; returns a sentence saying what changed. */
export async function saveMentionSettings(
  ctx: CommandContext,
  subscription: Subscription,
  topic: string,
  change: MentionChange,
): Promise<string> {
  const { group, quiet } = change;
  const store = ctx.digests.mentions.rules;
  const existing = await store.get(ctx.tenant, subscription.channelId);
  const rules = (existing?.rules ?? []).filter((rule) => !group || rule.topic !== topic);
  if (group) rules.push({ topic, group });
  const quietHours = quiet === undefined ? existing?.quietHours : (parseQuietHours(quiet) ?? undefined);
  const next: MentionRules = {
    tenant: ctx.tenant,
    channelId: subscription.channelId,
    rules,
    timeZone: subscription.timeZone,
    ...(quietHours ? { quietHours } : {}),
    perHour: change.perHour ?? existing?.perHour ?? DEFAULT_MENTIONS_PER_HOUR,
    createdBy: existing?.createdBy ?? ctx.user.id,
    updatedAt: ctx.core.clock.now().toISOString(),
  };
  await store.put(ctx.tenant, subscription.channelId, next);
  const parts: string[] = [];
  if (group)
    parts.push(
      `New ${topic} stories will mention ${group.label ?? 'the group'}, at most once per story and ${countOf(next.perHour, 'time')} an hour.`,
    );
  else if (change.perHour !== undefined)
    parts.push(
      next.rules.length > 0
        ? `This channel gets at most ${countOf(next.perHour, 'mention')} an hour.`
        : `This channel will get at most ${countOf(next.perHour, 'mention')} an hour once a topic has notify @group.`,
    );
  if (quiet !== undefined)
    parts.push(
      quietHours
        ? `No mentions from ${quietHours.from} to ${quietHours.to} (${next.timeZone}).`
        : 'Quiet hours are off.',
    );
  return parts.join(' ');
}
