import { afterEach, describe, expect, it } from 'vitest';
import type { DigestRequest } from '../../digests/compose.ts';
import { buildDigestReply, summarizeSourceHealth } from '../../digests/digest-reply.ts';
import { digestJson } from '../../digests/preview.ts';
import type { Article } from '../../src/core/article.ts';
import { createFixedClock } from '../../src/core/clock.ts';
import type { Story, StoryClusterer } from '../../src/core/stories/story.ts';
import { CONSOLE_TENANT, type Tenant, tenantKey } from '../../src/core/tenant.ts';
import { addArticle, openTestCore, type TestCore } from './support.ts';

const clock = createFixedClock('2026-03-30T06:00:00Z');
const other: Tenant = { platform: 'slack', id: 'T-OTHER' };
let open: TestCore | undefined;

afterEach(async () => {
  await open?.close();
  open = undefined;
});

/**
 * A deterministic stand-in for the real StoryClusterer, which is built on another branch: articles whose
 * URL the test lists under the same event form one story. The lead re-points these tests at the real one.
 */
function fixtureClusterer(events: Map<string, string>): StoryClusterer {
  return {
    cluster(articles: Article[]): Story[] {
      const groups = new Map<string, Article[]>();
      for (const article of articles) {
        const key = events.get(article.canonicalUrl) ?? article.id;
        groups.set(key, [...(groups.get(key) ?? []), article]);
      }
      return [...groups.values()].map((group) => ({
        id: group[0]!.id,
        representative: group[0]!,
        articles: group,
      }));
    },
  };
}

function request(
  topics: string[],
  since: Date,
  until: Date,
  extra: Partial<DigestRequest> = {},
): DigestRequest {
  return { key: 'test', tenant: CONSOLE_TENANT, topics, since, until, ...extra };
}

