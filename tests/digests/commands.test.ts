import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/dispatch.ts';

import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { contextFor } from '../helpers/context.ts';
import { addArticle, openTestCore, say, type TestCore } from './support.ts';

const clock = createFixedClock('2026-03-30T06:00:00Z');
const slack: Tenant = { platform: 'slack', id: 'T1' };
let open: TestCore | undefined;

afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function setUp() {
  clock.set('2026-03-30T06:00:00Z');
  open = await openTestCore({ clock });
  return open;
}

const text = (reply: Awaited<ReturnType<typeof say>>) =>
  reply.kind === 'notice' ? `${reply.text} ${reply.hint ?? ''}` : JSON.stringify(reply);

describe('/subscribe', () => {
  it('adds topics to the channel, keeps the schedule given, and reads time, zone and days in any order', async () => {
    const host = await setUp();
    const { digests: services } = host;
    const first = await say(
      host,
      '/subscribe Export Controls at 7:30 tz europe/london weekdays',
      'C1',
      slack,
    );
    expect(first).toMatchObject({ kind: 'notice', level: 'success' });
    expect(text(first)).toContain('Added Export controls and chips');
    expect(text(first)).toContain('07:30 Europe/London, weekdays; next Mon 30 Mar 07:30');
    await say(host, '/subscribe "open banking"', 'C1', slack);
    expect(await services.stores.subscriptions.get(slack, 'C1')).toMatchObject({
      tenant: slack,
      channelId: 'C1',
      topics: ['export-controls-chips', 'open banking'],
      time: '07:30',
      timeZone: 'Europe/London',
      weekdays: [1, 2, 3, 4, 5],
    });
    const again = await say(host, '/subscribe export-controls-chips', 'C1', slack);
    expect(again).toMatchObject({ level: 'info' });
    expect(text(again)).toContain('already covers');
  });

  it('given Discord-style typed options, validates them the same way', async () => {
    const host = await setUp();
    const { digests: services } = host;
    const discord: Tenant = { platform: 'discord', id: '123' };
    const ok = await dispatch(
      { name: 'subscribe', options: { topic: 'huawei', at: '18:15', tz: 'Asia/Tokyo', days: 'mon,wed' } },
      contextFor(host, { channelId: '999', tenant: discord }),
    );
    expect(ok).toMatchObject({ level: 'success' });
    expect(await services.stores.subscriptions.get(discord, '999')).toMatchObject({
      time: '18:15',
      timeZone: 'Asia/Tokyo',
      weekdays: [1, 3],
    });
  });

  it('given a bad time, an unknown time zone or unknown days, says what is wrong and how to write it', async () => {
    const host = await setUp();
    const { digests: services } = host;
    expect(text(await say(host, '/subscribe huawei at 25:00'))).toMatch(
      /"25:00" is not a time of day; use 24-hour HH:MM, e\.g\. at 08:00/,
    );
    expect(text(await say(host, '/subscribe huawei tz Europe/Londn'))).toMatch(
      /"Europe\/Londn" is not a time zone we know; use an IANA name such as Europe\/London/,
    );
    expect(text(await say(host, '/subscribe huawei tz +01:00'))).toMatch(/is not a time zone we know/);
    expect(text(await say(host, '/subscribe huawei days:funday'))).toMatch(/"funday" is not a set of days/);
    expect(text(await say(host, '/subscribe'))).toMatch(/name a topic/);
    expect(await services.stores.subscriptions.list(CONSOLE_TENANT)).toEqual([]);
  });

  it('refuses people who are not admins, for /subscribe, /unsubscribe and /subscriptions', async () => {
    const host = await setUp();
    const { digests: services } = host;
    for (const line of ['/subscribe huawei', '/unsubscribe huawei', '/subscriptions']) {
      const reply = await say(host, line, 'C1', slack, false);
      expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
      expect(text(reply)).toMatch(/Only workspace admins/);
    }
    expect(await services.stores.subscriptions.list(slack)).toEqual([]);
  });
});

describe('/unsubscribe and /subscriptions', () => {
  it('removes one topic, ends the digest with the last, and lists only this workspace', async () => {
    const host = await setUp();
    const { digests: services } = host;
    await say(host, '/subscribe huawei at 08:00 tz Europe/London', 'C1', slack);
    await say(host, '/subscribe antitrust', 'C1', slack);
    await say(host, '/subscribe privacy', 'C2', slack);
    await say(host, '/subscribe huawei', 'console');
    const listing = await say(host, '/subscriptions', 'C1', slack);
    expect(listing).toMatchObject({ kind: 'list', title: 'Daily digests (2)' });
    if (listing.kind !== 'list') return;
    expect(listing.items.map((i) => i.label)).toEqual(['#C1 (this channel)', '#C2']);
    expect(listing.items[0]!.detail).toContain(
      'huawei, antitrust-competition · 08:00 Europe/London, daily · next Mon 30 Mar 08:00',
    );

    expect(text(await say(host, '/unsubscribe china', 'C1', slack))).toMatch(
      /does not cover "china".*Its topics: huawei, antitrust/,
    );
    expect(text(await say(host, '/unsubscribe Huawei', 'C1', slack))).toContain(
      'Topics left: antitrust-competition',
    );
    expect(text(await say(host, '/unsubscribe antitrust', 'C1', slack))).toContain('digest has stopped');
    expect(await services.stores.subscriptions.get(slack, 'C1')).toBeUndefined();
    expect(await services.stores.subscriptions.get(CONSOLE_TENANT, 'console')).toBeDefined();
  });
});

describe('/digest', () => {
  it("shows anyone this channel's next digest now, only to them", async () => {
    const host = await setUp();
    const { core } = host;
    clock.set('2026-03-30T05:00:00Z');
    await addArticle(core, { title: 'Huawei launches appeal' });
    await addArticle(core, { title: 'Football results' });
    clock.set('2026-03-30T06:00:00Z');
    expect(text(await say(host, '/digest', 'C1', slack, false))).toMatch(/no daily digest yet/);
    await say(host, '/subscribe huawei tz Europe/London', 'C1', slack);
    const preview = await say(host, '/digest', 'C1', slack, false);
    expect(preview).toMatchObject({ kind: 'digest', visibility: 'ephemeral' });
    if (preview.kind !== 'digest') return;
    expect(preview.title).toBe('Preview: Policy Wire digest · Monday 30 March 2026');
    expect(preview.sections.map((s) => [s.topic, s.stories.map((story) => story.title)])).toEqual([
      ['Huawei', ['Huawei launches appeal']],
    ]);
    const topic = await say(host, '/digest football', 'C9', slack, false);
    expect(topic.kind === 'digest' && topic.sections[0]?.stories[0]?.title).toBe('Football results');
  });
});
