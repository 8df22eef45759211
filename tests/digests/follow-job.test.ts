import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/dispatch.ts';
import { createFollowJob } from '../../digests/follow-job.ts';
import { createSlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import { parseConfig } from '../../src/config.ts';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { createPoller } from '../../src/ingest/poll.ts';
import { createAppPoller } from '../../src/ingest/start-polling.ts';
import { type App, createApp } from '../../src/main.ts';
import { startHarness as startDiscord } from '../adapters/discord/harness.ts';
import { SIGNING_SECRET, startSlackHarness } from '../adapters/slack/harness.ts';
import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';
import { contextFor, digestServicesFor } from '../helpers/context.ts';
import { type FrDocument, fakeFollowApis, serveFederalRegister } from '../helpers/fake-federal-register.ts';
import { createTestPolicySources, fakePolicySettings } from '../helpers/policy-sources.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { testExtractor } from '../helpers/test-extractor.ts';

const DOCKET = 'EPA-HQ-OAR-2026-0001';
const FIRST: FrDocument = {
  document_number: '2026-21001',
  title: 'Air Quality Standards for Data Centre Generators',
  type: 'Proposed Rule',
  docket_ids: [DOCKET],
  publication_date: '2026-11-20',
  comments_close_on: '2027-01-19',
};
const SECOND: FrDocument = {
  document_number: '2026-22002',
  title: 'Air Quality Standards for Data Centre Generators; Public Hearing',
  type: 'Notice',
  docket_ids: [DOCKET],
  publication_date: '2026-12-01',
  comments_close_on: null,
};
const ELSEWHERE: FrDocument = {
  document_number: '2026-22003',
  title: 'Unrelated Fisheries Notice',
  type: 'Notice',
  docket_ids: ['NOAA-NMFS-2026-0099'],
  publication_date: '2026-12-01',
  comments_close_on: null,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeWeb(): Promise<FakeWeb> {
  const web = await startFakeWeb();
  cleanups.push(() => web.close());
  return web;
}

describe('a followed docket on Slack', () => {
  async function slack(web: FakeWeb) {
    const h = await startSlackHarness(
      {
        SLACK_BOT_TOKEN: 'xoxb-alpha',
        FEDERAL_REGISTER_API_URL: web.url('/fr/api/v1/'),
        ALLOW_PRIVATE_NETWORKS: 'true',
      },
      (fake) =>
        fake.addTeam({
          teamId: 'T0ALPHA',
          botToken: 'xoxb-alpha',
          botUserId: 'U0BOT',
          botId: 'B0BOT',
          users: {},
        }),
    );
    cleanups.push(() => h.close());
    return h;
  }
  const tenant: Tenant = { platform: 'slack', id: 'T0ALPHA' };
  const channel = 'C0POLICY';
  const jobFor = (app: App, adapter: ChatAdapter, instanceId: string) =>
    createFollowJob({
      core: app.core,
      services: app.digests,
      adapters: { slack: adapter },
      ledger: app.stores.ledger,
      logger: createSilentLogger(),
      instanceId,
    });

  it('posts the card once, then one thread reply when the docket gains a document, and none on a restart', async () => {
    const web = await fakeWeb();
    const documents = [FIRST, ELSEWHERE];
    const fr = serveFederalRegister(web, documents);
    const h = await slack(web);
    const answer = await dispatch(
      { name: 'follow', options: { id: DOCKET } },
      contextFor(h.app, { tenant, channelId: channel }),
    );
    // Without a regulations.gov key the docket is followed through the Federal Register alone, and it says so.
    expect(answer).toMatchObject({
      kind: 'notice',
      level: 'warning',
      text: expect.stringContaining(`Following Docket ${DOCKET}`),
      hint: expect.stringContaining('REGULATIONS_GOV_API_KEY'),
    });
    const poller = createAppPoller(h.app);
    await poller.pollDue({ all: true });
    // The follow polls the configured Federal Register base for exactly this docket.
    expect(
      fr.requests.some(
        (url) => new URL(url, 'http://x').searchParams.get('conditions[docket_id]') === DOCKET,
      ),
    ).toBe(true);

    const job = jobFor(h.app, h.adapter, 'first');
    expect(await job.runOnce()).toMatchObject({ cards: 1, posted: 0 });
    const inChannel = () => h.fake.posted.filter((m) => m.channel === channel);
    expect(inChannel()).toHaveLength(1);
    const card = inChannel()[0]!;
    expect(card.threadTs).toBeUndefined();
    expect(JSON.stringify(card.blocks)).toContain(FIRST.title);
    // Nothing new: a second run posts nothing.
    await job.runOnce();
    expect(inChannel()).toHaveLength(1);

    documents.push(SECOND);
    await poller.pollDue({ all: true });
    expect(await job.runOnce()).toMatchObject({ cards: 0, posted: 1 });
    const replies = inChannel().slice(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.threadTs).toBe(card.ts);
    expect(`${replies[0]!.text} ${JSON.stringify(replies[0]!.blocks)}`).toContain(SECOND.title);

    // A restart: a new instance of the job over the same store posts nothing again.
    await poller.pollDue({ all: true });
    expect(await jobFor(h.app, h.adapter, 'after-restart').runOnce()).toMatchObject({ cards: 0, posted: 0 });
    expect(inChannel()).toHaveLength(2);
    await poller.stop();
  });

  it('posts the new document once when two instances check the follow at the same moment', async () => {
    const web = await fakeWeb();
    const documents = [FIRST];
    serveFederalRegister(web, documents);
    const h = await slack(web);
    // A second bot process: its own connection to the same store, its own Slack adapter.
    const config = parseConfig({
      STORE_URL: h.app.config.STORE_URL,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: h.fake.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-alpha',
      FEDERAL_REGISTER_API_URL: web.url('/fr/api/v1/'),
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
    const other = await createApp(config, createSilentLogger(), { storePrefix: h.app.storePrefix! });
    const otherAdapter = createSlackAdapter({
      config,
      core: other.core,
      digests: other.digests,
      stores: other.stores,
      settings: other.commandSettings,
      logger: createSilentLogger(),
      listen: { port: 0, host: '127.0.0.1' },
    });
    await otherAdapter.start();
    cleanups.push(async () => {
      await otherAdapter.stop();
      await other.close();
    });
    await dispatch(
      { name: 'follow', options: { id: DOCKET } },
      contextFor(h.app, { tenant, channelId: channel }),
    );
    const poller = createAppPoller(h.app);
    await poller.pollDue({ all: true });
    const jobs = [jobFor(h.app, h.adapter, 'alpha'), jobFor(other, otherAdapter, 'beta')];
    await Promise.all(jobs.map((job) => job.runOnce()));
    const inChannel = () => h.fake.posted.filter((m) => m.channel === channel);
    expect(inChannel()).toHaveLength(1);

    documents.push(SECOND);
    await poller.pollDue({ all: true });
    await Promise.all([...jobs, ...jobs].map((job) => job.runOnce()));
    const replies = inChannel().filter((m) => m.threadTs !== undefined);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.threadTs).toBe(inChannel()[0]!.ts);
    expect(inChannel()).toHaveLength(2);
    await poller.stop();
  });
});

describe('a followed docket on Discord', () => {
  it('replies to the card (message_reference) once when the docket gains a document, and not again on restart', async () => {
    const web = await fakeWeb();
    const documents = [FIRST];
    serveFederalRegister(web, documents);
    const guild = { id: '400000000000000091', name: 'Policy', channelIds: ['500000000000000091'] };
    const h = await startDiscord({ guilds: [guild], connect: false });
    cleanups.push(() => h.close());
    const tenant: Tenant = { platform: 'discord', id: guild.id };
    const channel = guild.channelIds[0]!;
    // Follows of this app poll the fake web's Federal Register, as FEDERAL_REGISTER_API_URL would say.
    const settings = fakePolicySettings(web);
    const services = digestServicesFor(h.app.core, h.app.stores, {
      policyApis: fakeFollowApis(web),
    });
    const poller = createPoller({
      sources: h.app.core.sources,
      writer: h.app.core.writer,
      articles: h.app.core.articles,
      extractor: testExtractor,
      fetcher: createFetcher({
        limits: {
          timeoutMs: 2000,
          maxBytes: 2_000_000,
          userAgent: 'PolicyWireTest',
          allowPrivateNetworks: true,
        },
      }),
      clock: h.app.core.clock,
      logger: createSilentLogger(),
      policy: createTestPolicySources(settings),
    });
    const host = { core: h.app.core, digests: services };
    await dispatch(
      { name: 'follow', options: { id: DOCKET } },
      contextFor(host, { tenant, channelId: channel }),
    );
    await poller.pollDue({ all: true });
    const jobFor = (instanceId: string) =>
      createFollowJob({
        core: h.app.core,
        services,
        adapters: { discord: h.adapter },
        ledger: h.app.stores.ledger,
        logger: createSilentLogger(),
        instanceId,
      });
    await jobFor('one').runOnce();
    const messages = () => h.fake.messages(channel);
    expect(messages()).toHaveLength(1);
    const card = messages()[0]!;
    expect(card.replyTo).toBeUndefined();

    documents.push(SECOND);
    await poller.pollDue({ all: true });
    await jobFor('one').runOnce();
    expect(messages()).toHaveLength(2);
    expect(messages()[1]!.replyTo).toBe(card.id);
    expect(JSON.stringify(messages()[1])).toContain(SECOND.title);

    await jobFor('restarted').runOnce();
    expect(messages()).toHaveLength(2);
  });
});
