import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RunningNotifications, startNotifications } from '../../../digests/notifications.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import { startHarness as startDiscord } from '../../adapters/discord/harness.ts';
import { type SlackHarness, startSlackHarness } from '../../adapters/slack/harness.ts';
import { chatInputInteraction, PERMISSIONS } from '../../fakes/fake-discord.ts';
import { addHuaweiStories } from '../../helpers/distinct-stories.ts';
import { runSlash } from '../../helpers/slack-commands.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  while (closers.length > 0) await closers.pop()!();
});

const TEAM = 'T0MENTION';
const CHANNEL = 'C0NEWSROOM';

/** A Slack workspace with a user group, and the notifications running on it without their timer. */
async function startSlack(): Promise<{ h: SlackHarness; notifications: RunningNotifications }> {
  const h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-mention' }, (fake) =>
    fake.addTeam({
      teamId: TEAM,
      botToken: 'xoxb-mention',
      botUserId: 'U0BOT',
      botId: 'B0BOT',
      users: { U0ADMIN: { is_admin: true }, U0MEMBER: {} },
      usergroups: [{ id: 'S0POLICY', handle: 'policy-team', name: 'Policy team' }],
    }),
  );
  const notifications = startNotifications(h.app, { slack: h.adapter }, { intervalMs: 0 });
  closers.push(async () => {
    await notifications.stop();
    await h.close();
  });
  return { h, notifications };
}

/** The mention posts in the channel: each one's fallback text, then its blocks. */
const mentionsIn = (h: SlackHarness) =>
  h.fake.posted
    .filter((message) => message.channel === CHANNEL)
    .map((message) => `${message.text} ${JSON.stringify(message.blocks)}`);

describe('/subscribe <topic> notify @group on Slack', () => {
  it('mentions the user group once per story, at most 3 times an hour, and never in quiet hours', async () => {
    const { h, notifications } = await startSlack();
    const say = (user: string, text: string) => runSlash(h, { team: TEAM, user, text, channel: CHANNEL });
    expect((await say('U0MEMBER', 'subscribe huawei notify @policy-team')).text).toMatch(
      /Only workspace admins/,
    );
    expect((await say('U0ADMIN', 'subscribe huawei notify @nobody-here')).text).toMatch(
      /"@nobody-here" is not a group I can mention here/,
    );
    const tenant: Tenant = { platform: 'slack', id: TEAM };
    expect(await h.app.digests.stores.subscriptions.get(tenant, CHANNEL)).toBeUndefined();
    const added = await say(
      'U0ADMIN',
      'subscribe huawei tz Europe/London notify @policy-team quiet 22:00-07:00',
    );
    expect(added.text).toMatch(/mention @policy-team, at most once per story and 3 times an hour/);
    expect(added.text).toMatch(/No mentions from 22:00 to 07:00 \(Europe\/London\)/);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-10T12:00:00Z'));
    const titles = await addHuaweiStories(h.app, new Date());
    expect(await notifications.mentions.run()).toMatchObject({ posted: 3, capped: 2 });
    const first = mentionsIn(h);
    expect(first).toHaveLength(3);
    for (const text of first) expect(text.startsWith('<!subteam^S0POLICY> ')).toBe(true);
    const blocks = h.fake.posted.find((message) => message.channel === CHANNEL)?.blocks as {
      text?: { text: string };
    }[];
    expect(blocks[0]?.text?.text).toBe('<!subteam^S0POLICY>');

    // A minute later nothing new: the posted stories are not posted again, the capped ones wait for no one.
    vi.setSystemTime(new Date('2026-12-10T12:01:00Z'));
    expect(await notifications.mentions.run()).toMatchObject({ posted: 0 });

    // An hour on, the cap has room: another outlet joining an announced story stays quiet, a new story is posted.
    vi.setSystemTime(new Date('2026-12-10T13:05:00Z'));
    const announced = titles.filter((title) => first.some((text) => text.includes(title)));
    expect(announced).toHaveLength(3);
    await addHuaweiStories(h.app, new Date(), { count: 5, outlet: 'second-outlet' });
    const report = await notifications.mentions.run();
    const later = mentionsIn(h).slice(3);
    // The two stories the cap held back are new to the channel, so they are posted now.
    expect(report.posted).toBe(2);
    for (const title of announced) expect(later.some((text) => text.includes(title))).toBe(false);

    // 23:30 in London is quiet: a new story is held back, and not posted when the quiet hours end.
    vi.setSystemTime(new Date('2026-12-10T23:30:00Z'));
    const before = mentionsIn(h).length;
    await h.app.core.writer.save({
      url: 'https://late.example/huawei-night',
      title: 'Huawei recalls routers in Norway overnight',
      source: 'Late Outlet',
      publishedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      text: 'Norwegian authorities ordered the recall of home routers after a firmware flaw. '.repeat(4),
    });
    expect(await notifications.mentions.run()).toMatchObject({ posted: 0, quiet: 1 });
    vi.setSystemTime(new Date('2026-12-11T07:30:00Z'));
    expect(await notifications.mentions.run()).toMatchObject({ posted: 0 });
    expect(mentionsIn(h)).toHaveLength(before);
  });
});

