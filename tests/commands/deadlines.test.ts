import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, dispatchLine } from '../../commands/dispatch.ts';
import { topicSchema } from '../../src/core/ports/topic-service.ts';
import type { Reply } from '../../src/core/reply.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createTopicService } from '../../src/core/topics/topic-service.ts';
import { contextFor, digestServicesFor } from '../helpers/context.ts';
import { type PolicyArticleSpec, storePolicyArticle } from '../helpers/policy-articles.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

/** Open, closed, not yet open, closing today, without comments, and another workspace's own. */
const SPECS: PolicyArticleSpec[] = [
  {
    number: '2026-30001',
    title: 'Children’s Online Privacy Rule Amendments',
    closesOn: '2026-12-30',
    docketIds: ['FTC-2026-0101'],
    text: 'Children’s online privacy: the Commission proposes to amend its privacy rule.',
  },
  {
    number: '2026-30002',
    title: 'Negative Option Rule',
    closesOn: '2026-12-09',
    docketIds: ['FTC-2026-0202'],
  },
  {
    number: '2026-30003',
    title: 'Closed Period on Franchise Disclosures',
    closesOn: '2026-12-01',
    docketIds: ['FTC-2026-0303'],
  },
  { number: '2026-30004', title: 'Data Broker Notice Without Comments' },
  {
    number: '2026-30005',
    title: 'Noncompete Clauses; Comments Open Next Week',
    opensOn: '2026-12-08',
    closesOn: '2027-02-01',
  },
  {
    number: '2026-30006',
    title: 'Closes Today: Junk Fees Rule',
    closesOn: '2026-12-02',
    docketIds: ['FTC-2026-0606'],
  },
  {
    number: '2026-30007',
    title: 'Another Workspace’s Private Document',
    closesOn: '2026-12-05',
    owner: 'slack:TOTHER',
  },
];

let t: TestCore;
beforeEach(async () => {
  t = await createTestCore({ now: '2026-12-02T12:00:00Z' });
  for (const spec of SPECS) await storePolicyArticle(t, spec);
});
afterEach(async () => {
  await t.close();
});

const labels = (reply: Reply) => (reply.kind === 'list' ? reply.items.map((item) => item.label) : []);

describe('/deadlines', () => {
  it('lists exactly the open comment periods, soonest first, with days left and the comment link', async () => {
    const reply = await dispatch({ name: 'deadlines', options: {} }, contextFor(t, { isAdmin: false }));
    expect(labels(reply)).toEqual([
      'Closes Today: Junk Fees Rule',
      'Negative Option Rule',
      'Children’s Online Privacy Rule Amendments',
    ]);
    const items = reply.kind === 'list' ? reply.items : [];
    expect(items[0]?.detail).toContain('closes today');
    expect(items[1]?.detail).toContain('7 days left');
    expect(items[1]?.detail).toContain('https://www.regulations.gov/commenton/2026-30002');
    expect(items[2]?.detail).toContain('28 days left');
  });

  it("narrows to the channel's follows, and to one topic when named", async () => {
    const ctx = contextFor(t, { channelId: 'C-FOLLOWS' });
    await dispatch({ name: 'follow', options: { id: 'FTC-2026-0202' } }, ctx);
    expect(labels(await dispatch({ name: 'deadlines', options: {} }, ctx))).toEqual(['Negative Option Rule']);
    const onTopic = await dispatch({ name: 'deadlines', options: { topic: 'privacy' } }, ctx);
    expect(labels(onTopic)).toEqual(['Children’s Online Privacy Rule Amendments']);
  });

  it('says so when no period is open', async () => {
    const ctx = contextFor(t, { channelId: 'C-QUIET' });
    await dispatch({ name: 'follow', options: { id: 'FTC-2026-0303' } }, ctx);
    const reply = await dispatch({ name: 'deadlines', options: {} }, ctx);
    expect(reply).toMatchObject({
      kind: 'notice',
      level: 'info',
      text: expect.stringContaining('No open comment periods'),
    });
  });
});

describe('/deadlines <topic> for words that name no topic', () => {
  const text = (reply: Reply) =>
    reply.kind === 'notice' ? `${reply.text} ${reply.hint ?? ''}` : JSON.stringify(reply);

  it('says the words were searched as a free search, not a named topic, and where the topics are', async () => {
    const reply = await dispatch({ name: 'deadlines', options: { topic: 'nosuch' } }, contextFor(t));
    expect(text(reply)).toMatch(/No open comment periods on "nosuch"/);
    expect(text(reply)).toMatch(/not one of this workspace's named topics \(\/topics lists them\)/);
  });

  it('says nothing of the kind for a named topic', async () => {
    const reply = await dispatch({ name: 'deadlines', options: { topic: 'huawei' } }, contextFor(t));
    expect(text(reply)).toMatch(/No open comment periods on huawei/);
    expect(text(reply)).not.toMatch(/named topics/);
  });
});

/**
 * On Redis or PostgreSQL each read of a tenant's topics is a round trip. The count is taken at the store
 * port (the real keyv-backed tenant store, wrapped), so it is what a shared store would see.
 */
describe('/deadlines and the tenant topics', () => {
  const counted = () => {
    const real = t.stores.tenantStore('topics', topicSchema);
    const reads = { lists: 0 };
    const store = {
      ...real,
      list: (tenant: typeof CONSOLE_TENANT) => {
        reads.lists++;
        return real.list(tenant);
      },
    };
    const host = {
      core: t.core,
      digests: digestServicesFor(t.core, t.stores, { topics: createTopicService({ store }) }),
    };
    return { reads, ctx: contextFor(host, { channelId: 'C-READS' }) };
  };

  it('reads them from the store once for a named topic, its deadlines and whether it is a named one', async () => {
    const { reads, ctx } = counted();
    await dispatchLine('/topics add fibre-watch fibre', ctx);
    reads.lists = 0;
    const reply = await dispatch({ name: 'deadlines', options: { topic: 'privacy' } }, ctx);
    expect(labels(reply)).toEqual(['Children’s Online Privacy Rule Amendments']);
    expect(reads.lists).toBe(1);
  });

  it("reads them once for every topic of the channel's digest", async () => {
    const { reads, ctx } = counted();
    await dispatchLine('/subscribe privacy', ctx);
    await dispatchLine('/subscribe huawei', ctx);
    const subscription = await ctx.digests.stores.subscriptions.get(CONSOLE_TENANT, 'C-READS');
    expect(subscription?.topics).toEqual(['privacy', 'huawei']);
    reads.lists = 0;
    const reply = await dispatch({ name: 'deadlines', options: {} }, ctx);
    expect(labels(reply)).toEqual(['Children’s Online Privacy Rule Amendments']);
    expect(reads.lists).toBe(1);
  });
});
