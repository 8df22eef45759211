import { afterEach, describe, expect, it } from 'vitest';
import { createDigestJob } from '../../digests/job.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { type PolicyArticleSpec, storePolicyArticle } from '../helpers/policy-articles.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { addArticle, consoleSink, openTestCore, say, type TestCore } from './support.ts';

const clock = createFixedClock('2026-12-01T06:00:00Z');
let open: TestCore | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

/** A primary document on the channel's topic, closing on the day given. */
const onPrivacy = (number: string, title: string, closesOn: string): PolicyArticleSpec => ({
  number,
  title,
  closesOn,
  text: `${title}: the agency proposes a privacy rule and seeks comment.`,
});

async function digestAt(morning: string, documents: PolicyArticleSpec[]) {
  clock.set('2026-11-30T06:00:00Z');
  open = await openTestCore({ clock });
  expect(await say(open, '/subscribe privacy at 08:00 tz UTC')).toMatchObject({ level: 'success' });
  for (const document of documents) await storePolicyArticle(open, document);
  clock.set(morning);
  await addArticle(open.core, {
    title: 'Privacy regulators meet on children’s data',
    text: 'Privacy regulators met on children’s data protection.',
  });
  clock.set(morning.replace('07:00', '08:01'));
  const sink = consoleSink(open);
  const job = createDigestJob({
    core: open.core,
    services: open.digests,
    adapters: { console: sink.adapter },
    ledger: open.stores.ledger,
    logger: createSilentLogger(),
  });
  await job.runDue();
  expect(sink.posts).toHaveLength(1);
  return sink.posts[0]!.text;
}

describe('the digest "Comment deadlines" section', () => {
  it('lists periods on the channel topics closing within 14 days, soonest first, and leaves later ones out', async () => {
    const text = await digestAt('2026-12-02T07:00:00Z', [
      onPrivacy('2026-50001', 'Children’s Privacy Rule', '2026-12-12'),
      onPrivacy('2026-50002', 'Health Privacy Breach Notices', '2026-12-05'),
      onPrivacy('2026-50003', 'Privacy Shield Review Far Off', '2027-02-01'),
    ]);
    expect(text).toContain('Comment deadlines');
    const section = text.slice(text.indexOf('Comment deadlines'));
    expect(section.indexOf('Health Privacy Breach Notices')).toBeGreaterThan(-1);
    expect(section.indexOf('Health Privacy Breach Notices')).toBeLessThan(
      section.indexOf('Children’s Privacy Rule'),
    );
    expect(section).toContain('3 days left');
    expect(text).not.toContain('Privacy Shield Review Far Off');
  });

  it('is absent when nothing closes within 14 days', async () => {
    const text = await digestAt('2026-12-02T07:00:00Z', [
      onPrivacy('2026-50004', 'Privacy Rule Closing Next Year', '2027-01-30'),
    ]);
    expect(text).toContain('Privacy regulators meet');
    expect(text).not.toContain('Comment deadlines');
  });
});
