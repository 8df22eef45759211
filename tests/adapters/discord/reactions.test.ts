import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestJob } from '../../../digests/job.ts';
import type { ChannelPreferences } from '../../../digests/preferences.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import { say } from '../../digests/support.ts';
import { chatInputInteraction } from '../../fakes/fake-discord.ts';
import { createFixedClock } from '../../helpers/clock.ts';
import * as fixtures from '../../helpers/story-fixtures.ts';
import { GUILD_A, GUILD_B, type Harness, startHarness } from './harness.ts';

const guildA: Tenant = { platform: 'discord', id: GUILD_A.id };
const guildB: Tenant = { platform: 'discord', id: GUILD_B.id };
const CHANNEL_A = GUILD_A.channelIds[0]!;
const CHANNEL_B = GUILD_B.channelIds[0]!;

/** A member reacting in a guild, as the gateway sends it. */
function reactionEvent(guildId: string, channelId: string, messageId: string, userId: string, emoji: string) {
  return {
    user_id: userId,
    channel_id: channelId,
    message_id: messageId,
    guild_id: guildId,
    emoji: { id: null, name: emoji },
    member: {
      user: { id: userId, username: `member${userId.slice(-3)}`, discriminator: '0', avatar: null },
      roles: [],
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
    },
    burst: false,
    type: 0,
  };
}

