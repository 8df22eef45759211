import { afterEach, describe, expect, it } from 'vitest';
import type { DigestRequest } from '../../digests/compose.ts';
import { buildDigestReply, summarizeSourceHealth } from '../../digests/digest-reply.ts';
import { digestJson } from '../../digests/preview.ts';

import { createStoryClusterer } from '../../src/core/stories/clusterer.ts';
import { CONSOLE_TENANT, type Tenant, tenantKey } from '../../src/core/tenant.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { addArticle, openTestCore, type TestCore } from './support.ts';

const clock = createFixedClock('2026-03-30T06:00:00Z');
const other: Tenant = { platform: 'slack', id: 'T-OTHER' };
let open: TestCore | undefined;

afterEach(async () => {
  await open?.close();
  open = undefined;
});

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
    open = await openTestCore({ clock, services: { clusterer: createStoryClusterer() } });
    const { core, digests: services } = open;
    clock.set('2026-03-30T05:00:00Z');
    const a = await addArticle(core, {
      title: 'Huawei faces new ban on 5G network gear',
      source: 'Outlet A',
      url: 'https://outlet-a.example.org/huawei-ban',
      text:
        'The government on Monday banned telecom operators from buying new Huawei 5G equipment from September, ' +
        'citing advice from the National Cyber Security Centre. Operators must remove existing Huawei kit by 2027.',
    });
    const b = await addArticle(core, {
      title: 'Government bans new Huawei 5G equipment from September',
      source: 'Outlet B',
      url: 'https://outlet-b.example.org/huawei-restrictions',
      text:
        'Telecom operators will be barred from buying Huawei 5G equipment from September and must strip existing ' +
        'Huawei kit from their networks by 2027, the government said on Monday after National Cyber Security Centre advice.',
    });
    const single = await addArticle(core, {
      title: 'Huawei profits rise',
      source: 'Outlet C',
      text: 'Huawei reported a ten percent rise in annual profit on Friday, driven by its cloud business and phone sales in China.',
    });
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
    const { core, digests: services } = open;
    clock.set('2026-03-30T05:00:00Z');
    const both = await addArticle(core, { title: 'Huawei hit by export controls on chips' });
    const others = [
      'Huawei opens a research centre in Munich',
      'Huawei wins a rail signalling contract in Chile',
      'Huawei reports record smartphone shipments',
      'Huawei faces a patent suit over Wi-Fi chips',
      'Huawei sponsors a football league in Kenya',
      'Huawei cloud outage hits banks in Thailand',
    ];
    // Six different events (the real clusterer keeps them apart), so a section has more than it shows.
    for (const title of others) await addArticle(core, { title });
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
    const { core, digests: services } = open;
    clock.set('2026-03-30T05:00:00Z');
    const visible = await addArticle(core, {
      title: 'Huawei wins appeal in Stockholm court',
      text: 'A Swedish appeals court overturned the ban on Huawei equipment in 5G networks, ruling that the telecoms regulator PTS had not given the company a fair hearing before excluding it.',
    });
    const mine = await addArticle(
      core,
      { title: 'Huawei memo for us' },
      { owner: tenantKey(CONSOLE_TENANT) },
    );
    await addArticle(core, { title: 'Huawei backlog item' }, { backlog: true });
    await addArticle(
      core,
      {
        title: 'Huawei private note about Vodafone talks',
        text: 'Internal briefing: Vodafone procurement staff asked for revised pricing on radio units; our account team meets them in Newbury next Thursday.',
      },
      { owner: tenantKey(other) },
    );
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
      'Huawei private note about Vodafone talks',
      'Huawei wins appeal in Stockholm court',
    ]);
  });

  it('takes articles published in the window, and late arrivals unless they are stale', async () => {
    open = await openTestCore({ clock });
    const { core, digests: services } = open;
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
    open = await openTestCore({ clock, services: { clusterer: createStoryClusterer() } });
    const { core, digests: services } = open;
    clock.set('2026-03-29T10:00:00Z');
    const day1 = await addArticle(core, {
      title: 'US announces new sanctions on Huawei chip suppliers',
      url: 'https://a.example.org/day1',
      text:
        'The Commerce Department on Sunday added 12 Huawei chip suppliers to the Entity List, cutting them off from ' +
        'American technology, in the widest sanctions on the company since 2020.',
    });
    clock.set('2026-03-30T10:00:00Z');
    await addArticle(core, {
      title: 'US sanctions on Huawei chip suppliers draw reaction',
      url: 'https://b.example.org/day2',
      text:
        'The Commerce Department added 12 Huawei chip suppliers to the Entity List on Sunday, cutting them off from ' +
        'American technology; Beijing condemned the widest sanctions on the company since 2020.',
    });
    const fresh = await addArticle(core, {
      title: 'Huawei unveils folding phone',
      text: 'Huawei unveiled a folding phone with a larger battery at an event in Shenzhen on Monday evening.',
    });
    const digest = await services.composer.composeOne(
      request(['huawei'], new Date('2026-03-30T08:00:00Z'), new Date('2026-03-30T12:00:00Z'), {
        exclude: new Set([day1.id]),
      }),
    );
    expect(digest.articleIds).toEqual([fresh.id]);
  });

  it('keeps one outlet from filling a section while other outlets have stories', async () => {
    open = await openTestCore({ clock, services: { topN: 2 } });
    const { core, digests: services } = open;
    clock.set('2026-03-30T05:00:00Z');
    for (const title of [
      'Huawei Huawei Huawei: new handset launch',
      'Huawei Huawei Huawei: quarterly revenue falls',
      'Huawei Huawei Huawei: board reshuffle announced',
    ])
      await addArticle(core, { title, source: 'Big Wire' });
    const small = await addArticle(core, {
      title: 'Huawei names a new country chief for Brazil',
      source: 'Small Paper',
    });
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
    const { core, digests: services } = open;
    clock.set('2026-03-30T05:00:00Z');
    const article = await addArticle(core, { title: 'Open banking rules delayed' });
    await addArticle(core, { title: 'Huawei wins appeal in Stockholm court' });
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
    const { core, digests: services } = open;
    clock.set('2026-03-30T05:00:00Z');
    await addArticle(core, { title: 'Huawei wins appeal in Stockholm court' });
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
    const digest = await open.digests.composer.composeOne(
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
