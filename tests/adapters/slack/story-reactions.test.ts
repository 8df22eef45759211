import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestJob } from '../../../digests/job.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import { say } from '../../digests/support.ts';
import { createFixedClock } from '../../helpers/clock.ts';
import {
  anHourAgo,
  bodyOf,
  DAY_ONE_STORIES,
  digestJobFor,
  fixtureHeadlines,
  HOUR,
  pollUntil,
  saveStory,
} from '../../helpers/story-fixtures.ts';
import { sendEvent } from './fake-slack.ts';
import { ALPHA_TEAM, SIGNING_SECRET, type SlackHarness, startSlackHarness } from './harness.ts';

const alpha: Tenant = { platform: 'slack', id: 'T0ALPHA' };

/** The Slack channel's digest posts (not thread replies), newest last. */
const digestsIn = (h: SlackHarness, channel: string) =>
  h.fake.posted.filter((post) => post.channel === channel && post.threadTs === undefined);

describe('Slack: 👍/👎 teach the channel ranking, story updates thread under the card', () => {
  let h: SlackHarness;
  let job: DigestJob;
  const clock = createFixedClock(new Date());
  let day1 = 0;

  const save = (title: string, source: string, at: number, text?: string) =>
    saveStory(h.app.core, title, source, at, text);

  const jobNamed = (instanceId: string) => digestJobFor(h.app, { slack: h.adapter }, clock, instanceId);

  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_BOT_TOKEN: ALPHA_TEAM.botToken }, (fake) => fake.addTeam(ALPHA_TEAM));
    // Subscribed an hour "ago" in the day, so the first digest is due tomorrow; the job's clock goes there.
    const { time, at } = anHourAgo();
    for (const channel of ['C0ONE', 'C0TWO'])
      expect(await say(h.app, `/subscribe zanzibar at ${time} tz UTC`, channel, alpha)).toMatchObject({
        level: 'success',
      });
    day1 = at + 24 * HOUR + 5 * 60_000;
    job = jobNamed('slack-test');
    for (const [i, title] of DAY_ONE_STORIES.entries())
      await save(title, 'Coast Herald', day1 - (2 + i) * HOUR);
    clock.set(new Date(day1));
    expect((await job.runDue()).delivered).toHaveLength(2);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reactions replayed through the Events API reorder that channel’s next digest; another team’s are ignored', async () => {
    const [one] = digestsIn(h, 'C0ONE');
    const [two] = digestsIn(h, 'C0TWO');
    const reaction = (channel: string, ts: string, user: string, name: string) => ({
      type: 'reaction_added',
      user,
      reaction: name,
      item_user: ALPHA_TEAM.botUserId,
      item: { type: 'message', channel, ts },
      event_ts: `${Date.now() / 1000}`,
    });
    // Another workspace reacting to the same channel and message ids, and a reaction on a message the bot never posted.
    for (const user of ['U0X1', 'U0X2', 'U0X3'])
      expect(
        (await sendEvent(h.eventsUrl, SIGNING_SECRET, 'T0BETA', reaction('C0TWO', two!.ts, user, '+1')))
          .status,
      ).toBe(200);
    await sendEvent(
      h.eventsUrl,
      SIGNING_SECRET,
      'T0ALPHA',
      reaction('C0TWO', '1.000001', 'U0A1', 'thumbsup'),
    );
    for (const [user, name] of [
      ['U0A1', '+1'],
      ['U0A2', 'thumbsup'],
      ['U0A3', '+1::skin-tone-3'],
    ])
      expect(
        (await sendEvent(h.eventsUrl, SIGNING_SECRET, 'T0ALPHA', reaction('C0ONE', one!.ts, user!, name!)))
          .status,
      ).toBe(200);
    const liked = await pollUntil(
      () => h.app.digests.preferences.of(alpha, 'C0ONE', clock.now()),
      // Three votes on one message of three Coast Herald stories: tanh(3 / 3) ≈ 0.76, short of the cap.
      (prefs) => (prefs.sources.get('coast herald')?.weight ?? 0) > 0.7,
    );
    expect(liked.sources.get('coast herald')).toMatchObject({ liked: 3 });
    expect(liked.sources.get('coast herald')!.weight).toBeLessThan(1);
    expect((await h.app.digests.preferences.of(alpha, 'C0TWO', clock.now())).sources.size).toBe(0);

    // Next day: Island Post's story is newer, so it leads by default; C0ONE liked Coast Herald.
    const day2 = day1 + 24 * HOUR;
    await save('Zanzibar cable landing planned', 'Coast Herald', day2 - 4 * HOUR);
    await save('Zanzibar airport runway extended', 'Island Post', day2 - HOUR);
    clock.set(new Date(day2));
    expect((await job.runDue()).delivered).toHaveLength(2);
    expect(fixtureHeadlines(digestsIn(h, 'C0TWO').at(-1)!)).toEqual(['airport runway', 'cable landing']);
    expect(fixtureHeadlines(digestsIn(h, 'C0ONE').at(-1)!)).toEqual(['cable landing', 'airport runway']);
  });

  it('a material edit gets one thread reply under its card, a typo fix none, a new outlet one; a restart adds nothing', async () => {
    const [card] = digestsIn(h, 'C0ONE');
    const replies = () => h.fake.posted.filter((post) => post.channel === 'C0ONE' && post.threadTs);
    const title = 'Zanzibar ferry tender reviewed';
    const base = `${title}. ${bodyOf(title)}`;
    await save(title, 'Coast Herald', day1 - 2 * HOUR, base.replace('Officials', 'Oficials'));
    expect((await job.runUpdates()).posted).toEqual([]);
    await save(title, 'Coast Herald', day1 - 2 * HOUR, `${base} The ministry rejected both bids on Tuesday.`);
    // Both subscribed channels got the story, so each gets its one reply.
    expect((await job.runUpdates()).posted).toHaveLength(2);
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toMatchObject({ threadTs: card!.ts });
    expect(replies()[0]!.text).toContain('Update: the ministry rejected both bids on Tuesday.');
    await save(
      title,
      'Harbour Times',
      day1 - 2 * HOUR,
      `${base} The ministry rejected both bids on Tuesday.`,
    );
    expect((await job.runUpdates()).posted).toHaveLength(2);
    expect(replies()).toHaveLength(2);
    expect(replies()[1]).toMatchObject({ threadTs: card!.ts });
    expect(replies()[1]!.text).toContain('Also covered by: Harbour Times.');
    const restarted = jobNamed('slack-test-restarted');
    expect((await restarted.runUpdates()).posted).toEqual([]);
    expect(replies()).toHaveLength(2);
    expect(h.fake.violations).toEqual([]);
  });
});
