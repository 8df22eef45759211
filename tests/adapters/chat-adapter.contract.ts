import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelRef, type ChatAdapter, directChannelId } from '../../src/core/ports/chat-adapter.ts';
import { notice, type Reply } from '../../src/core/reply.ts';
import { cutCheck, DENSE_TO_CUT, HARD_TO_CUT } from '../helpers/graphemes.ts';
import { numberedDigest, storyCard } from '../helpers/replies.ts';

/** One message as it reached the platform: every text a reader sees in it, in order. */
export interface PostedMessage {
  texts: string[];
  /** The id of the message this one was posted under, when it is a thread reply. */
  inReplyTo?: string;
}

/** One adapter wired to its fake platform, as the contract drives it. */
export interface ContractSubject {
  adapter: ChatAdapter;
  /** Distinct channels the adapter may post to; each test takes its own. */
  channels: ChannelRef[];
  /** The messages that reached a channel, in the order the platform stored them. */
  posted(channel: ChannelRef): PostedMessage[];
  /** Every way a posted message broke the platform's published limits. */
  violations(): string[];
  /** A person of the channels' tenant whom the adapter may message directly. */
  user: string;
  /** The messages that reached that person's direct messages with the bot, in order. */
  direct(userId: string): PostedMessage[];
  /** Makes the platform refuse the next post: for good (no access) or for now (an outage). */
  failNext(kind: 'permanent' | 'retryable'): void;
  close(): Promise<void>;
}

/** How many channels the contract needs from a subject. */
export const CONTRACT_CHANNELS = 7;

const storyNumbers = (messages: PostedMessage[]) =>
  messages.flatMap((m) =>
    m.texts.flatMap((text) => [...text.matchAll(/Story (\d+)(?!\d)/g)].map((x) => Number(x[1]))),
  );

/** Distinct numbers in order of first appearance: a platform may name a story twice (headline and link). */
const firstAppearances = (numbers: number[]) => [...new Set(numbers)];

/** Text far over every platform's limits, made of characters that are easy to break. */
const longHard = (label: string, units: number) =>
  `${label}: ${`${HARD_TO_CUT}${DENSE_TO_CUT.repeat(8)}`.repeat(Math.ceil(units / 120))}`;

/**
 * The behaviour every ChatAdapter promises the digest job, run against one platform's fake. `open`
 * starts the adapter and its fake once for the whole suite.
 */