describe('Discord: 👍/👎 over the gateway teach the channel ranking; updates reply to the card', () => {
  let h: Harness;
  let job: DigestJob;
  const clock = createFixedClock(new Date());
  let day1 = 0;

  const jobNamed = (instanceId: string) =>
    fixtures.digestJobFor(h.app, { discord: h.adapter }, clock, instanceId);

  /** Three members' 👍🏽 in guild A's channel added or removed, then the channel's leanings once `ok` holds. */
  const thumbs = async (type: string, messageId: string, ok: (prefs: ChannelPreferences) => boolean) => {
    for (const user of ['700000000000000001', '700000000000000002', '700000000000000003'])
      h.fake.dispatchEvent(type, reactionEvent(GUILD_A.id, CHANNEL_A, messageId, user, '👍🏽'));
    return fixtures.pollUntil(() => h.app.digests.preferences.of(guildA, CHANNEL_A, clock.now()), ok);
  };

  beforeAll(async () => {
    h = await startHarness();
    const { time, at } = fixtures.anHourAgo();
    expect(await say(h.app, `/subscribe zanzibar at ${time} tz UTC`, CHANNEL_A, guildA)).toMatchObject({
      level: 'success',
    });
    expect(await say(h.app, `/subscribe zanzibar at ${time} tz UTC`, CHANNEL_B, guildB)).toMatchObject({
      level: 'success',
    });
    day1 = at + 24 * fixtures.HOUR + 5 * 60_000;
    job = jobNamed('discord-test');
    for (const [i, title] of fixtures.DAY_ONE_STORIES.entries())
      await fixtures.saveStory(h.app.core, title, 'Coast Herald', day1 - (2 + i) * fixtures.HOUR);
    clock.set(new Date(day1));
    expect((await job.runDue()).delivered).toHaveLength(2);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('MESSAGE_REACTION_ADD on the digest reorders the next one; reactions elsewhere are ignored', async () => {
    const [card] = h.fake.messages(CHANNEL_A);
    // The other guild reacting in its own channel to guild A's message id: not a message the bot posted there.
    h.fake.dispatchEvent(
      'MESSAGE_REACTION_ADD',
      reactionEvent(GUILD_B.id, CHANNEL_B, card!.id, '700000000000000009', '👍'),
    );
    // The bot's own reaction is no vote.
    h.fake.dispatchEvent(
      'MESSAGE_REACTION_ADD',
      reactionEvent(GUILD_A.id, CHANNEL_A, card!.id, h.fake.appId, '👍'),
    );
    const liked = await thumbs(
      'MESSAGE_REACTION_ADD',
      card!.id,
      (prefs) => (prefs.sources.get('coast herald')?.weight ?? 0) > 0.7,
    );
    expect(liked.sources.get('coast herald')).toMatchObject({ liked: 3, disliked: 0 });
    expect((await h.app.digests.preferences.of(guildB, CHANNEL_B, clock.now())).sources.size).toBe(0);

    const day2 = day1 + 24 * fixtures.HOUR;
    await fixtures.saveStory(
      h.app.core,
      'Zanzibar cable landing planned',
      'Coast Herald',
      day2 - 4 * fixtures.HOUR,
    );
    await fixtures.saveStory(
      h.app.core,
      'Zanzibar airport runway extended',
      'Island Post',
      day2 - fixtures.HOUR,
    );
    clock.set(new Date(day2));
    expect((await job.runDue()).delivered).toHaveLength(2);
    expect(fixtures.fixtureHeadlines(h.fake.messages(CHANNEL_B).at(-1)!.embeds)).toEqual([
      'airport runway',
      'cable landing',
    ]);
    expect(fixtures.fixtureHeadlines(h.fake.messages(CHANNEL_A).at(-1)!.embeds)).toEqual([
      'cable landing',
      'airport runway',
    ]);

    // Taking the reactions back (MESSAGE_REACTION_REMOVE) takes the votes back.
    const cleared = await thumbs('MESSAGE_REACTION_REMOVE', card!.id, (prefs) => prefs.sources.size === 0);
    expect(cleared.sources.size).toBe(0);
  });

  it('a material edit is one reply to the digest message, and a restarted job adds nothing', async () => {
    const [card] = h.fake.messages(CHANNEL_A);
    const title = fixtures.DAY_ONE_STORIES[1]!;
    await fixtures.saveStory(
      h.app.core,
      title,
      'Coast Herald',
      day1 - 3 * fixtures.HOUR,
      `${title}. ${fixtures.bodyOf(title)} The port authority blocked the levy on Tuesday.`,
    );
    expect((await job.runUpdates()).posted).toHaveLength(2);
    const replies = h.fake.messages(CHANNEL_A).filter((message) => message.replyTo);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.replyTo).toBe(card!.id);
    expect(JSON.stringify(replies[0])).toContain('Update: the port authority blocked the levy on Tuesday.');
    const restarted = jobNamed('discord-test-restarted');
    expect((await restarted.runUpdates()).posted).toEqual([]);
    expect(h.fake.messages(CHANNEL_A).filter((message) => message.replyTo)).toHaveLength(1);
  });

  it('a /news card posted in the channel is remembered: a 👎 on it counts for its outlet', async () => {
    const interaction = chatInputInteraction({
      name: 'news',
      options: [{ name: 'query', type: 3, value: 'zanzibar airport runway' }],
      guildId: GUILD_A.id,
      channelId: CHANNEL_A,
    });
    expect((await h.fake.interact(interaction)).body.type).toBe(4);
    const original = await h.fake.waitFor(
      (r) => r.method === 'GET' && r.path.endsWith(`/${interaction.token}/messages/@original`),
    );
    expect(original).toBeDefined();
    // Not one of the digests the channel got: the interaction's own answer.
    const digestIds = h.fake.messages(CHANNEL_A).map((m) => m.id);
    const isNewsCard = (m: { messageId: string; stories: { sources: string[] }[] }) =>
      !digestIds.includes(m.messageId) && m.stories.some((story) => story.sources[0] === 'Island Post');
    const remembered = await fixtures.pollUntil(
      () => h.app.digests.posts.messages.list(guildA),
      (list) => list.some(isNewsCard),
    );
    const card = remembered.find(isNewsCard)!;
    expect(card).toBeDefined();
    h.fake.dispatchEvent(
      'MESSAGE_REACTION_ADD',
      reactionEvent(GUILD_A.id, CHANNEL_A, card.messageId, '700000000000000004', '👎'),
    );
    const prefs = await fixtures.pollUntil(
      () => h.app.digests.preferences.of(guildA, CHANNEL_A, clock.now()),
      (p) => (p.sources.get('island post')?.disliked ?? 0) > 0,
    );
    expect(prefs.sources.get('island post')).toMatchObject({ disliked: 1 });
    expect(prefs.sources.get('island post')!.weight).toBeLessThan(0);
  });
});
