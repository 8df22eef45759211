import { z } from 'zod';
import { describeIncident, type Incident, incidentId } from '../src/core/incidents.ts';
import { followIdOf } from '../src/core/policy/follow-record.ts';
import { notice } from '../src/core/reply.ts';
import { plural } from '../src/core/text/plural.ts';
import { defineCommand } from './define.ts';

/** `/following`: what this channel follows, and its reminder settings. */
export const followingCommand = defineCommand({
  name: 'following',
  description: 'List the dockets, documents, bills and procedures this channel follows',
  usage: ['/following'],
  options: z.object({}),
  parseText: () => ({}),
  async run(ctx) {
    const follows = await ctx.digests.follows.list(ctx.tenant, ctx.channel.id);
    if (follows.length === 0)
      return {
        ...notice(
          'info',
          'This channel follows nothing yet.',
          'Admins add an item with /follow <id>, e.g. /follow EPA-HQ-OAR-2026-0001.',
        ),
        visibility: 'ephemeral',
      };
    const settings = await ctx.digests.follows.settingsOf(ctx.tenant, ctx.channel.id);
    const days = settings.reminderDays;
    // A follow whose source broke says so first: its follower was told, the channel sees it here.
    const incidents = new Map<string, Incident>();
    for (const incident of await ctx.digests.incidents.list(ctx.tenant))
      if (incident.kind === 'follow' && incident.status === 'open')
        incidents.set(incidentId('follow', incident.subject), incident);
    return {
      kind: 'list',
      title: `Followed here (${follows.length})`,
      items: follows.map((follow) => {
        const incident = incidents.get(incidentId('follow', followIdOf(follow.channelId, follow.target)));
        const detail = `${follow.target.kind} · since ${follow.createdAt.slice(0, 10)}${follow.card ? '' : ' · card not posted yet'} · /unfollow ${follow.target.id}`;
        return incident
          ? { label: `⚠ ${follow.target.label}`, detail: `${describeIncident(incident)} · ${detail}` }
          : { label: follow.target.label, detail };
      }),
      footer:
        days.length === 0
          ? 'Deadline reminders are off.'
          : `Deadline reminders ${days.join(' and ')} ${plural(days.length === 1 ? days[0]! : days.length, 'day')} before closing (${settings.timeZone ?? 'the digest’s zone, else UTC'}).`,
      visibility: 'ephemeral',
    };
  },
});
