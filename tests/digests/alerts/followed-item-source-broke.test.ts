import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, dispatchLine } from '../../../commands/dispatch.ts';
import { createFollowJob } from '../../../digests/follow-job.ts';
import { startNotifications } from '../../../digests/notifications.ts';
import { SOURCE_FAILURES_THRESHOLD } from '../../../src/core/incidents.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import { createAppPoller } from '../../../src/ingest/start-polling.ts';
import { fakeDmChannel } from '../../adapters/slack/fake-slack.ts';
import { type SlackHarness, startSlackHarness } from '../../adapters/slack/harness.ts';
import { type FakeWeb, startFakeWeb } from '../../fakes/http-server.ts';
import { contextFor } from '../../helpers/context.ts';
import { type FrDocument, serveFederalRegister } from '../../helpers/fake-federal-register.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';

const TEAM: Tenant = { platform: 'slack', id: 'T0FOLLOW' };
const CHANNEL = 'C0POLICY';
const DOCKET = 'EPA-HQ-OAR-2026-0002';
const DOCUMENT: FrDocument = {
  document_number: '2026-23001',
  title: 'Emission Limits for Backup Generators at Data Centres',
  type: 'Proposed Rule',
  docket_ids: [DOCKET],
  publication_date: '2026-11-20',
  comments_close_on: '2027-01-19',
};

let h: SlackHarness | undefined;
let web: FakeWeb | undefined;
afterEach(async () => {
  await h?.close();
  await web?.close();
  h = undefined;
  web = undefined;
});

/** Every message the fake Slack shows in a conversation, as text. */
const textsIn = (channel: string) =>
  h!.fake.posted.filter((message) => message.channel === channel).map((message) => message.text);

describe('incident DMs for a followed item whose source broke', () => {
  it('given the Federal Register failing on a loopback server, DMs the follower once after five polls and once on recovery, never the channel', async () => {
    web = await startFakeWeb();
    const fr = serveFederalRegister(web, [DOCUMENT]);
    h = await startSlackHarness(
      {
        SLACK_BOT_TOKEN: 'xoxb-follow',
        FEDERAL_REGISTER_API_URL: web.url('/fr/api/v1/'),
        ALLOW_PRIVATE_NETWORKS: 'true',
      },
      (fake) =>
        fake.addTeam({
          teamId: TEAM.id,
          botToken: 'xoxb-follow',
          botUserId: 'U0BOT',
          botId: 'B0BOT',
          users: { U0FOLLOWER: { is_admin: true }, U0ADMIN: { is_admin: true } },
        }),
    );
    const ctx = contextFor(h.app, { tenant: TEAM, channelId: CHANNEL, userId: 'U0FOLLOWER' });
    await dispatch({ name: 'follow', options: { id: DOCKET } }, ctx);
    const poller = createAppPoller(h.app);
    const follows = createFollowJob({
      core: h.app.core,
      services: h.app.digests,
      adapters: { slack: h.adapter },
      ledger: h.app.stores.ledger,
      logger: createSilentLogger(),
      instanceId: 'follows',
    });
    const notifications = startNotifications(h.app, { slack: h.adapter }, { intervalMs: 0 });
    const pollAndCheck = async () => {
      const report = await poller.pollDue({ all: true });
      await follows.runOnce();
      await notifications.alerts.sweepFollows();
      return report;
    };
    const dm = fakeDmChannel('U0FOLLOWER');

    await pollAndCheck();
    expect(textsIn(CHANNEL)).toHaveLength(1);
    fr.failWith(500);
    for (let poll = 1; poll < SOURCE_FAILURES_THRESHOLD; poll++) await pollAndCheck();
    expect(textsIn(dm)).toEqual([]);
    await pollAndCheck();
    expect(textsIn(dm)).toHaveLength(1);
    expect(textsIn(dm)[0]).toMatch(
      new RegExp(
        `Docket ${DOCKET} \\(followed in #${CHANNEL}\\), which you follow, cannot be checked since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: 127\\.0\\.0\\.1:\\d+: .*500`,
      ),
    );
    const blocks = JSON.stringify(h.fake.posted.find((message) => message.channel === dm)?.blocks);
    expect(blocks).toContain('The API is down or unreachable');

    // The source sweep leaves the follow's own source to the follow: no second DM about it to the admins.
    await notifications.alerts.sweepSources();
    // More failures, a restart and a second instance add nothing: it is one incident.
    await pollAndCheck();
    const other = startNotifications(h.app, { slack: h.adapter }, { intervalMs: 0, instanceId: 'other' });
    await other.alerts.sweepFollows();
    await other.alerts.sweepSources();
    expect(textsIn(dm)).toHaveLength(1);
    expect(textsIn(fakeDmChannel('U0ADMIN'))).toEqual([]);

    // /following in the channel shows the incident.
    const listing = await dispatchLine('/following', ctx);
    expect(listing.kind === 'list' && listing.items[0]).toMatchObject({
      label: `⚠ Docket ${DOCKET}`,
      detail: expect.stringMatching(/incident open since .*500.*told 1 admin/),
    });

    fr.failWith(undefined);
    await pollAndCheck();
    await other.alerts.sweepFollows();
    expect(textsIn(dm)).toHaveLength(2);
    expect(textsIn(dm)[1]).toMatch(new RegExp(`Docket ${DOCKET} .* can be checked again`));
    const after = await dispatchLine('/following', ctx);
    expect(after.kind === 'list' && after.items[0]?.label).toBe(`Docket ${DOCKET}`);
    // The channel got the follow's card and nothing else; nobody else was told.
    expect(textsIn(CHANNEL)).toHaveLength(1);
    expect(textsIn(fakeDmChannel('U0ADMIN'))).toEqual([]);
    expect(h.fake.posted.filter((m) => !m.channel.startsWith('D') && m.channel !== CHANNEL)).toEqual([]);
    await notifications.stop();
    await other.stop();
    await poller.stop();
  });
});
