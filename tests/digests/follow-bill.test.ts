import { describe, expect, it, onTestFinished } from 'vitest';
import { dispatch } from '../../commands/dispatch.ts';
import { createFollowJob } from '../../digests/follow-job.ts';
import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';
import { contextFor, digestServicesFor } from '../helpers/context.ts';
import { fakeFollowApis } from '../helpers/fake-federal-register.ts';
import { createTestPolicySources, fakePolicySettings } from '../helpers/policy-sources.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore } from '../helpers/temp-store.ts';
import { createTestPoller } from '../helpers/test-poller.ts';
import { consoleSink } from './support.ts';

/** A bill's actions as congress.gov v3 answers them, newest first. */
function serveActions(web: FakeWeb, actions: { actionDate: string; text: string }[], keys: string[]) {
  web.route('/congress/v3/bill/119/hr/1234/actions', (req, res) => {
    keys.push(new URL(req.url ?? '/', 'http://x').searchParams.get('api_key') ?? '');
    const body = {
      actions: [...actions]
        .reverse()
        .map((a) => ({ ...a, type: 'Floor', sourceSystem: { code: 2, name: 'House floor actions' } })),
      pagination: { count: actions.length },
      request: {
        billNumber: '1234',
        billType: 'hr',
        congress: '119',
        contentType: 'application/json',
        format: 'json',
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}

describe('a followed bill', () => {
  it('gets one thread reply for a new action read from congress.gov', async () => {
    const actions = [{ actionDate: '2026-02-03', text: 'Introduced in House' }];
    const keys: string[] = [];
    const web = await startFakeWeb();
    const t = await createTestCore({ now: '2026-12-02T12:00:00Z' });
    onTestFinished(async () => {
      await web.close();
      await t.close();
    });
    serveActions(web, actions, keys);
    const settings = fakePolicySettings(web, { congress: 'test-congress-key' });
    const services = digestServicesFor(t.core, t.stores, {
      policyApis: fakeFollowApis(web, { congressGov: true }),
    });
    const host = { core: t.core, digests: services };
    expect(
      await dispatch(
        { name: 'follow', options: { id: 'H.R. 1234' } },
        contextFor(host, { channelId: 'bills' }),
      ),
    ).toMatchObject({
      level: 'success',
      text: expect.stringContaining('H.R. 1234 (119th Congress)'),
    });
    const poller = createTestPoller(t, { policy: createTestPolicySources(settings) });
    const sink = consoleSink({ ...host, stores: t.stores });
    const job = createFollowJob({
      core: t.core,
      services,
      adapters: { console: sink.adapter },
      ledger: t.stores.ledger,
      logger: createSilentLogger(),
    });
    await poller.pollDue({ all: true });
    expect(keys).toEqual(['test-congress-key']);
    await job.runOnce();
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0]!.text).toContain('Introduced in House');

    actions.push({
      actionDate: '2026-11-30',
      text: 'Passed/agreed to in House: On passage Passed by the Yeas and Nays: 301 - 120.',
    });
    await poller.pollDue({ all: true });
    await job.runOnce();
    await job.runOnce();
    const replies = sink.posts.filter((post) => post.inReplyTo !== undefined);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('Passed/agreed to in House');
  });
});