describe('/subscribe … cap N and a later time zone change on Slack', () => {
  it('caps the channel at the mentions an hour it was told, and keeps quiet hours in the digest’s new zone', async () => {
    const { h, notifications } = await startSlack();
    const say = (user: string, text: string) => runSlash(h, { team: TEAM, user, text, channel: CHANNEL });
    expect((await say('U0ADMIN', 'subscribe huawei notify @policy-team cap 0')).text).toMatch(
      /cap is at least 1 mention an hour/,
    );
    expect((await say('U0ADMIN', 'subscribe huawei notify @policy-team cap lots')).text).toMatch(
      /cap takes the most mentions an hour, e.g. cap 5/,
    );
    expect((await say('U0MEMBER', 'subscribe huawei cap 10')).text).toMatch(/Only workspace admins/);
    const added = await say(
      'U0ADMIN',
      'subscribe huawei tz Europe/London notify @policy-team quiet 22:00-07:00 cap 2',
    );
    expect(added.text).toMatch(/at most once per story and 2 times an hour/);
    const story = (slug: string, title: string, text: string) =>
      h.app.core.writer.save({
        url: `https://late.example/${slug}`,
        title,
        source: 'Late Outlet',
        publishedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        text: `${text} `.repeat(4),
      });
    // Slash commands are signed with the real time (the replay guard reads the real clock), then time resumes.
    const sayNow = async (text: string) => {
      const at = new Date();
      vi.useRealTimers();
      try {
        return await say('U0ADMIN', text);
      } finally {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(at);
      }
    };

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-10T12:00:00Z'));
    await addHuaweiStories(h.app, new Date(), { count: 5 });
    expect(await notifications.mentions.run()).toMatchObject({ posted: 2, capped: 3 });
    // The cap alone, changed later, holds for the next hour.
    expect((await sayNow('subscribe huawei cap 1')).text).toMatch(
      /This channel gets at most 1 mention an hour/,
    );
    vi.setSystemTime(new Date('2026-12-10T13:05:00Z'));
    await story(
      'huawei-lisbon',
      'Huawei loses Lisbon port tender',
      'Portuguese harbour officials awarded the crane automation contract to a Finnish rival.',
    );
    await story(
      'huawei-oslo',
      'Oslo school board drops Huawei tablets',
      'Teachers complained about battery faults and the council chose laptops for pupils instead.',
    );
    expect(await notifications.mentions.run()).toMatchObject({ posted: 1, capped: 1 });

    // The digest moves to Tokyo: 14:30 UTC is 23:30 there, inside 22:00-07:00, though only 14:30 in London.
    expect((await sayNow('subscribe huawei tz Asia/Tokyo')).text).toMatch(/Asia\/Tokyo/);
    vi.setSystemTime(new Date('2026-12-10T14:30:00Z'));
    const before = mentionsIn(h).length;
    await story(
      'huawei-norway',
      'Huawei recalls routers in Norway overnight',
      'Norwegian authorities ordered the recall of home routers after a firmware flaw.',
    );
    expect(await notifications.mentions.run()).toMatchObject({ posted: 0, quiet: 1 });
    // 07:30 in Tokyo the quiet hours are over: a new story is mentioned.
    vi.setSystemTime(new Date('2026-12-10T22:30:00Z'));
    await story(
      'huawei-chile',
      'Huawei bids for Chilean rail signalling',
      'The Santiago metro operator shortlisted three suppliers for its new signalling system.',
    );
    expect((await notifications.mentions.run()).posted).toBe(1);
    expect(mentionsIn(h)).toHaveLength(before + 1);
  });
});

describe('/subscribe topic:… notify:@role on Discord', () => {
  it('mentions the role with allowed_mentions naming that role only, capped per hour', async () => {
    const guild = { id: '400000000000000051', name: 'Mentions', channelIds: ['500000000000000051'] };
    const h = await startDiscord({ guilds: [guild] });
    const notifications = startNotifications(h.app, { discord: h.adapter }, { intervalMs: 0 });
    closers.push(async () => {
      await notifications.stop();
      await h.close();
    });
    const role = '600000000000000051';
    const subscribe = (permissions: string) =>
      h.fake.interact(
        chatInputInteraction({
          name: 'subscribe',
          options: [
            { name: 'topic', type: 3, value: 'huawei' },
            { name: 'notify', type: 3, value: `<@&${role}>` },
          ],
          guildId: guild.id,
          channelId: guild.channelIds[0]!,
          permissions,
        }),
      );
    expect(JSON.stringify((await subscribe(PERMISSIONS.member)).body)).toMatch(
      /Only members with the Manage Server/,
    );
    expect(JSON.stringify((await subscribe(PERMISSIONS.admin)).body)).toMatch(/will mention the group/);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-10T12:00:00Z'));
    await addHuaweiStories(h.app, new Date(), { count: 4 });
    expect(await notifications.mentions.run()).toMatchObject({ posted: 3, capped: 1 });
    const posts = h.fake.requests.filter(
      (request) => request.method === 'POST' && request.path === `/channels/${guild.channelIds[0]}/messages`,
    );
    expect(posts).toHaveLength(3);
    for (const post of posts) {
      expect(post.body.content.startsWith(`<@&${role}> `)).toBe(true);
      expect(post.body.allowed_mentions).toEqual({ parse: [], roles: [role] });
    }
  });
});