export function describeChatAdapterContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`ChatAdapter contract: ${name}`, () => {
    let subject: ContractSubject;
    let next = 0;
    const channel = () => {
      const found = subject.channels[next++];
      if (!found) throw new Error(`the ${name} subject needs ${CONTRACT_CHANNELS} channels`);
      return found;
    };
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(async () => {
      await subject?.close();
    });

    it('posts a 40-story digest in order, within the platform limits', async () => {
      const where = channel();
      const result = await subject.adapter.post(where, numberedDigest(40));
      const posted = subject.posted(where);
      expect(result).toEqual({ ok: true, messageIds: expect.any(Array), storyMessages: expect.any(Object) });
      expect(result.ok && result.messageIds).toHaveLength(posted.length);
      expect(firstAppearances(storyNumbers(posted))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(subject.violations()).toEqual([]);
    });

    it('says which posted message carries each story of a digest, so updates and reactions find their card', async () => {
      const where = channel();
      const reply = numberedDigest(40);
      const result = await subject.adapter.post(where, reply);
      if (!result.ok) throw new Error(result.error);
      const posted = subject.posted(where);
      const cards = reply.kind === 'digest' ? reply.sections.flatMap((s) => s.stories) : [];
      expect(Object.keys(result.storyMessages ?? {})).toHaveLength(40);
      for (const [n, card] of cards.entries()) {
        const index = result.messageIds.indexOf(result.storyMessages?.[card.id] ?? '');
        expect(index).toBeGreaterThanOrEqual(0);
        expect(storyNumbers([posted[index]!])).toContain(n + 1);
      }
    });

    it('cuts and splits long text without breaking a character', async () => {
      const where = channel();
      const title = longHard('Headline-1', 2_000);
      const summary = longHard('Summary-1', 12_000);
      const topic = longHard('Topic-1', 1_000);
      const digest: Reply = {
        kind: 'digest',
        title: longHard('Digest-1', 500),
        sections: [{ topic, stories: [storyCard(1, { title, summary }), storyCard(2)] }],
      };
      const detail = longHard('Detail-1', 5_000);
      const list: Reply = {
        kind: 'list',
        title: 'Many lines',
        items: [
          { label: 'long', detail },
          ...Array.from({ length: 150 }, (_, i) => ({ label: `line ${i}`, detail: HARD_TO_CUT.repeat(3) })),
        ],
      };
      for (const reply of [digest, list]) expect((await subject.adapter.post(where, reply)).ok).toBe(true);
      const texts = subject.posted(where).flatMap((m) => m.texts);
      expect(subject.posted(where).length).toBeGreaterThanOrEqual(2);
      for (const original of [title, summary, topic, detail]) {
        const label = original.slice(0, original.indexOf(':') + 1);
        const shown = texts.filter((text) => text.includes(label));
        expect(shown.length, `${label} reached the platform`).toBeGreaterThan(0);
        for (const text of shown) {
          const { kept, broken } = cutCheck(original, text.slice(text.indexOf(label)));
          expect(broken, `${label} cut at ${kept} of ${original.length}`).toBe(false);
          expect(kept).toBeGreaterThan(label.length + 20);
        }
      }
      for (const text of texts) expect(cutCheck(text, text).broken).toBe(false);
      expect(subject.violations()).toEqual([]);
    });

    it('returns a permanent failure and a retryable one as values, and posts nothing for them', async () => {
      const where = channel();
      subject.failNext('permanent');
      const permanent = await subject.adapter.post(where, numberedDigest(2, 'Refused digest'));
      expect(permanent).toMatchObject({ ok: false, retryable: false, error: expect.any(String) });
      subject.failNext('retryable');
      const retryable = await subject.adapter.post(where, numberedDigest(2, 'Delayed digest'));
      expect(retryable).toMatchObject({ ok: false, retryable: true, error: expect.any(String) });
      expect(subject.posted(where)).toEqual([]);
      // The failure was the platform's, not the adapter's: the next post goes through.
      expect((await subject.adapter.post(where, numberedDigest(2, 'Delayed digest'))).ok).toBe(true);
    });

    it('posts a digest twice with the same key once, even when the second rendering differs', async () => {
      const where = channel();
      const reply = numberedDigest(12);
      const first = await subject.adapter.post(where, reply, { key: 'digest-2026-03-02' });
      const count = subject.posted(where).length;
      expect(count).toBeGreaterThan(0);
      const again = await subject.adapter.post(where, reply, { key: 'digest-2026-03-02' });
      // A retry after a restart may mark the same digest late: still the same delivery.
      const late = await subject.adapter.post(where, { ...reply, late: true } as Reply, {
        key: 'digest-2026-03-02',
      });
      expect(subject.posted(where)).toHaveLength(count);
      expect(again).toEqual(first);
      expect(late).toEqual(first);
      await subject.adapter.post(where, reply, { key: 'digest-2026-03-03' });
      expect(subject.posted(where)).toHaveLength(count * 2);
    });

    it('posts a reply under an earlier message when asked to, once per key', async () => {
      const where = channel();
      const card = await subject.adapter.post(where, numberedDigest(1, 'Parent digest'));
      const parent = card.ok ? card.messageIds[0] : undefined;
      expect(parent).toEqual(expect.any(String));
      const update = notice('info', 'Update: Story 1 changed');
      const options = { key: 'update-1', threadOf: parent as string };
      const first = await subject.adapter.post(where, update, options);
      const again = await subject.adapter.post(where, update, options);
      expect(again).toEqual(first);
      const posted = subject.posted(where);
      expect(posted).toHaveLength(2);
      expect(posted[0]?.inReplyTo).toBeUndefined();
      expect(posted[1]?.inReplyTo).toBe(parent);
      expect(posted[1]?.texts.join(' ')).toContain('Update: Story 1 changed');
    });

    it('sends a direct message to one person once per key, and a personal digest through post, never to a channel', async () => {
      const where = channel();
      const tenant = where.tenant;
      const before = subject.direct(subject.user).length;
      const alert = notice('warning', 'Alert-1: the source FTC broke');
      const first = await subject.adapter.dm(tenant, subject.user, alert, { key: 'alert-1' });
      const again = await subject.adapter.dm(tenant, subject.user, alert, { key: 'alert-1' });
      expect(first).toMatchObject({ ok: true, messageIds: expect.any(Array) });
      expect(again).toEqual(first);
      const digest = await subject.adapter.post(
        { tenant, id: directChannelId(subject.user) },
        numberedDigest(2, 'Personal digest'),
        { key: 'personal-1' },
      );
      expect(digest.ok).toBe(true);
      const direct = subject.direct(subject.user).slice(before);
      expect(direct.map((m) => m.texts.join(' ')).filter((t) => t.includes('Alert-1'))).toHaveLength(1);
      expect(direct.some((m) => m.texts.join(' ').includes('Story 1'))).toBe(true);
      expect(subject.posted(where)).toEqual([]);
      expect(await subject.adapter.adminIds(tenant)).toEqual(expect.any(Array));
    });
  });
}
