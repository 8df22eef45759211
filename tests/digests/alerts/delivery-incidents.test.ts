import { afterEach, describe, expect, it } from 'vitest';
import { createDigestJob } from '../../../digests/job.ts';
import { startNotifications } from '../../../digests/notifications.ts';
import type { Subscription } from '../../../digests/subscription.ts';
import type { ChatAdapter } from '../../../src/core/ports/chat-adapter.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import type { App } from '../../../src/main.ts';
import { startHarness as startDiscord } from '../../adapters/discord/harness.ts';
import { fakeDmChannel } from '../../adapters/slack/fake-slack.ts';
import { startSlackHarness } from '../../adapters/slack/harness.ts';
import { GUILD_OWNER_ID } from '../../fakes/fake-discord.ts';
import { createFixedClock } from '../../helpers/clock.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

const subscription = (tenant: Tenant, channelId: string, createdBy?: string): Subscription => ({
  tenant,
  channelId,
  topics: ['huawei'],
  time: '08:00',
  timeZone: 'UTC',
  weekdays: [0, 1, 2, 3, 4, 5, 6],
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...(createdBy ? { createdBy } : {}),
});

/** A digest job and the alerts on one app, on a clock the test moves from day to day. */
function jobsFor(app: App, adapter: ChatAdapter) {
  const clock = createFixedClock('2026-03-30T08:05:00Z');
  const adapters = { [adapter.platform]: adapter };
  const notifications = startNotifications(app, adapters, { intervalMs: 0 });
  const job = createDigestJob({
    core: app.core,
    services: app.digests,
    adapters,
    ledger: app.stores.ledger,
    logger: createSilentLogger(),
    clock,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    outcomes: notifications.alerts.outcomes,
  });
  closers.push(async () => {
    await job.stop();
    await notifications.stop();
  });
  return { clock, job };
}

describe('incident DMs for an undeliverable digest', () => {
  it.each([
    ['is_archived', /archived: unarchive it/],
    ['channel_not_found', /invite Policy Wire to it/],
  ])(
    'given Slack answering %s, DMs the subscriber once with the fix, and once when delivery works again',
    async (code, fix) => {
      const tenant: Tenant = { platform: 'slack', id: 'T0DELIVER' };
      const h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-deliver' }, (fake) =>
        fake.addTeam({
          teamId: tenant.id,
          botToken: 'xoxb-deliver',
          botUserId: 'U0BOT',
          botId: 'B0BOT',
          users: {},
        }),
      );
      closers.push(() => h.close());
      await h.app.digests.stores.subscriptions.put(
        tenant,
        'C0BROKEN',
        subscription(tenant, 'C0BROKEN', 'U0SUBBER'),
      );
      const { clock, job } = jobsFor(h.app, h.adapter);
      const dm = fakeDmChannel('U0SUBBER');
      const dmTexts = () =>
        h.fake.posted.filter((m) => m.channel === dm).map((m) => JSON.stringify(m.blocks));

      h.fake.script('chat.postMessage', { body: { ok: false, error: code } });
      expect((await job.runDue()).failed).toBe(1);
      expect(dmTexts()).toHaveLength(1);
      expect(dmTexts()[0]).toContain(
        `could not deliver the digest to channel #C0BROKEN since 2026-03-30 08:05 UTC: ${code}`,
      );
      expect(dmTexts()[0]).toMatch(fix);

      // The next day fails the same way: still the same incident, no second DM.
      clock.set('2026-03-31T08:05:00Z');
      h.fake.script('chat.postMessage', { body: { ok: false, error: code } });
      expect((await job.runDue()).failed).toBe(1);
      expect(dmTexts()).toHaveLength(1);

      clock.set('2026-04-01T08:05:00Z');
      expect((await job.runDue()).delivered).toHaveLength(1);
      expect(dmTexts()).toHaveLength(2);
      expect(dmTexts()[1]).toContain('the digest reaches channel #C0BROKEN again');
      // The channel got the digest once it worked, and never a word about the failure.
      const inChannel = h.fake.posted.filter((m) => m.channel === 'C0BROKEN');
      expect(inChannel).toHaveLength(1);
      expect(JSON.stringify(inChannel)).not.toMatch(/could not deliver/);
    },
  );

  it('given Discord answering 50001 Missing Access and no known subscriber, DMs the guild owner once, and once on recovery', async () => {
    const guild = { id: '400000000000000031', name: 'Alerts', channelIds: ['500000000000000031'] };
    const h = await startDiscord({ guilds: [guild], connect: false });
    closers.push(() => h.close());
    const tenant: Tenant = { platform: 'discord', id: guild.id };
    const channel = guild.channelIds[0]!;
    await h.app.digests.stores.subscriptions.put(tenant, channel, subscription(tenant, channel));
    const { clock, job } = jobsFor(h.app, h.adapter);
    const path = new RegExp(`^/channels/${channel}/messages$`);
    const texts = () =>
      h.fake.directMessages(GUILD_OWNER_ID).map((m) => JSON.stringify([m.content, m.embeds]));

    h.fake.script('POST', path, [{ status: 403, body: { message: 'Missing Access', code: 50001 } }]);
    expect((await job.runDue()).failed).toBe(1);
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toMatch(/Missing Access \(50001\)/);
    expect(texts()[0]).toMatch(/View Channel, Send Messages/);

    clock.set('2026-03-31T08:05:00Z');
    h.fake.script('POST', path, [{ status: 403, body: { message: 'Missing Access', code: 50001 } }]);
    await job.runDue();
    expect(texts()).toHaveLength(1);

    clock.set('2026-04-01T08:05:00Z');
    expect((await job.runDue()).delivered).toHaveLength(1);
    expect(texts()).toHaveLength(2);
    expect(texts()[1]).toMatch(/reaches channel #500000000000000031 again/);
    expect(h.fake.messages(channel)).toHaveLength(1);
  });
});