describe('digest composition', () => {
  it('shows a same-event pair from two outlets as one story naming both sources', async () => {
    const events = new Map([
      ['https://outlet-a.example.org/huawei-ban', 'event-1'],
      ['https://outlet-b.example.org/huawei-restrictions', 'event-1'],
    ]);
    open = await openTestCore({ clock, services: { clusterer: fixtureClusterer(events) } });
    const { core, services } = open;
    clock.set('2026-03-30T05:00:00Z');
    const a = await addArticle(core, {
      title: 'Huawei faces new ban on network gear',
      source: 'Outlet A',
      url: 'https://outlet-a.example.org/huawei-ban',
    });
    const b = await addArticle(core, {
      title: 'Government restricts Huawei equipment',
      source: 'Outlet B',
      url: 'https://outlet-b.example.org/huawei-restrictions',
    });
    const single = await addArticle(core, { title: 'Huawei profits rise', source: 'Outlet C' });
    const digest = await services.composer.composeOne(
      request(['huawei'], new Date('2026-03-29T06:00:00Z'), new Date('2026-03-30T06:00:00Z')),
    );
    const json = digestJson(digest);
    expect(json.sections).toHaveLength(1);
    const stories = json.sections[0]!.stories;
    expect(stories).toHaveLength(2);
    const pair = stories.find((s) => s.articles.includes(a.id))!;
    expect(pair.articles.sort()).toEqual([a.id, b.id].sort());
    expect(pair.sources.sort()).toEqual(['Outlet A', 'Outlet B']);
    expect(stories.find((s) => s.articles.includes(single.id))?.sources).toEqual(['Outlet C']);
    // Two outlets on one event outrank one outlet on another at equal relevance.
    expect(stories[0]!.articles).toContain(a.id);
  });

  it('puts a story matching two topics in one section only and keeps each section to the top N', async () => {
    open = await openTestCore({ clock, services: { topN: 3 } });
    const { core, services } = open;
    clock.set('2026-03-30T05:00:00Z');
    const both = await addArticle(core, { title: 'Huawei hit by export controls on chips' });
    for (let i = 0; i < 6; i++) await addArticle(core, { title: `Huawei opens research centre number ${i}` });
    const digest = await services.composer.composeOne(
      request(
        ['huawei', 'export-controls'],
        new Date('2026-03-29T06:00:00Z'),
        new Date('2026-03-30T06:00:00Z'),
      ),
    );
    const ids = digest.sections.flatMap((s) => s.stories.map((story) => story.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === both.id)).toHaveLength(1);
    for (const section of digest.sections) expect(section.stories.length).toBeLessThanOrEqual(3);
    expect(digest.sections[0]!.stories).toHaveLength(3);
  });

  it('never includes backlog articles or articles only another tenant may see', async () => {
    open = await openTestCore({ clock });
    const { core, services } = open;
    clock.set('2026-03-30T05:00:00Z');
    const visible = await addArticle(core, { title: 'Huawei wins appeal' });
    const mine = await addArticle(
      core,
      { title: 'Huawei memo for us' },
      { owner: tenantKey(CONSOLE_TENANT) },
    );
    await addArticle(core, { title: 'Huawei backlog item' }, { backlog: true });
    await addArticle(core, { title: 'Huawei private note' }, { owner: tenantKey(other) });
    const digest = await services.composer.composeOne(
      request(['huawei'], new Date('2026-03-29T06:00:00Z'), new Date('2026-03-30T06:00:00Z')),
    );
    expect(digest.articleIds.sort()).toEqual([visible.id, mine.id].sort());
    const theirs = await services.composer.composeOne(
      request(['huawei'], new Date('2026-03-29T06:00:00Z'), new Date('2026-03-30T06:00:00Z'), {
        tenant: other,
      }),
    );
    expect(theirs.sections[0]!.stories.map((s) => s.card.title).sort()).toEqual([
      'Huawei private note',
      'Huawei wins appeal',
    ]);
  });

  it('takes articles published in the window, and late arrivals unless they are stale', async () => {
    open = await openTestCore({ clock });
    const { core, services } = open;
    const since = new Date('2026-03-29T08:00:00Z');
    const until = new Date('2026-03-30T08:00:00Z');
    clock.set('2026-03-29T07:00:00Z');
    await addArticle(core, { title: 'Huawei before the window' });
    clock.set('2026-03-29T12:00:00Z');
    const inside = await addArticle(core, { title: 'Huawei inside the window' });
    // Published before the window but only fetched inside it: a late arrival, still news.
    const late = await addArticle(core, {
      title: 'Huawei late arrival',
      publishedAt: '2026-03-29T06:00:00Z',
    });
    // Published five days earlier: old news arriving late stays out.
    await addArticle(core, { title: 'Huawei stale item', publishedAt: '2026-03-24T06:00:00Z' });
    clock.set('2026-03-30T09:00:00Z');
    await addArticle(core, { title: 'Huawei after the window' });
    const digest = await services.composer.composeOne(request(['huawei'], since, until));
    expect(digest.articleIds.sort()).toEqual([inside.id, late.id].sort());
  });

  it('leaves out a story the channel already had, even when a new outlet joins it', async () => {
    const events = new Map([
      ['https://a.example.org/day1', 'event-1'],
      ['https://b.example.org/day2', 'event-1'],
    ]);
    open = await openTestCore({ clock, services: { clusterer: fixtureClusterer(events) } });
    const { core, services } = open;
    clock.set('2026-03-29T10:00:00Z');
    const day1 = await addArticle(core, {
      title: 'Huawei sanctions announced',
      url: 'https://a.example.org/day1',
    });
    clock.set('2026-03-30T10:00:00Z');
    await addArticle(core, { title: 'Huawei sanctions: reaction', url: 'https://b.example.org/day2' });
    const fresh = await addArticle(core, { title: 'Huawei unveils phone' });
    const digest = await services.composer.composeOne(
      request(['huawei'], new Date('2026-03-30T08:00:00Z'), new Date('2026-03-30T12:00:00Z'), {
        exclude: new Set([day1.id]),
      }),
    );
    expect(digest.articleIds).toEqual([fresh.id]);
  });

  it('keeps one outlet from filling a section while other outlets have stories', async () => {
    open = await openTestCore({ clock, services: { topN: 2 } });
    const { core, services } = open;
    clock.set('2026-03-30T05:00:00Z');
    for (let i = 0; i < 3; i++)
      await addArticle(core, { title: `Huawei Huawei Huawei update ${i}`, source: 'Big Wire' });
    const small = await addArticle(core, { title: 'Huawei note', source: 'Small Paper' });
    const digest = await services.composer.composeOne(
      request(['huawei'], new Date('2026-03-29T06:00:00Z'), new Date('2026-03-30T06:00:00Z')),
    );
    const section = digest.sections[0]!;
    expect(section.stories).toHaveLength(2);
    expect(section.stories.map((s) => s.sources[0]).sort()).toEqual(['Big Wire', 'Small Paper']);
    expect(section.stories.some((s) => s.id === small.id)).toBe(true);
  });

  it('treats an unknown topic as a free query through the search index', async () => {
    open = await openTestCore({ clock });
    const { core, services } = open;
    clock.set('2026-03-30T05:00:00Z');
    const article = await addArticle(core, { title: 'Open banking rules delayed' });
    await addArticle(core, { title: 'Huawei wins appeal' });
    const digest = await services.composer.composeOne(
      request(['open banking'], new Date('2026-03-29T06:00:00Z'), new Date('2026-03-30T06:00:00Z')),
    );
    expect(digestJson(digest).sections).toEqual([
      {
        topic: 'open banking',
        stories: [expect.objectContaining({ articles: [article.id], title: article.title })],
      },
    ]);
  });
});

