import { z } from 'zod';
import { canonicalTimeZone } from '../digests/zoned-time.ts';
import { notice } from '../src/core/reply.ts';
import { plural } from '../src/core/text/plural.ts';
import { defineCommand } from './define.ts';
import { followIdOption, followTargetOf, remindOption } from './follow-input.ts';
import { parseKeyValues } from './parse-text.ts';
import { timeZoneOption } from './subscribe-input.ts';

/** `/follow <id> [remind:7,1] [tz:Zone]`: this channel gets the item's card, then its changes in the card's thread. */
export const followCommand = defineCommand({
  name: 'follow',
  description: 'Follow a docket, Federal Register document, bill or procedure in this channel',
  usage: [
    '/follow <docket | FR document number | bill | EU procedure | UK bill>',
    '/follow <id> [remind:7,1|off] [tz:America/New_York]',
  ],
  admin: true,
  options: z.object({
    id: followIdOption.describe('e.g. EPA-HQ-OAR-2026-0001, 2026-12345, H.R. 1234, 2024/0001(COD)'),
    remind: remindOption
      .optional()
      .describe('Days before a comment period closes to remind, e.g. 7,1 or off'),
    tz: timeZoneOption.optional().describe('Time zone for reminders (default: the digest’s, else UTC)'),
  }),
  parseText(text) {
    const { values, rest } = parseKeyValues(text, ['remind', 'tz']);
    return {
      ...(rest.trim() ? { id: rest.trim().replace(/^["“]|["”]$/g, '') } : {}),
      ...(values.remind === undefined ? {} : { remind: values.remind }),
      ...(values.tz === undefined ? {} : { tz: values.tz }),
    };
  },
  async run(ctx, input) {
    const follows = ctx.digests.follows;
    const now = ctx.core.clock.now();
    const target = followTargetOf(input.id, now);
    const settingsNote: string[] = [];
    if (input.remind !== undefined || input.tz !== undefined) {
      const settings = await follows.settingsOf(ctx.tenant, ctx.channel.id);
      const timeZone = input.tz === undefined ? settings.timeZone : canonicalTimeZone(input.tz);
      await follows.settings.put(ctx.tenant, ctx.channel.id, {
        ...settings,
        ...(input.remind === undefined ? {} : { reminderDays: input.remind }),
        ...(timeZone ? { timeZone } : {}),
      });
      const days = input.remind ?? settings.reminderDays;
      settingsNote.push(
        days.length === 0
          ? 'Deadline reminders are off in this channel.'
          : `Reminders go out ${days.join(' and ')} ${plural(days.length === 1 ? days[0]! : days.length, 'day')} before a comment period closes${timeZone ? `, at 09:00 ${timeZone}` : ''}.`,
      );
    }
    const outcome = await follows.follow(ctx.tenant, ctx.channel.id, target, ctx.user.id, now);
    if (outcome.status === 'full')
      return notice(
        'error',
        `This channel follows ${outcome.limit} items, the most it may.`,
        'Stop one with /unfollow <id>; /following lists them.',
      );
    if (outcome.status === 'exists')
      return notice(
        'info',
        `This channel already follows ${target.label}.`,
        settingsNote.join(' ') || undefined,
      );
    const skipped = outcome.skipped.map((s) => `Not polling ${s.origin}: ${s.reason}.`);
    const hint = [...settingsNote, ...skipped].join(' ');
    return notice(
      outcome.skipped.length > 0 ? 'warning' : 'success',
      `Following ${target.label}. Its card will be posted here, and every new document, action or comment deadline goes in the card's thread.`,
      hint || undefined,
    );
  },
});
