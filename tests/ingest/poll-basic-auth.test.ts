import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';
import { addTestSource } from '../helpers/policy-sources.ts';
import { createTestCore } from '../helpers/temp-store.ts';
import { createTestPoller } from '../helpers/test-poller.ts';

const LONG =
  'The regulator said on Tuesday that the platform had failed to protect the personal data of millions of users, and it ordered changes to the way the company handles consent. ';
const GOOD = `Basic ${Buffer.from('reader:hunter2').toString('base64')}`;
const FEED = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Members Wire</title><link>/</link>
<item><title>Regulator orders consent changes</title><link>/items/1</link><guid>m1</guid>
<pubDate>Fri, 01 Mar 2024 08:00:00 GMT</pubDate><content:encoded><![CDATA[<p>${LONG.repeat(4)}</p>]]></content:encoded></item>
</channel></rss>`;

let web: FakeWeb;
let t: Awaited<ReturnType<typeof createTestCore>>;
beforeEach(async () => {
  web = await startFakeWeb();
  t = await createTestCore({ now: '2024-03-01T12:00:00Z' });
  web.route('/private.xml', (req, res) => {
    if (req.headers.authorization !== GOOD) return void res.writeHead(401).end('who are you?');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
  });
});
afterEach(async () => {
  await web.close();
  await t.close();
});

/** The fake server's URL for a path, with user-info in front of the host. */
const withUser = (path: string, userInfo: string) => web.url(path).replace('://', `://${userInfo}@`);

describe('a feed behind basic auth', () => {
  it('is fetched with the credentials of its URL, and its cards link without them', async () => {
    await addTestSource(t, CONSOLE_TENANT, withUser('/private.xml', 'reader:hunter2'), 'Members');
    const [report] = await createTestPoller(t, { fetchTeasers: false }).pollDue();
    expect(report).toMatchObject({ status: 'ok', added: 1 });
    expect(web.requests[0]?.headers.authorization).toBe(GOOD);
    const [article] = await t.articles();
    // The relative link resolved against the feed's address, not against its user-info.
    expect(article?.url).toBe(web.url('/items/1'));
    expect(article?.canonicalUrl).toBe(web.url('/items/1'));
    expect(JSON.stringify(await t.articles())).not.toContain('hunter2');
  });

  it("fetches a teaser item's page on the feed's host with the feed's credentials, and stores the link without them", async () => {
    const teaserFeed = FEED.replace(
      /<content:encoded>.*<\/content:encoded>/s,
      '<description>Regulator orders consent changes.</description>',
    );
    web.route('/teasers.xml', (req, res) => {
      if (req.headers.authorization !== GOOD) return void res.writeHead(401).end('who are you?');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(teaserFeed);
    });
    web.route('/items/1', (req, res) => {
      if (req.headers.authorization !== GOOD) return void res.writeHead(401).end('members only');
      const body = `<html><head><title>Regulator orders consent changes</title></head><body><article><h1>Regulator orders consent changes</h1>${`<p>${LONG}</p>`.repeat(4)}</article></body></html>`;
      res.writeHead(200, { 'content-type': 'text/html' }).end(body);
    });
    await addTestSource(t, CONSOLE_TENANT, withUser('/teasers.xml', 'reader:hunter2'), 'Members');
    const [report] = await createTestPoller(t).pollDue();
    expect(report).toMatchObject({ status: 'ok', added: 1 });
    const page = web.requests.find((r) => r.path === '/items/1');
    expect(page?.headers.authorization).toBe(GOOD);
    const [article] = await t.articles();
    expect(article?.text).toContain('failed to protect the personal data');
    expect(article?.url).toBe(web.url('/items/1'));
    expect(JSON.stringify(await t.articles())).not.toContain('hunter2');
  });

  it('keeps the password out of the error it records when the server refuses it', async () => {
    await addTestSource(t, CONSOLE_TENANT, withUser('/private.xml', 'reader:wrong-pw'), 'Members');
    const [report] = await createTestPoller(t).pollDue();
    expect(report?.status).toBe('failed');
    const [source] = await t.core.sources.list(CONSOLE_TENANT);
    expect(source?.health.lastError).toMatch(/answered HTTP 401/);
    expect(report?.error).not.toContain('wrong-pw');
    expect(source?.health.lastError).not.toContain('wrong-pw');
  });
});

describe('basic-auth credentials across redirects', () => {
  const limits = {
    timeoutMs: 2000,
    maxBytes: 100_000,
    userAgent: 'PolicyWireTest',
    allowPrivateNetworks: true,
  };

  it('keeps them on a redirect within the origin and drops them on a redirect to another host', async () => {
    const other = await startFakeWeb();
    try {
      web.route('/moved.xml', (_req, res) => void res.writeHead(301, { location: '/private.xml' }).end());
      web.route(
        '/away.xml',
        (_req, res) => void res.writeHead(302, { location: other.url('/feed.xml') }).end(),
      );
      other.route('/feed.xml', (_req, res) => void res.writeHead(200).end(FEED));
      const fetcher = createFetcher({ limits });
      const moved = await fetcher.fetch(withUser('/moved.xml', 'reader:hunter2'));
      expect(moved.notModified ? undefined : moved.status).toBe(200);
      expect(moved.url).toBe(web.url('/private.xml'));
      expect(moved.hops.join(' ')).not.toContain('hunter2');
      await fetcher.fetch(withUser('/away.xml', 'reader:hunter2'));
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
