import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/dispatch.ts';
import { createFollowJob } from '../../digests/follow-job.ts';
import { parseConfig } from '../../src/config.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { createAppPoller } from '../../src/ingest/start-polling.ts';
import { type App, policyApiBasesFrom } from '../../src/main.ts';
import { ALPHA_TEAM, startSlackHarness } from '../adapters/slack/harness.ts';
import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';
import { contextFor } from '../helpers/context.ts';
import { serveFederalRegister } from '../helpers/fake-federal-register.ts';
import { policyFixture } from '../helpers/policy-sources.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';

// Follows of an EU procedure, a UK bill and a regulations.gov docket, end to end: the env names where each
// source lives (a real HTTP server on 127.0.0.1), the ordinary poller reads it, the follow job posts on Slack.

const tenant: Tenant = { platform: 'slack', id: 'T0ALPHA' };
const channel = 'C0FOLLOW';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fake web, a Slack app configured by `env(web)`, and the follow job over it. */
async function followBed(env: (web: FakeWeb) => Record<string, string>) {
  const web = await startFakeWeb();
  cleanups.push(() => web.close());
  const h = await startSlackHarness(
    { SLACK_BOT_TOKEN: 'xoxb-alpha', ALLOW_PRIVATE_NETWORKS: 'true', ...env(web) },
    (fake) => fake.addTeam(ALPHA_TEAM),
  );
  cleanups.push(() => h.close());
  const poller = createAppPoller(h.app);
  cleanups.push(() => poller.stop());
  const jobFor = (app: App, instanceId: string) =>
    createFollowJob({
      core: app.core,
      services: app.digests,
      adapters: { slack: h.adapter },
      ledger: app.stores.ledger,
      logger: createSilentLogger(),
      instanceId,
    });
  const follow = (id: string) =>
    dispatch({ name: 'follow', options: { id } }, contextFor(h.app, { tenant, channelId: channel }));
  const inChannel = () => h.fake.posted.filter((m) => m.channel === channel);
  const textOf = (m: { text?: string; blocks?: unknown }) => `${m.text ?? ''} ${JSON.stringify(m.blocks)}`;
  return { web, h, poller, jobFor, follow, inChannel, textOf };
}

/** The Legislative Observatory fixture's feed with only the items `keep` says to keep. */
function oeilFeed(keep: (item: string) => boolean): string {
  const feed = policyFixture('eu-oeil-procedure.xml');
  return feed.replace(/\s*<item>[\s\S]*?<\/item>/g, (item) => (keep(item) ? item : ''));
}

describe('a followed EU procedure', () => {
  it('polls the Observatory at EU_OEIL_URL and posts one thread reply for a new stage, none on a restart', async () => {
    const bed = await followBed((web) => ({ EU_OEIL_URL: web.url('/oeil/en') }));
    let feed = oeilFeed((item) => item.includes('Vote in committee'));
    const asked: string[] = [];
    bed.web.route('/oeil/en/procedure-file/rss', (req, res) => {
      asked.push(new URL(req.url ?? '/', 'http://x').searchParams.get('reference') ?? '');
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed);
    });
    expect(await bed.follow('2024/0001(COD)')).toMatchObject({
      text: expect.stringContaining('EU procedure 2024/0001(COD)'),
    });
    await bed.poller.pollDue({ all: true });
    expect(asked).toEqual(['2024/0001(COD)']);

    expect(await bed.jobFor(bed.h.app, 'first').runOnce()).toMatchObject({ cards: 1, posted: 0 });
    const card = bed.inChannel()[0]!;
    expect(card.threadTs).toBeUndefined();
    expect(bed.textOf(card)).toContain('Vote in committee');

    feed = oeilFeed(() => true);
    await bed.poller.pollDue({ all: true });
    expect(await bed.jobFor(bed.h.app, 'first').runOnce()).toMatchObject({ cards: 0, posted: 1 });
    const replies = bed.inChannel().slice(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.threadTs).toBe(card.ts);
    expect(bed.textOf(replies[0]!)).toContain('Committee report tabled for plenary');

    // A restart: a new job over the same store, after another poll of the same feed, posts nothing.
    await bed.poller.pollDue({ all: true });
    expect(await bed.jobFor(bed.h.app, 'after-restart').runOnce()).toMatchObject({ cards: 0, posted: 0 });
    expect(bed.inChannel()).toHaveLength(2);
  });
});

