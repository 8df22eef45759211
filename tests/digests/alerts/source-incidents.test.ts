import { afterEach, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../../commands/dispatch.ts';
import { startNotifications } from '../../../digests/notifications.ts';
import { SOURCE_FAILURES_THRESHOLD } from '../../../src/core/incidents.ts';
import { type Source, sourceIdFor } from '../../../src/core/sources.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import { createAppPoller } from '../../../src/ingest/start-polling.ts';
import { type FakeTeam, fakeDmChannel } from '../../adapters/slack/fake-slack.ts';
import { type SlackHarness, startSlackHarness } from '../../adapters/slack/harness.ts';
import { type FakeWeb, startFakeWeb } from '../../fakes/http-server.ts';
import { contextFor } from '../../helpers/context.ts';

const TEAM: Tenant = { platform: 'slack', id: 'T0ALERT' };

const feed = (title: string) => `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Agency press</title><link>https://agency.example/</link>
<item><title>${title}</title><link>https://agency.example/${encodeURIComponent(title)}</link>
<guid>${title}</guid><pubDate>${new Date().toUTCString()}</pubDate>
<description>The agency announced a new rule on data brokers today, with fines for violations.</description></item>
</channel></rss>`;

let h: SlackHarness | undefined;
let web: FakeWeb | undefined;

afterEach(async () => {
  await h?.close();
  await web?.close();
  h = undefined;
  web = undefined;
});

/** A Slack harness whose workspace has these members, allowed to poll loopback feeds. */
const startTeam = (users: FakeTeam['users']) =>
  startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-alert', ALLOW_PRIVATE_NETWORKS: 'true' }, (fake) =>
    fake.addTeam({ teamId: TEAM.id, botToken: 'xoxb-alert', botUserId: 'U0BOT', botId: 'B0BOT', users }),
  );

/** Everything the fake Slack shows in a conversation, as one string per message. */
const textsIn = (channel: string) =>
  h!.fake.posted.filter((message) => message.channel === channel).map((message) => message.text);

describe('incident DMs for a broken source', () => {
  it('given a source failing on a loopback server, DMs the admin who added it once after five polls and once on recovery, never the channel', async () => {
    web = await startFakeWeb();
    let failing = false;
    web.route('/feed.xml', (_req, res) => {
      if (failing) res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed('Rule on brokers'));
    });
    h = await startTeam({ U0ADDER: { is_admin: true }, U0OTHER: { is_admin: true } });
    const url = web.url('/feed.xml');
    const id = sourceIdFor(url);
    const source: Source = {
      id,
      url,
      name: 'Agency press',
      intervalMinutes: 15,
      createdAt: new Date(Date.now() - 3_600_000).toISOString(),
      addedBy: 'U0ADDER',
      health: { itemsSeen: 0, failures: 0 },
    };
    await h.app.core.sources.put(TEAM, id, source);
    const poller = createAppPoller(h.app);
    const notifications = startNotifications(h.app, { slack: h.adapter }, { intervalMs: 0 });
    const pollAndCheck = async () => {
      const current = (await h!.app.core.sources.get(TEAM, id))!;
      const result = await poller.pollSource(TEAM, current);
      await notifications.alerts.sweepSources();
      return result.status;
    };
    const dm = fakeDmChannel('U0ADDER');

    expect(await pollAndCheck()).toBe('ok');
    failing = true;
    for (let poll = 1; poll < SOURCE_FAILURES_THRESHOLD; poll++) expect(await pollAndCheck()).toBe('failed');
    expect(textsIn(dm)).toEqual([]);
    expect(await pollAndCheck()).toBe('failed');
    expect(textsIn(dm)).toHaveLength(1);
    expect(textsIn(dm)[0]).toMatch(
      /Agency press .* has been failing since \d{4}-\d\d-\d\d \d\d:\d\d UTC: .*503/,
    );
    const blocks = JSON.stringify(h.fake.posted.find((message) => message.channel === dm)?.blocks);
    expect(blocks).toContain('/sources add the new URL');

    // More failed polls, a restart and a second instance add nothing: it is one incident.
    await pollAndCheck();
    const restarted = startNotifications(h.app, { slack: h.adapter }, { intervalMs: 0, instanceId: 'other' });
    await restarted.alerts.sweepSources();
    expect(textsIn(dm)).toHaveLength(1);

    // /sources list shows the incident to the admins.
    const listing = await dispatchLine('/sources list', { ...contextFor(h.app, { tenant: TEAM }) });
    expect(listing.kind === 'list' && listing.items[0]).toMatchObject({
      label: '⚠ Agency press',
      detail: expect.stringMatching(/incident open since .*503.*told 1 admin/),
    });

    failing = false;
    expect(await pollAndCheck()).toBe('ok');
    await restarted.alerts.sweepSources();
    expect(textsIn(dm)).toHaveLength(2);
    expect(textsIn(dm)[1]).toMatch(/the source Agency press .* works again/);
    // Only the person who added it heard; nothing reached any channel.
    expect(textsIn(fakeDmChannel('U0OTHER'))).toEqual([]);
    expect(h.fake.posted.filter((message) => !message.channel.startsWith('D'))).toEqual([]);
    await notifications.stop();
    await restarted.stop();
  });

  it('given a broken source nobody added (a starter), falls back to the workspace admins', async () => {
    web = await startFakeWeb();
    web.route('/gone.xml', (_req, res) => res.writeHead(404).end('gone'));
    h = await startTeam({
      U0OWNER: { is_owner: true },
      U0MEMBER: {},
      U0GUEST: { is_admin: true, is_restricted: true },
    });
    const url = web.url('/gone.xml');
    const id = sourceIdFor(url);
    // Failing for over a day counts even before the fifth poll.
    await h.app.core.sources.put(TEAM, id, {
      id,
      url,
      name: 'Old feed',
      intervalMinutes: 15,
      createdAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
      addedBy: 'starter.opml',
      health: { itemsSeen: 0, failures: 1, lastErrorAt: new Date().toISOString(), lastError: 'HTTP 404' },
    });
    const notifications = startNotifications(h.app, { slack: h.adapter }, { intervalMs: 0 });
    await notifications.alerts.sweepSources();
    expect(textsIn(fakeDmChannel('U0OWNER'))).toHaveLength(1);
    expect(textsIn(fakeDmChannel('U0MEMBER'))).toEqual([]);
    expect(textsIn(fakeDmChannel('U0GUEST'))).toEqual([]);
    await notifications.stop();
  });
});
