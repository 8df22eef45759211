import { afterEach, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../../commands/dispatch.ts';
import { createIncidentAlerts } from '../../../digests/alerts/incident-alerts.ts';
import { DM_MARK } from '../../../src/adapters/console/console-adapter.ts';
import { followIdOf } from '../../../src/core/policy/follow-record.ts';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import { contextFor } from '../../helpers/context.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import { createTestCore, type TestCore } from '../../helpers/temp-store.ts';
import { consoleSink, incidentAlertsOn } from '../support.ts';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('incident DMs for a followed item whose source broke', () => {
  it('DMs the follower once when it breaks and once when it recovers, on the console with its DM mark', async () => {
    t = await createTestCore();
    const { adapter, posts } = consoleSink(t);
    const alerts = (owner: string) =>
      createIncidentAlerts({
        incidents: t!.digests.incidents,
        sources: t!.core.sources,
        adapters: { console: adapter },
        ledger: t!.stores.ledger,
        clock: t!.clock,
        logger: createSilentLogger(),
        owner,
      });
    const report = {
      kind: 'follow' as const,
      subject: 'docket:FCC-24-123',
      label: 'docket FCC-24-123',
      since: '2026-11-30T10:00:00.000Z',
      lastError: 'the docket page answers HTTP 500',
    };
    await alerts('one').report(CONSOLE_TENANT, report, 'follower');
    // A second instance hearing of the same breakage, and the same one again, say nothing more.
    await alerts('two').report(CONSOLE_TENANT, report, 'follower');
    await alerts('one').report(CONSOLE_TENANT, { ...report, lastError: 'HTTP 503' }, 'follower');
    const dms = () => posts.filter((post) => post.channel === 'dm:follower').map((post) => post.text);
    expect(dms()).toHaveLength(1);
    expect(dms()[0]).toMatch(
      /docket FCC-24-123, which you follow, cannot be checked since 2026-11-30 10:00 UTC/,
    );
    expect((await t.digests.incidents.list(CONSOLE_TENANT))[0]).toMatchObject({
      status: 'open',
      lastError: 'HTTP 503',
      notified: ['follower'],
    });

    await alerts('two').recover(CONSOLE_TENANT, 'follow', report.subject);
    await alerts('one').recover(CONSOLE_TENANT, 'follow', report.subject);
    expect(dms()).toHaveLength(2);
    expect(dms()[1]).toMatch(/docket FCC-24-123 can be checked again/);
    expect(posts.filter((post) => !post.channel.startsWith('dm:'))).toEqual([]);
    expect(dms()[0]).toContain(DM_MARK);
  });

  it('closes the incident without a message when the channel unfollows the item', async () => {
    t = await createTestCore();
    const ctx = contextFor(t, { channelId: 'console' });
    const followed = await dispatchLine('/follow EPA-HQ-OAR-2026-0001', ctx);
    expect(followed).toMatchObject({ kind: 'notice', text: expect.stringContaining('Following') });
    const [follow] = await t.digests.follows.list(CONSOLE_TENANT, 'console');
    const subject = followIdOf('console', follow!.target);
    const { adapter, posts } = consoleSink(t);
    const alerts = incidentAlertsOn(t, adapter);
    const report = { kind: 'follow' as const, subject, label: follow!.target.label, lastError: 'HTTP 500' };
    await alerts.report(CONSOLE_TENANT, { ...report, since: '2026-11-30T10:00:00.000Z' }, 'admin-user');
    expect(posts).toHaveLength(1);
    expect(await dispatchLine('/unfollow EPA-HQ-OAR-2026-0001', ctx)).toMatchObject({ level: 'success' });
    expect(await t.digests.incidents.get(CONSOLE_TENANT, `follow:${subject}`)).toMatchObject({
      status: 'resolved',
    });
    expect(posts).toHaveLength(1);
  });
});
