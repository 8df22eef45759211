import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../commands/dispatch.ts';
import type { Source } from '../../../src/core/sources.ts';
import { sourceIdFor } from '../../../src/core/sources.ts';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import { createTestCore, type TestCore } from '../../helpers/temp-store.ts';
import { consoleSink, incidentAlertsOn } from '../support.ts';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const URL_WITH_PASSWORD = 'https://reader:hunter2@feeds.example/private.xml';

describe('an incident for a source behind basic auth', () => {
  it('names the source in the DM, the record and /sources list without its password', async () => {
    t = await createTestCore({ now: '2026-11-30T12:00:00Z' });
    const { adapter, posts } = consoleSink(t);
    const source: Source = {
      id: sourceIdFor(URL_WITH_PASSWORD),
      url: URL_WITH_PASSWORD,
      name: 'Members',
      intervalMinutes: 15,
      createdAt: '2026-11-29T08:00:00.000Z',
      addedBy: 'admin-1',
      health: {
        itemsSeen: 0,
        failures: 6,
        lastErrorAt: '2026-11-30T11:45:00.000Z',
        // As an error stored before fetch errors were scrubbed reads.
        lastError: `could not reach ${URL_WITH_PASSWORD}: connect ECONNREFUSED`,
      },
    };
    await t.core.sources.put(CONSOLE_TENANT, source.id, source);
    const alerts = incidentAlertsOn(t, adapter);
    await alerts.checkSource(CONSOLE_TENANT, source);
    const [incident] = await t.digests.incidents.list(CONSOLE_TENANT);
    expect(incident).toMatchObject({
      status: 'open',
      label: 'Members (https://[secret]@feeds.example/private.xml)',
    });
    expect(incident?.lastError).toContain('could not reach https://[secret]@feeds.example/private.xml');
    const dm = posts.find((post) => post.channel === 'dm:admin-1')?.text;
    expect(dm).toMatch(
      /the source Members \(https:\/\/\[secret\]@feeds\.example\/private\.xml\) has been failing/,
    );
    const list = await dispatch(
      { name: 'sources', text: 'list' },
      {
        tenant: CONSOLE_TENANT,
        channel: { platform: 'console' as const, id: 'c' },
        user: { id: 'admin-1', isAdmin: true },
        core: t.core,
        digests: t.digests,
        settings: t.settings,
        logger: createSilentLogger(),
      },
    );
    expect(JSON.stringify(list)).toContain('incident open since');
    for (const said of [JSON.stringify(incident), dm, JSON.stringify(list)])
      expect(said).not.toContain('hunter2');
  });
});
