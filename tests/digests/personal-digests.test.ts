import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_DIGEST_STORIES } from '../../digests/first-digest.ts';
import { createDigestJob } from '../../digests/job.ts';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import { directChannelId } from '../../src/core/ports/chat-adapter.ts';
import type { App } from '../../src/main.ts';
import { startHarness as startDiscord } from '../adapters/discord/harness.ts';
import { fakeDmChannel } from '../adapters/slack/fake-slack.ts';
import { type SlackHarness, startSlackHarness } from '../adapters/slack/harness.ts';
import { chatInputInteraction } from '../fakes/fake-discord.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { addHuaweiStories } from '../helpers/distinct-stories.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { runSlash } from '../helpers/slack-commands.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

/** Tomorrow at 08:05 UTC: the first digest time after a subscription made today. */
function tomorrowMorning(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8, 5));
}

/** A digest job on a fixed clock for one adapter. */
function digestJob(app: App, adapter: ChatAdapter, at: Date) {
  const job = createDigestJob({
    core: app.core,
    services: app.digests,
    adapters: { [adapter.platform]: adapter },
    ledger: app.stores.ledger,
    logger: createSilentLogger(),
    clock: createFixedClock(at),
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  closers.push(() => job.stop());
  return job;
}

describe('/subscribe <topic> dm on Slack', () => {
  let h: SlackHarness;
  const team = 'T0PERSONAL';
  const start = async () => {
    h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-personal' }, (fake) =>
      fake.addTeam({
        teamId: team,
        botToken: 'xoxb-personal',
        botUserId: 'U0BOT',
        botId: 'B0BOT',
        users: { U0ADMIN: { is_admin: true }, U0MEMBER: {}, U0OTHER: {} },
      }),
    );
    closers.push(() => h.close());
  };

  it('lets a member subscribe for themselves, delivers to their DMs with at most 3 stories first, and only they can remove it', async () => {
    await start();
    const added = await runSlash(h, { team, user: 'U0MEMBER', text: 'subscribe huawei dm' });
    expect(added.responseType).toBe('ephemeral');
    expect(added.text).toMatch(/Added Huawei to your personal digest/);
    // The channel's digest stays an admin's decision.
    expect((await runSlash(h, { team, user: 'U0MEMBER', text: 'subscribe huawei' })).text).toMatch(
      /Only workspace admins can use \/news subscribe/,
    );
    const tenant = { platform: 'slack' as const, id: team };
    expect(await h.app.digests.stores.subscriptions.get(tenant, directChannelId('U0MEMBER'))).toMatchObject({
      topics: ['huawei'],
      createdBy: 'U0MEMBER',
    });

    const at = tomorrowMorning();
    await addHuaweiStories(h.app, at);
    expect((await digestJob(h.app, h.adapter, at).runDue()).delivered).toHaveLength(1);
    const dm = h.fake.posted.filter((message) => message.channel === fakeDmChannel('U0MEMBER'));
    expect(dm.length).toBeGreaterThan(0);
    const shown = JSON.stringify(dm.map((message) => message.blocks));
    const headlines = [
      ...shown.matchAll(/Germany fines|Brazilian satellite|Senate hearing|Nairobi cloud|patent suit/g),
    ];
    expect(new Set(headlines.map((m) => m[0])).size).toBe(FIRST_DIGEST_STORIES);
    expect(h.fake.posted.filter((message) => message.channel.startsWith('C'))).toEqual([]);

    // Nobody else sees it or can remove it, admins included.
    const listing = await runSlash(h, { team, user: 'U0ADMIN', text: 'subscriptions' });
    expect(listing.text).not.toMatch(/U0MEMBER|direct messages/);
    expect((await runSlash(h, { team, user: 'U0OTHER', text: 'unsubscribe huawei dm' })).text).toMatch(
      /You have no personal digest/,
    );
    expect((await runSlash(h, { team, user: 'U0MEMBER', text: 'unsubscribe huawei dm' })).text).toMatch(
      /that was the last topic, so your personal digest has stopped/,
    );
    expect(await h.app.digests.stores.subscriptions.get(tenant, directChannelId('U0MEMBER'))).toBeUndefined();
  });
});

describe('/subscribe topic:… dm:true on Discord', () => {
  it('lets a member subscribe for themselves and delivers the digest to their DMs', async () => {
    const guild = { id: '400000000000000041', name: 'Personal', channelIds: ['500000000000000041'] };
    const h = await startDiscord({ guilds: [guild] });
    closers.push(() => h.close());
    const member = '300000000000000041';
    const callback = await h.fake.interact(
      chatInputInteraction({
        name: 'subscribe',
        options: [
          { name: 'topic', type: 3, value: 'huawei' },
          { name: 'dm', type: 5, value: true },
        ],
        guildId: guild.id,
        channelId: guild.channelIds[0]!,
        userId: member,
      }),
    );
    expect(JSON.stringify(callback.body)).toMatch(/Added Huawei to your personal digest/);
    expect(callback.body.data.flags).toBe(64);
    const at = tomorrowMorning();
    await addHuaweiStories(h.app, at);
    expect((await digestJob(h.app, h.adapter, at).runDue()).delivered).toHaveLength(1);
    const dm = JSON.stringify(h.fake.directMessages(member));
    expect(dm).toMatch(/Huawei/);
    expect(h.fake.messages(guild.channelIds[0]!)).toEqual([]);
  });
});
