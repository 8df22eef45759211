import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/dispatch.ts';
import { createFollowJob, type FollowJob } from '../../digests/follow-job.ts';
import type { PolicyRecord } from '../../src/core/policy/policy-record.ts';
import { contextFor } from '../helpers/context.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';
import { consoleSink, type Post } from './support.ts';

const DOCKET = 'FCC-2026-0412';
const CHANNEL = 'policy-west';

let t: TestCore;
let posts: Post[];
let job: FollowJob;

/** A proposed rule in the docket, stored through the article writer the way the readers store one. */
async function storeProposedRule(closesOn: string, title = 'Broadband Labels; Proposed Rule') {
  const policy: PolicyRecord = {
    kind: 'proposed-rule',
    origin: 'federal-register',
    documentNumber: '2026-12345',
    docketIds: [DOCKET],
    agencies: [{ name: 'Federal Communications Commission', slug: 'federal-communications-commission' }],
    jurisdiction: 'us',
    commentsCloseOn: closesOn,
    links: { comment: 'https://www.regulations.gov/commenton/FCC-2026-0412-0001' },
  };
  await t.core.writer.save({
    url: 'https://www.federalregister.gov/documents/2026/11/27/2026-12345/broadband-labels',
    title,
    text: 'The Commission proposes broadband labels and seeks comment.',
    source: 'Federal Register',
    publishedAt: '2026-11-27T00:00:00Z',
    policy,
  });
}

/** The replies posted in the card's thread: the console prints them under their parent's id. */
const threadReplies = () => posts.filter((post) => post.inReplyTo !== undefined).map((post) => post.text);
const reminders = () => threadReplies().filter((text) => text.includes('Reminder:'));

async function at(iso: string) {
  t.clock.set(iso);
  await job.runOnce();
}

beforeEach(async () => {
  t = await createTestCore({ now: '2026-12-02T12:00:00Z' });
  const sink = consoleSink({ core: t.core, digests: t.digests, stores: t.stores });
  posts = sink.posts;
  const adapter = sink.adapter;
  job = createFollowJob({
    core: t.core,
    services: t.digests,
    adapters: { console: adapter },
    ledger: t.stores.ledger,
    logger: createSilentLogger(),
    clock: t.clock,
    instanceId: 'reminders',
  });
});
afterEach(async () => {
  await t.close();
});

describe('comment deadline reminders in a followed item thread', () => {
  it('fires the 7-day and the 1-day reminder once each, at 09:00 in the channel time zone', async () => {
    await storeProposedRule('2026-12-20');
    const ctx = contextFor(t, { channelId: CHANNEL });
    await dispatch({ name: 'follow', options: { id: DOCKET, tz: 'America/Los_Angeles' } }, ctx);
    await at('2026-12-02T12:00:00Z');
    expect(posts).toHaveLength(1);
    expect(threadReplies()).toEqual([]);

    // 09:30 UTC on the 13th is 01:30 in Los Angeles: not yet the reminder's hour there.
    await at('2026-12-13T09:30:00Z');
    await at('2026-12-13T16:59:00Z');
    expect(reminders()).toEqual([]);
    await at('2026-12-13T17:00:00Z');
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toContain('close in 7 days');
    expect(reminders()[0]).toContain('https://www.regulations.gov/commenton/FCC-2026-0412-0001');
    await at('2026-12-13T23:00:00Z');
    await at('2026-12-17T17:00:00Z');
    expect(reminders()).toHaveLength(1);

    await at('2026-12-19T16:59:00Z');
    expect(reminders()).toHaveLength(1);
    await at('2026-12-19T17:00:00Z');
    await at('2026-12-20T07:00:00Z');
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]).toContain('close tomorrow');
    // Closed: nothing more, ever.
    await at('2026-12-21T17:00:00Z');
    await at('2026-12-27T17:00:00Z');
    expect(reminders()).toHaveLength(2);
  });

  it('uses the days a channel chose and says when an extension moves the deadline', async () => {
    await storeProposedRule('2026-12-20');
    const ctx = contextFor(t, { channelId: CHANNEL });
    await dispatch({ name: 'follow', options: { id: DOCKET, remind: '3' } }, ctx);
    await at('2026-12-02T12:00:00Z');
    await at('2026-12-13T12:00:00Z');
    expect(reminders()).toEqual([]);
    // The period is extended: the thread hears it once, and the reminder follows the new date.
    await storeProposedRule('2027-01-10');
    await at('2026-12-14T12:00:00Z');
    await at('2026-12-15T12:00:00Z');
    const extended = threadReplies().filter((text) => text.includes('extended'));
    expect(extended).toHaveLength(1);
    expect(extended[0]).toContain('10 Jan 2027');
    await at('2026-12-17T12:00:00Z');
    expect(reminders()).toEqual([]);
    await at('2027-01-07T09:00:00Z');
    await at('2027-01-08T09:00:00Z');
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toContain('close in 3 days');
  });
});