describe('a followed UK bill', () => {
  it('polls the bills API at UK_PARLIAMENT_BILLS_API_URL and posts one thread reply for a new stage', async () => {
    const bed = await followBed((web) => ({ UK_PARLIAMENT_BILLS_API_URL: web.url('/uk/api/v1') }));
    const bill = JSON.parse(policyFixture('uk-parliament-bills.json')).items[0];
    let answer = bill;
    let requests = 0;
    bed.web.route('/uk/api/v1/Bills/3921', (_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    expect(await bed.follow('uk 3921')).toMatchObject({ text: expect.stringContaining('UK bill 3921') });
    await bed.poller.pollDue({ all: true });
    expect(requests).toBe(1);
    expect(await bed.jobFor(bed.h.app, 'first').runOnce()).toMatchObject({ cards: 1, posted: 0 });
    const card = bed.inChannel()[0]!;
    expect(bed.textOf(card)).toContain('Cyber Security and Resilience Bill');

    answer = {
      ...bill,
      lastUpdate: '2026-12-01T17:10:00',
      currentStage: {
        ...bill.currentStage,
        id: 24502,
        stageId: 8,
        description: 'Committee stage',
        abbreviation: 'CS',
        stageSittings: [
          { id: 40377, stageId: 8, billStageId: 24502, billId: 3921, date: '2026-12-01T00:00:00' },
        ],
        sortOrder: 9,
      },
    };
    await bed.poller.pollDue({ all: true });
    const job = bed.jobFor(bed.h.app, 'first');
    expect(await job.runOnce()).toMatchObject({ cards: 0, posted: 1 });
    expect(await job.runOnce()).toMatchObject({ cards: 0, posted: 0 });
    const replies = bed.inChannel().slice(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.threadTs).toBe(card.ts);
    expect(bed.textOf(replies[0]!)).toContain('Committee stage');
  });
});

describe('a followed regulations.gov docket', () => {
  it('sends REGULATIONS_GOV_API_KEY as X-Api-Key and posts one thread reply when the docket gains a document', async () => {
    const bed = await followBed((web) => ({
      FEDERAL_REGISTER_API_URL: web.url('/fr/api/v1/'),
      REGULATIONS_GOV_API_URL: web.url('/regs/v4/'),
      REGULATIONS_GOV_API_KEY: 'test-regs-key',
    }));
    serveFederalRegister(bed.web, []);
    const all = JSON.parse(policyFixture('regulations-gov-documents-page-1.json')).data;
    let data = all.slice(0, 1);
    const keys: string[] = [];
    bed.web.route('/regs/v4/documents', (req, res) => {
      keys.push(String(req.headers['x-api-key'] ?? ''));
      const docket = new URL(req.url ?? '/', 'http://x').searchParams.get('filter[docketId]');
      const body = {
        data: data.filter((d: { attributes: { docketId: string } }) => d.attributes.docketId === docket),
        meta: { hasNextPage: false, hasPreviousPage: false, pageNumber: 1, pageSize: 25 },
      };
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' }).end(JSON.stringify(body));
    });
    // With the key set, the follow reads regulations.gov too and warns of nothing missing.
    expect(await bed.follow('FCC-2026-0412')).toMatchObject({
      level: 'success',
      text: expect.stringContaining('Docket FCC-2026-0412'),
    });
    await bed.poller.pollDue({ all: true });
    expect(keys).toEqual(['test-regs-key']);
    expect(await bed.jobFor(bed.h.app, 'first').runOnce()).toMatchObject({ cards: 1, posted: 0 });
    const card = bed.inChannel()[0]!;
    expect(bed.textOf(card)).toContain('Broadband Data Collection');

    data = all;
    await bed.poller.pollDue({ all: true });
    expect(await bed.jobFor(bed.h.app, 'first').runOnce()).toMatchObject({ cards: 0, posted: 1 });
    expect(await bed.jobFor(bed.h.app, 'after-restart').runOnce()).toMatchObject({ cards: 0, posted: 0 });
    const replies = bed.inChannel().slice(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.threadTs).toBe(card.ts);
    expect(bed.textOf(replies[0]!)).toContain('Technical Appendix');
    expect(keys.every((key) => key === 'test-regs-key')).toBe(true);
  });
});

describe('where follows poll the EU and UK sources', () => {
  it('defaults to the Legislative Observatory and the UK Parliament bills API when the env names none', () => {
    const bases = policyApiBasesFrom(parseConfig({}));
    expect(bases.euOeil).toBe('https://oeil.secure.europarl.europa.eu/oeil/en');
    expect(bases.ukBills).toBe('https://bills-api.parliament.uk/api/v1');
  });
});
