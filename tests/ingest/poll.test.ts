import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Source } from '../../src/core/sources.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { backoffMs, createPoller, loadStarterSources, STARTER_TENANT } from '../../src/ingest/poll.ts';

import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';
import { addTestSource } from '../helpers/policy-sources.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore } from '../helpers/temp-store.ts';
import { testExtractor } from '../helpers/test-extractor.ts';
import { createTestPoller } from '../helpers/test-poller.ts';

const LONG =
  'The regulator said on Tuesday that the platform had failed to protect the personal data of millions of users, and it ordered changes to the way the company handles consent. ';
const body = (n: number) => `<p>${LONG.repeat(n)}</p>`;

function rss(
  items: { guid: string; link: string; title: string; date: string; html?: string; teaser?: string }[],
) {
  const entries = items
    .map(
      (i) => `<item><title>${i.title}</title><link>${i.link}</link><guid isPermaLink="false">${i.guid}</guid>
      <pubDate>${i.date}</pubDate>${i.teaser ? `<description>${i.teaser}</description>` : ''}
      ${i.html ? `<content:encoded><![CDATA[${i.html}]]></content:encoded>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test Wire</title><link>https://wire.example/</link>${entries}</channel></rss>`;
}

const page = (title: string, canonical: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title><link rel="canonical" href="${canonical}"></head>
  <body><nav>Home | World | Tech</nav><article><h1>${title}</h1>${body(6)}</article><footer>© Wire</footer></body></html>`;

let web: FakeWeb;
let t: Awaited<ReturnType<typeof createTestCore>>;

beforeEach(async () => {
  web = await startFakeWeb();
  t = await createTestCore({ now: '2024-03-01T12:00:00Z' });
});
afterEach(async () => {
  await web.close();
  await t.close();
});

const poller = () => createTestPoller(t);

async function follow(tenant: Tenant, path: string, name = path): Promise<Source> {
  return addTestSource(t, tenant, web.url(path), name);
}

describe('poller', () => {
  it('stores a new source’s items as backlog for its tenant, then sends If-None-Match and stores nothing on 304', async () => {
    web.route('/feed.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"e1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"e1"' });
      res.end(
        rss([
          {
            guid: 'a',
            link: 'https://wire.example/a',
            title: 'Story A',
            date: 'Fri, 01 Mar 2024 08:00:00 GMT',
            html: body(3),
          },
          {
            guid: 'b',
            link: 'https://wire.example/b',
            title: 'Story B',
            date: 'Fri, 01 Mar 2024 09:00:00 GMT',
            html: body(3),
          },
        ]),
      );
    });
    await follow(CONSOLE_TENANT, '/feed.xml', 'Wire');
    const p = poller();
    const [first] = await p.pollDue();
    expect(first).toMatchObject({ status: 'ok', added: 2, backlog: true });
    const stored = await t.articles();
    expect(stored.map((a) => [a.title, a.backlog, a.owners])).toEqual([
      ['Story A', true, ['console:local']],
      ['Story B', true, ['console:local']],
    ]);
    expect(stored[0]?.source).toBe('Wire');

    t.clock.set('2024-03-01T12:20:00Z');
    const [second] = await p.pollDue();
    expect(second).toMatchObject({ status: 'not-modified', added: 0, updated: 0 });
    expect(web.requests.at(-1)?.headers['if-none-match']).toBe('"e1"');
    expect(await t.articles()).toHaveLength(2);
    const source = (await t.core.sources.list(CONSOLE_TENANT))[0];
    expect(source?.health).toMatchObject({
      itemsSeen: 2,
      failures: 0,
      lastSuccessAt: '2024-03-01T12:20:00.000Z',
    });
  });

  it('polls only due sources, and stores later items as news, not backlog', async () => {
    let items = [
      {
        guid: 'a',
        link: 'https://wire.example/a',
        title: 'Old',
        date: 'Fri, 01 Mar 2024 08:00:00 GMT',
        html: body(3),
      },
    ];
    web.route('/feed.xml', (_req, res) => void res.writeHead(200).end(rss(items)));
    await follow(CONSOLE_TENANT, '/feed.xml');
    const p = poller();
    await p.pollDue();
    t.clock.set('2024-03-01T12:05:00Z');
    expect(await p.pollDue()).toEqual([]); // not due for 15 minutes
    items = [
      ...items,
      {
        guid: 'n',
        link: 'https://wire.example/n',
        title: 'Fresh',
        date: 'Fri, 01 Mar 2024 12:10:00 GMT',
        html: body(3),
      },
    ];
    t.clock.set('2024-03-01T12:16:00Z');
    const [report] = await p.pollDue();
    expect(report).toMatchObject({ added: 1, backlog: false });
    const fresh = (await t.articles()).find((a) => a.title === 'Fresh');
    expect(fresh?.backlog).toBe(false);
  });

  it('updates the article on a publisher edit (same guid, new text and date; then a new URL) instead of duplicating', async () => {
    let item = {
      guid: 'g1',
      link: 'https://wire.example/story',
      title: 'Draft title',
      date: 'Fri, 01 Mar 2024 08:00:00 GMT',
      html: body(3),
    };
    web.route('/feed.xml', (_req, res) => void res.writeHead(200).end(rss([item])));
    await follow(CONSOLE_TENANT, '/feed.xml');
    const p = poller();
    await p.pollDue({ all: true });
    const [original] = await t.articles();

    item = {
      ...item,
      title: 'Corrected title',
      date: 'Fri, 01 Mar 2024 10:00:00 GMT',
      html: `${body(3)}<p>Correction: an earlier version misstated the fine.</p>`,
    };
    t.clock.set('2024-03-01T12:30:00Z');
    expect((await p.pollDue({ all: true }))[0]).toMatchObject({ added: 0, updated: 1 });
    item = {
      ...item,
      link: 'https://wire.example/story-renamed',
      html: `${item.html}<p>Update: the company will appeal.</p>`,
    };
    t.clock.set('2024-03-01T13:00:00Z');
    expect((await p.pollDue({ all: true }))[0]).toMatchObject({ added: 0, updated: 1 });

    const all = await t.articles();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      id: original?.id,
      title: 'Corrected title',
      url: 'https://wire.example/story-renamed',
      publishedAt: '2024-03-01T10:00:00.000Z',
    });
    expect(all[0]?.text).toContain('Correction:');
    expect(all[0]?.text).toContain('Update: the company will appeal.');
  });

  it('fetches the page of a teaser-only item, and stores a story reached by two URLs once (rel=canonical, tracking params)', async () => {
    const canonical = `${web.url('/articles/fine')}`;
    web.route(
      '/articles/fine',
      (_req, res) =>
        void res.writeHead(200, { 'content-type': 'text/html' }).end(page('Platform fined', canonical)),
    );
    web.route(
      '/amp/fine',
      (_req, res) =>
        void res.writeHead(200, { 'content-type': 'text/html' }).end(page('Platform fined', canonical)),
    );
    web.route('/feed.xml', (_req, res) =>
      res.writeHead(200).end(
        rss([
          {
            guid: 't1',
            link: `${web.url('/articles/fine')}?utm_source=rss&amp;utm_medium=feed#top`,
            title: 'Platform fined',
            date: 'Fri, 01 Mar 2024 08:00:00 GMT',
            teaser: 'The regulator fined…',
          },
          {
            guid: 't2',
            link: web.url('/amp/fine'),
            title: 'Platform fined',
            date: 'Fri, 01 Mar 2024 08:00:00 GMT',
            teaser: 'Read more',
          },
        ]),
      ),
    );
    await follow(CONSOLE_TENANT, '/feed.xml');
    await poller().pollDue();
    const all = await t.articles();
    expect(all).toHaveLength(1);
    expect(all[0]?.canonicalUrl).toBe(canonical);
    expect(all[0]?.text).toContain('failed to protect the personal data');
    expect(all[0]?.text).not.toContain('Home | World');
    expect(web.requests.some((r) => r.path.startsWith('/articles/fine'))).toBe(true);
  });

  it('goes on with the other sources when one fails, and backs the failing one off exponentially', async () => {
    web.route('/good.xml', (_req, res) =>
      res.writeHead(200).end(
        rss([
          {
            guid: 'x',
            link: 'https://wire.example/x',
            title: 'Good news',
            date: 'Fri, 01 Mar 2024 08:00:00 GMT',
            html: body(3),
          },
        ]),
      ),
    );
    web.route('/broken.xml', (_req, res) => void res.writeHead(500).end('oops'));
    web.route(
      '/page-not-feed',
      (_req, res) =>
        void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>tiny</body></html>'),
    );
    await follow(CONSOLE_TENANT, '/broken.xml', 'Broken');
    await follow(CONSOLE_TENANT, '/page-not-feed', 'Not a feed');
    await follow({ platform: 'slack', id: 'T1' }, '/good.xml', 'Good');
    const p = poller();
    const results = await p.pollDue();
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName.Good).toMatchObject({ status: 'ok', added: 1, tenant: 'slack:T1' });
    expect(byName.Broken).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/answered HTTP 500/),
    });
    expect(byName['Not a feed']).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/neither a feed nor an article/),
    });
    expect((await t.articles()).map((a) => a.owners)).toEqual([['slack:T1']]);

    const broken = (await t.core.sources.list(CONSOLE_TENANT)).find((s) => s.name === 'Broken');
    expect(broken?.health).toMatchObject({ failures: 1, lastError: expect.stringMatching(/HTTP 500/) });
    expect(Date.parse(broken?.health.nextPollAt ?? '')).toBe(t.clock.now().getTime() + backoffMs(15, 1));
    t.clock.set(new Date(t.clock.now().getTime() + backoffMs(15, 1)));
    await p.pollDue();
    const again = (await t.core.sources.list(CONSOLE_TENANT)).find((s) => s.name === 'Broken');
    expect(again?.health.failures).toBe(2);
    expect(Date.parse(again?.health.nextPollAt ?? '') - t.clock.now().getTime()).toBe(backoffMs(15, 2));
    expect(backoffMs(15, 2)).toBe(4 * backoffMs(15, 0));
    expect(backoffMs(15, 30)).toBe(24 * 60 * 60 * 1000);
  });

  it('stores starter sources’ items as public, and a source refused by the guard fails cleanly', async () => {
    web.route('/starter.xml', (_req, res) =>
      res.writeHead(200).end(
        rss([
          {
            guid: 's',
            link: 'https://wire.example/s',
            title: 'Starter story',
            date: 'Fri, 01 Mar 2024 08:00:00 GMT',
            html: body(3),
          },
        ]),
      ),
    );
    await loadStarterSources(
      t.core.sources,
      [{ name: 'Starter', url: web.url('/starter.xml') }],
      t.clock,
      15,
    );
    expect(
      await loadStarterSources(
        t.core.sources,
        [{ name: 'Starter', url: web.url('/starter.xml') }],
        t.clock,
        15,
      ),
    ).toBe(0);
    await poller().pollDue();
    expect((await t.articles())[0]?.owners).toEqual(['*']);
    expect(await t.core.sources.list(STARTER_TENANT)).toHaveLength(1);

    const guarded = createPoller({
      sources: t.core.sources,
      writer: t.core.writer,
      articles: t.core.articles,
      extractor: testExtractor,
      fetcher: createFetcher({
        limits: { timeoutMs: 2000, maxBytes: 1000, userAgent: 'x', allowPrivateNetworks: false },
      }),
      clock: t.clock,
      logger: createSilentLogger(),
    });
    const [refused] = await guarded.pollDue({ all: true });
    expect(refused).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/127\.0\.0\.1 is not a public address/),
    });
  });
});