describe('digest reply', () => {
  it('has a header with the local date and time zone and a footer with source health', async () => {
    open = await openTestCore({ clock });
    const { core, services } = open;
    clock.set('2026-03-30T05:00:00Z');
    await addArticle(core, { title: 'Huawei wins appeal' });
    const now = new Date('2026-03-30T06:00:00Z');
    const sources = [
      {
        id: 's1',
        url: 'https://a.example.org/feed',
        name: 'Feed A',
        intervalMinutes: 15,
        createdAt: '2026-01-01T00:00:00Z',
        health: { itemsSeen: 3, failures: 0, lastSuccessAt: '2026-03-30T05:30:00Z' },
      },
      {
        id: 's2',
        url: 'https://b.example.org/feed',
        name: 'Feed B',
        intervalMinutes: 15,
        createdAt: '2026-01-01T00:00:00Z',
        health: { itemsSeen: 0, failures: 4, lastErrorAt: '2026-03-30T05:45:00Z', lastError: 'HTTP 503' },
      },
      {
        id: 's3',
        url: 'https://c.example.org/feed',
        name: 'Feed C',
        intervalMinutes: 15,
        createdAt: '2026-01-01T00:00:00Z',
        health: { itemsSeen: 0, failures: 0, lastSuccessAt: '2026-03-01T00:00:00Z' },
      },
    ];
    for (const source of sources) await core.sources.put(CONSOLE_TENANT, source.id, source);
    const since = new Date('2026-03-29T07:00:00Z');
    const digest = await services.composer.composeOne(request(['huawei', 'antitrust'], since, now));
    const health = summarizeSourceHealth(await core.sources.list(CONSOLE_TENANT), since);
    expect(health).toEqual({ total: 3, checked: 2, failing: ['Feed B'] });
    const reply = buildDigestReply(digest, { timeZone: 'Asia/Tokyo', at: now, health, whenEmpty: 'line' });
    expect(reply?.kind).toBe('digest');
    if (reply?.kind !== 'digest') return;
    expect(reply.title).toContain('Monday 30 March 2026');
    expect(reply.subtitle).toContain('Asia/Tokyo');
    expect(reply.footer).toContain('Delivery health: 2 of 3 sources checked, 1 failing (Feed B).');
    expect(reply.footer).toContain('Nothing new on: Antitrust and competition.');
    expect(reply.sections.map((s) => s.topic)).toEqual(['Huawei']);
  });

  it('given nothing new, says so in one line, or posts nothing when configured to skip', async () => {
    open = await openTestCore({ clock });
    const digest = await open.services.composer.composeOne(
      request(['huawei'], new Date('2026-03-29T06:00:00Z'), new Date('2026-03-30T06:00:00Z')),
    );
    const health = { total: 0, checked: 0, failing: [] };
    const line = buildDigestReply(digest, {
      timeZone: 'Europe/London',
      at: new Date(),
      health,
      whenEmpty: 'line',
    });
    expect(line).toMatchObject({ kind: 'notice', level: 'info' });
    expect(line?.kind === 'notice' && line.text).toMatch(/nothing new on Huawei since Sun 29 Mar 07:00/);
    expect(
      buildDigestReply(digest, { timeZone: 'Europe/London', at: new Date(), health, whenEmpty: 'skip' }),
    ).toBeUndefined();
  });
});
