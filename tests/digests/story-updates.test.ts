import { afterEach, describe, expect, it } from 'vitest';
import { createDigestJob } from '../../digests/job.ts';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { openLedger } from '../helpers/temp-store.ts';
import { consoleSink, openTestCore, say, type TestCore } from './support.ts';

const clock = createFixedClock('2026-03-29T06:00:00Z');
const URL_A = 'https://outlet-a.example.org/huawei-court';
const TITLE = 'Court hears Huawei challenge to telecoms ban';
const FIRST =
  'The Federal Court heard the challenge brought by Huawei against the telecoms ban on Monday. ' +
  'A ruling is due on Friday, lawyers for the company said. ' +
  'The regulator argued that the ban protects critical networks from foreign interference.';
const TYPO = FIRST.replace('regulator argued', 'regulater argued');
const MATERIAL =
  'The Federal Court heard the challenge brought by Huawei against the telecoms ban on Monday. ' +
  'The court rejected the challenge on Friday, upholding the ban. ' +
  'The regulator argued that the ban protects critical networks from foreign interference.';
const UPDATE_TEXT =
  'Update: the court rejected the challenge on Friday, upholding the ban; earlier reports said a ruling is due on Friday, lawyers for the company said.';

let open: TestCore | undefined;
/** Closed newest first after each test: ledger connections, then the core's stores. */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A job as another instance or a restart builds it: its own ledger connection and owner id. */
async function jobFor(adapter: ChatAdapter, name: string) {
  const stores = await openLedger(open!.storeUrl, () => clock.now().getTime());
  closers.push(() => stores.close());
  return createDigestJob({
    core: open!.core,
    services: open!.digests,
    adapters: { console: adapter },
    ledger: stores.ledger,
    logger: createSilentLogger(),
    instanceId: name,
  });
}

const save = (text: string, source = 'Outlet A', url = URL_A) =>
  open!.core.writer.save({ url, title: TITLE, text, source, publishedAt: clock.now().toISOString() });

/** A channel subscribed to huawei that got the 08:00 digest with Outlet A's story; its message id. */
async function deliveredStory() {
  clock.set('2026-03-29T06:00:00Z');
  const core = await openTestCore({ clock });
  open = core;
  closers.push(() => core.close());
  expect(await say(open, '/subscribe huawei at 08:00 tz UTC')).toMatchObject({ level: 'success' });
  await save(FIRST);
  clock.set('2026-03-29T08:05:00Z');
  const sink = consoleSink(open);
  const job = await jobFor(sink.adapter, 'first');
  expect((await job.runDue()).delivered).toHaveLength(1);
  const [record] = await open.digests.stores.archive.list(CONSOLE_TENANT);
  return { sink, job, messageId: record!.messageIds[0]! };
}

describe('story updates in the console', () => {
  it('a material edit gets exactly one reply under the card, saying what changed; a typo fix gets none', async () => {
    const { sink, job, messageId } = await deliveredStory();
    clock.set('2026-03-29T09:00:00Z');
    await save(TYPO);
    expect((await job.runUpdates()).posted).toEqual([]);
    expect(sink.posts).toHaveLength(1);

    clock.set('2026-03-29T10:00:00Z');
    await save(MATERIAL);
    expect((await job.runUpdates()).posted).toHaveLength(1);
    const replies = sink.posts.filter((post) => post.inReplyTo);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.inReplyTo).toBe(messageId);
    expect(replies[0]!.text).toContain(UPDATE_TEXT);
    // Printed under the story, indented as a thread reads.
    expect(replies[0]!.text.split('\n')[1]).toMatch(/^ {2}\S/);

    // The same pass again, a restart and a second instance add nothing.
    expect((await job.runUpdates()).posted).toEqual([]);
    const restarted = await jobFor(consoleSink(open!).adapter, 'restarted');
    expect((await restarted.runUpdates()).posted).toEqual([]);
    expect(sink.posts).toHaveLength(2);
  });

  it('a second outlet joining the story gets one "Also covered by" reply, never a new digest entry', async () => {
    const { sink, job, messageId } = await deliveredStory();
    clock.set('2026-03-29T11:00:00Z');
    await save(
      FIRST.replace('lawyers for the company said', 'the company’s lawyers said'),
      'Outlet B',
      'https://outlet-b.example.net/huawei',
    );
    // A second instance, with its own adapter, runs the same pass at the same time.
    const other = consoleSink(open!);
    const second = await jobFor(other.adapter, 'second');
    const [a, b] = await Promise.all([job.runUpdates(), second.runUpdates()]);
    expect(a.posted.length + b.posted.length).toBe(1);
    const replies = [...sink.posts, ...other.posts].filter((post) => post.inReplyTo);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.inReplyTo).toBe(messageId);
    expect(replies[0]!.text).toContain('Also covered by: Outlet B.');
    expect((await job.runUpdates()).posted).toEqual([]);
    // The next day's digest does not bring the story back for its new outlet.
    clock.set('2026-03-30T08:05:00Z');
    await job.runDue();
    const digests = sink.posts.filter((post) => !post.inReplyTo);
    expect(digests.at(-1)!.text).not.toContain(TITLE);
  });
});
