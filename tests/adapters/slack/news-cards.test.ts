import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../src/core/tenant.ts';
import { createFixedClock } from '../../helpers/clock.ts';
import { bodyOf, digestJobFor, HOUR, pollUntil, saveStory } from '../../helpers/story-fixtures.ts';
import { commandFields, sendEvent, sendSlashCommand } from './fake-slack.ts';
import { ALPHA_TEAM, SIGNING_SECRET, type SlackHarness, startSlackHarness } from './harness.ts';

const alpha: Tenant = { platform: 'slack', id: ALPHA_TEAM.teamId };
const TITLE = 'Zanzibar ferry tender reviewed';
const BASE = `${TITLE}. ${bodyOf(TITLE)}`;

describe('Slack: a public /news card is tracked like a digest card', () => {
  let h: SlackHarness;
  const clock = createFixedClock(new Date());
  let sequence = 0;

  /** Sends `/news <text>` in a channel, signed, and waits for what answered it. */
  const slash = async (text: string, channel: string) => {
    const id = `news-card-${++sequence}`;
    const res = await sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      commandFields(h.fake, id, { team: alpha.id, user: 'U0MEMBER', text, channel }),
    );
    expect(res.status).toBe(200);
    const [answer] = await h.fake.responsesFor(id);
    return answer!.body as Record<string, unknown>;
  };
  const repliesIn = (channel: string) => h.fake.posted.filter((p) => p.channel === channel && p.threadTs);

  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_BOT_TOKEN: ALPHA_TEAM.botToken }, (fake) => fake.addTeam(ALPHA_TEAM));
    await saveStory(h.app.core, TITLE, 'Coast Herald', Date.now() - 2 * HOUR, BASE);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('posts the card with chat.postMessage, threads exactly one update under its ts, and counts a 👍 on it', async () => {
    const answer = await slash('zanzibar ferry', 'C0NEWS');
    expect(answer).toMatchObject({ response_type: 'in_channel', via: 'chat.postMessage' });
    expect(JSON.stringify(answer.blocks)).toContain(TITLE);
    const card = h.fake.posted.find((p) => p.channel === 'C0NEWS' && !p.threadTs)!;
    expect(card.metadata?.event_type).toBe('policywire_delivery');
    expect(h.fake.responses).toEqual([]);

    // A typo fix says nothing; a material edit gets one reply under the card, and a restart adds none.
    const job = digestJobFor(h.app, { slack: h.adapter }, clock, 'news-cards');
    await saveStory(
      h.app.core,
      TITLE,
      'Coast Herald',
      Date.now() - 2 * HOUR,
      BASE.replace('Officials', 'Oficials'),
    );
    expect((await job.runUpdates()).posted).toEqual([]);
    await saveStory(
      h.app.core,
      TITLE,
      'Coast Herald',
      Date.now() - 2 * HOUR,
      `${BASE} The ministry rejected both bids on Tuesday.`,
    );
    expect((await job.runUpdates()).posted).toHaveLength(1);
    expect((await digestJobFor(h.app, { slack: h.adapter }, clock, 'restarted').runUpdates()).posted).toEqual(
      [],
    );
    expect(repliesIn('C0NEWS')).toHaveLength(1);
    expect(repliesIn('C0NEWS')[0]).toMatchObject({ threadTs: card.ts });
    expect(repliesIn('C0NEWS')[0]!.text).toContain('Update: the ministry rejected both bids on Tuesday.');

    // A 👍 on the card, signed through the Events API, leans the channel towards its outlet.
    const event = {
      type: 'reaction_added',
      user: 'U0READER',
      reaction: '+1',
      item_user: ALPHA_TEAM.botUserId,
      item: { type: 'message', channel: 'C0NEWS', ts: card.ts },
      event_ts: `${Date.now() / 1000}`,
    };
    expect((await sendEvent(h.eventsUrl, SIGNING_SECRET, alpha.id, event)).status).toBe(200);
    const prefs = await pollUntil(
      () => h.app.digests.preferences.of(alpha, 'C0NEWS', clock.now()),
      (value) => value.sources.has('coast herald'),
    );
    expect(prefs.sources.get('coast herald')).toMatchObject({ liked: 1 });
    expect(prefs.sources.get('coast herald')!.weight).toBeCloseTo(Math.tanh(1 / 3), 9);
    expect(h.fake.violations).toEqual([]);
  });

  it('falls back to response_url where the bot may not post, and that answer is not tracked', async () => {
    h.fake.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const answer = await slash('zanzibar ferry', 'C0PRIVATE');
    expect(answer.response_type).toBe('in_channel');
    expect(answer.via).toBeUndefined();
    expect(JSON.stringify(answer.blocks)).toContain(TITLE);
    expect(h.fake.posted.filter((p) => p.channel === 'C0PRIVATE')).toEqual([]);
    expect(await h.app.digests.posts.stories.list(alpha)).not.toContainEqual(
      expect.objectContaining({ channelId: 'C0PRIVATE' }),
    );
  });

  it('keeps an answer only the asker sees ephemeral, through response_url', async () => {
    const before = h.fake.posted.length;
    const answer = await slash('sources add https://www.ftc.gov/feeds/press-release.xml FTC', 'C0NEWS');
    expect(answer.response_type).toBe('ephemeral');
    expect(h.fake.posted.length).toBe(before);
  });
});
