import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDigestJob, type DigestJob } from '../../digests/job.ts';
import type { Article } from '../../src/core/article.ts';
import type { DeliveryLedger } from '../../src/core/ports/delivery-ledger.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { addArticle, consoleSink, openTestCore, type Post, say, type TestCore } from './support.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let open: TestCore | undefined;
let ledger: DeliveryLedger | undefined;
let job: DigestJob | undefined;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(async () => {
  await job?.stop();
  await ledger?.close();
  await open?.close();
  job = undefined;
  ledger = undefined;
  open = undefined;
  vi.useRealTimers();
});

/** Starts a store, a subscription made at `start`, and the job with the real console adapter. */
async function setUp(start: string, subscribe: string) {
  vi.setSystemTime(new Date(start));
  open = await openTestCore();
  ledger = open.stores.ledger;
  const reply = await say(open, subscribe);
  expect(reply).toMatchObject({ level: 'success' });
  const sink = consoleSink(open);
  job = createDigestJob({
    core: open.core,
    services: open.digests,
    adapters: { console: sink.adapter },
    ledger,
    logger: createSilentLogger(),
  });
  job.start();
  await job.idle();
  return sink;
}

/**
 * Drives the fake clock to `end`, one minute at a time inside the UTC hours listed in `fine` and an hour
 * at a time elsewhere, waiting for the job after each step. `events` run when the clock reaches them.
 */
async function driveUntil(
  end: string,
  fine: [number, number],
  events: Map<number, () => Promise<void>> = new Map(),
) {
  const stop = Date.parse(end);
  while (Date.now() < stop) {
    for (const [at, action] of [...events]) {
      if (at <= Date.now()) {
        events.delete(at);
        await action();
      }
    }
    const hour = new Date(Date.now()).getUTCHours();
    const step = hour >= fine[0] && hour < fine[1] ? MINUTE : HOUR;
    await vi.advanceTimersByTimeAsync(step);
    await job!.idle();
  }
}

const times = (posts: Post[]) => posts.map((post) => new Date(post.at).toISOString());

// Each test walks the fake clock over days a minute at a time near the firing hours, with a real SQLite
// store behind every tick: seconds of CPU, which a loaded machine can stretch past the default timeout.
const DAYS_OF_TICKS_MS = 120_000;

describe('digest schedule (fake timers, Europe/London)', { timeout: DAYS_OF_TICKS_MS }, () => {
  it('fires 08:00 local on ordinary days and on the spring-forward day, once a day', async () => {
    const { posts } = await setUp('2026-03-27T12:00:00Z', '/subscribe huawei at 08:00 tz Europe/London');
    await driveUntil('2026-03-30T12:00:00Z', [6, 9]);
    expect(times(posts)).toEqual([
      '2026-03-28T08:00:00.000Z',
      // 2026-03-29: clocks go forward at 01:00 UTC; 08:00 BST is 07:00 UTC.
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('fires 08:00 local on the fall-back day once, an hour later in UTC than the day before', async () => {
    const { posts } = await setUp('2026-10-24T00:00:00Z', '/subscribe huawei at 08:00 tz Europe/London');
    await driveUntil('2026-10-26T12:00:00Z', [6, 9]);
    expect(times(posts)).toEqual([
      '2026-10-24T07:00:00.000Z',
      // 2026-10-25: clocks go back at 01:00 UTC; 08:00 GMT is 08:00 UTC.
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('given a time that does not exist or repeats on change days, fires exactly once on each', async () => {
    const spring = await setUp('2026-03-28T12:00:00Z', '/subscribe huawei at 01:30 tz Europe/London');
    await driveUntil('2026-03-29T06:00:00Z', [0, 4]);
    // 01:30 is skipped in London on 2026-03-29; it fires when the clocks have jumped, at 02:30 BST.
    expect(times(spring.posts)).toEqual(['2026-03-29T01:30:00.000Z']);
    await job!.stop();
    await ledger!.close();
    await open!.close();

    const autumn = await setUp('2026-10-24T12:00:00Z', '/subscribe huawei at 01:30 tz Europe/London');
    await driveUntil('2026-10-25T06:00:00Z', [0, 4]);
    // 01:30 happens twice in London on 2026-10-25 (BST, then GMT); only the first fires.
    expect(times(autumn.posts)).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('puts in each digest exactly the stories published since the previous one, each once', async () => {
    const { posts } = await setUp('2026-03-27T12:00:00Z', '/subscribe huawei at 08:00 tz Europe/London');
    const added: { article: Article; at: number }[] = [];
    const events = new Map<number, () => Promise<void>>();
    const addAt = (iso: string, title: string) =>
      events.set(Date.parse(iso), async () => {
        added.push({ article: await addArticle(open!.core, { title }), at: Date.now() });
      });
    addAt('2026-03-27T12:00:00Z', 'Huawei story before the first digest');
    for (const day of ['28', '29']) {
      addAt(
        `2026-03-${day}T06:30:00Z`,
        `Huawei ${day === '28' ? 'signs a Kenyan cloud deal' : 'loses a Dutch patent case'}`,
      );
      // A minute before the digest: too fresh for this one, so it must come in the next.
      addAt(
        day < '29' ? `2026-03-${day}T07:59:00Z` : `2026-03-${day}T06:59:00Z`,
        `Huawei ${day === '28' ? 'chip output doubles at Dongguan' : 'ex-employee charged in Poland'}`,
      );
      addAt(
        `2026-03-${day}T09:00:00Z`,
        `Huawei ${day === '28' ? 'sponsors Lisbon marathon' : 'opens Seoul design studio'}`,
      );
    }
    await driveUntil('2026-03-30T10:00:00Z', [6, 9], events);
    expect(posts).toHaveLength(3);

    const records = (await open!.digests.stores.archive.list(CONSOLE_TENANT)).sort((a, b) =>
      a.localDate.localeCompare(b.localDate),
    );
    expect(records.map((r) => [r.localDate, r.status, r.late])).toEqual(
      ['2026-03-28', '2026-03-29', '2026-03-30'].map((d) => [d, 'delivered', false]),
    );
    const delivered = records.map((r) =>
      r.sections.flatMap((s) => s.stories.flatMap((story) => story.articles)),
    );
    const all = delivered.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(added.map((a) => a.article.id).sort());
    // Each digest holds what arrived between the previous digest's cut-off and its own (two minutes before it).
    records.forEach((record, i) => {
      const since = Date.parse(record.window.since);
      const until = Date.parse(record.window.until);
      expect(until).toBe(Date.parse(record.scheduledFor) - 2 * MINUTE);
      if (i > 0) expect(since).toBe(Date.parse(records[i - 1]!.window.until));
      const expected = added.filter((a) => a.at >= since && a.at < until).map((a) => a.article.id);
      expect(delivered[i]!.sort()).toEqual(expected.sort());
    });
    expect(delivered[1]!.length).toBe(3);
  });
});
