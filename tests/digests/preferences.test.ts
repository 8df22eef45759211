import { afterEach, describe, expect, it } from 'vitest';
import { createDigestJob } from '../../digests/job.ts';
import {
  PREFERENCE_HALF_LIFE_DAYS,
  preferenceEffect,
  SOURCE_BONUS,
  TOPIC_BONUS,
  voteOf,
} from '../../digests/preferences.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { addArticle, consoleSink, openTestCore, say, type TestCore } from './support.ts';

const clock = createFixedClock('2026-03-29T06:00:00Z');
const DAY = 86_400_000;
let open: TestCore | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

/** A console channel that got one digest of three Outlet A stories; its message id. */
async function deliveredDigest() {
  clock.set('2026-03-29T06:00:00Z');
  const t = await openTestCore({ clock });
  open = t;
  expect(await say(t, '/subscribe huawei at 08:00 tz UTC')).toMatchObject({ level: 'success' });
  for (const what of ['cloud deal', 'patent case', 'design studio'])
    await addArticle(t.core, { title: `Huawei ${what}`, source: 'Outlet A' });
  clock.set('2026-03-29T08:05:00Z');
  const sink = consoleSink(t);
  const job = createDigestJob({
    core: t.core,
    services: t.digests,
    adapters: { console: sink.adapter },
    ledger: t.stores.ledger,
    logger: createSilentLogger(),
  });
  expect((await job.runDue()).delivered).toHaveLength(1);
  const [record] = await t.digests.stores.archive.list(CONSOLE_TENANT);
  return { t, messageId: record!.messageIds[0]! };
}

const vote = (t: TestCore, messageId: string, userId: string, emoji: string, added = true) =>
  t.digests.preferences.react({
    tenant: CONSOLE_TENANT,
    channelId: 'console',
    messageId,
    userId,
    emoji,
    added,
    at: clock.now(),
  });

describe('channel preferences from reactions', () => {
  it('reads 👍 and 👎 in every spelling and skin tone, and nothing else', () => {
    for (const up of ['+1', 'thumbsup', '+1::skin-tone-4', '👍', '👍🏿']) expect(voteOf(up)).toBe(1);
    for (const down of ['-1', 'thumbsdown', 'thumbsdown::skin-tone-2', '👎', '👎🏻'])
      expect(voteOf(down)).toBe(-1);
    for (const other of ['heart', 'tada', '❤️', '', 'thumbsupp']) expect(voteOf(other)).toBeUndefined();
  });

  it('one 👎 moves an outlet by at most a third of the cap; many votes never past the cap', async () => {
    const { t, messageId } = await deliveredDigest();
    expect(await vote(t, messageId, 'U1', '-1')).toBe('recorded');
    const one = await t.digests.preferences.of(CONSOLE_TENANT, 'console', clock.now());
    const effect = preferenceEffect(one, 'Outlet A', 'huawei');
    expect(effect.bonus).toBeLessThan(0);
    expect(Math.abs(effect.bonus)).toBeLessThanOrEqual((SOURCE_BONUS + TOPIC_BONUS) / 3 + 0.001);
    for (let user = 2; user <= 60; user++) await vote(t, messageId, `U${user}`, '👎');
    const many = await t.digests.preferences.of(CONSOLE_TENANT, 'console', clock.now());
    const capped = preferenceEffect(many, 'Outlet A', 'huawei');
    expect(Math.abs(capped.bonus)).toBeLessThanOrEqual(SOURCE_BONUS + TOPIC_BONUS);
    expect(Math.abs(capped.bonus)).toBeGreaterThan(Math.abs(effect.bonus));
    expect(capped.reasons).toContain('ranked down: you disliked 3 stories from this outlet');
  });

  it(`a vote counts half after ${PREFERENCE_HALF_LIFE_DAYS} days, and taking the reaction back removes it`, async () => {
    const { t, messageId } = await deliveredDigest();
    await vote(t, messageId, 'U1', '+1');
    await vote(t, messageId, 'U1', '+1');
    const now = await t.digests.preferences.of(CONSOLE_TENANT, 'console', clock.now());
    const later = await t.digests.preferences.of(
      CONSOLE_TENANT,
      'console',
      new Date(clock.now().getTime() + PREFERENCE_HALF_LIFE_DAYS * DAY),
    );
    const weight = now.sources.get('outlet a')!.weight;
    // tanh is near-linear this close to zero: half the votes, about half the weight.
    expect(later.sources.get('outlet a')!.weight / weight).toBeCloseTo(0.5, 1);
    expect(await vote(t, messageId, 'U1', '+1', false)).toBe('removed');
    expect((await t.digests.preferences.of(CONSOLE_TENANT, 'console', clock.now())).sources.size).toBe(0);
  });

  it('ignores other emoji and messages the bot never posted in this channel or tenant', async () => {
    const { t, messageId } = await deliveredDigest();
    expect(await vote(t, messageId, 'U1', 'tada')).toBe('ignored');
    expect(await vote(t, 'not-a-bot-message', 'U1', '+1')).toBe('ignored');
    const otherTenant = await t.digests.preferences.react({
      tenant: { platform: 'slack', id: 'T0OTHER' },
      channelId: 'console',
      messageId,
      userId: 'U1',
      emoji: '+1',
      added: true,
      at: clock.now(),
    });
    expect(otherTenant).toBe('ignored');
    expect((await t.digests.preferences.of(CONSOLE_TENANT, 'console', clock.now())).sources.size).toBe(0);
  });

  it('/digest why <n> explains a story’s place, naming the votes that moved it', async () => {
    const { t, messageId } = await deliveredDigest();
    await vote(t, messageId, 'U1', '+1');
    await addArticle(t.core, { title: 'Huawei chip output', source: 'Outlet A' });
    clock.set('2026-03-29T09:00:00Z');
    const why = await say(t, '/digest why 1');
    expect(why).toMatchObject({ kind: 'notice', visibility: 'ephemeral' });
    const text = why.kind === 'notice' ? why.text : '';
    expect(text).toContain('Story 1, “Huawei chip output” (Outlet A)');
    expect(text).toContain('Ranked up: you liked 3 stories from this outlet');
    expect(await say(t, '/digest why 9')).toMatchObject({
      text: expect.stringContaining('there is no story 9'),
    });
    expect(await say(t, '/digest why two')).toMatchObject({ level: 'error' });
  });
});
