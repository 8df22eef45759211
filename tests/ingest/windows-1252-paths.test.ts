import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Source } from '../../src/core/sources.ts';
import { sourceIdFor } from '../../src/core/sources.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { ingestInputs } from '../../src/ingest/ingest-inputs.ts';
import { createPoller } from '../../src/ingest/poll.ts';
import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore } from '../helpers/temp-store.ts';
import { testExtractor } from '../helpers/test-extractor.ts';

// Curly quotes, an apostrophe, an en dash and a euro sign: all in windows-1252's 0x80-0x9F block, where
// reading the bytes as UTF-8 or as Latin-1 goes wrong.
const HEADLINE = '“Huawei’s” chip ban – what €2bn buys';
const PARAGRAPH =
  'The regulator’s order, which officials called “final”, bars the sale of advanced chips to the company and its suppliers for five years. ';
const PAGE = `<!doctype html><html lang="en"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>${HEADLINE}</title></head>
<body><article><h1>${HEADLINE}</h1><p>${PARAGRAPH.repeat(6)}</p></article></body></html>`;
const cp1252 = (text: string) => iconv.encode(text, 'windows-1252');

const fetchLimits = {
  timeoutMs: 2000,
  maxBytes: 2_000_000,
  userAgent: 'PolicyWireTest',
  allowPrivateNetworks: true,
};

let web: FakeWeb;
let t: Awaited<ReturnType<typeof createTestCore>>;

beforeEach(async () => {
  web = await startFakeWeb();
  t = await createTestCore({ now: '2024-03-01T12:00:00Z' });
  // No charset in the header: the page's own meta tag must decide, as it does for a file.
  web.route(
    '/story.html',
    (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(cp1252(PAGE)),
  );
});
afterEach(async () => {
  await web.close();
  await t.close();
});

async function onlyArticle() {
  const articles = await t.articles();
  expect(articles).toHaveLength(1);
  return articles[0]!;
}

describe('a windows-1252 page reads the same, correct headline on every ingest path', () => {
  it('from a local file, decoded by its meta tag rather than as UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-cp1252-'));
    const file = join(dir, 'story.html');
    writeFileSync(file, cp1252(PAGE));
    const report = await ingestInputs([file], {
      writer: t.core.writer,
      fetchLimits,
      logger: createSilentLogger(),
    });
    rmSync(dir, { recursive: true, force: true });
    expect(report.items[0]).toMatchObject({ status: 'added', title: HEADLINE });
    const article = await onlyArticle();
    expect(article.title).toBe(HEADLINE);
    expect(article.text).toContain('The regulator’s order, which officials called “final”');
  });

  it('from a URL served without a charset in its header', async () => {
    const report = await ingestInputs([web.url('/story.html')], {
      writer: t.core.writer,
      fetchLimits,
      fetcher: createFetcher({ limits: fetchLimits }),
      logger: createSilentLogger(),
    });
    expect(report.items[0]).toMatchObject({ status: 'added', title: HEADLINE });
    expect((await onlyArticle()).text).toContain('officials called “final”');
  });

  it('from a windows-1252 feed whose teaser item links to the page', async () => {
    const feed = `<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Wire</title>
      <link>${web.url('/')}</link><item><title>${HEADLINE}</title><link>${web.url('/story.html')}</link>
      <guid>story-1</guid><pubDate>Tue, 27 Feb 2024 09:00:00 GMT</pubDate>
      <description>The regulator’s order bars the sale…</description></item></channel></rss>`;
    web.route(
      '/feed.xml',
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(cp1252(feed)),
    );
    const url = web.url('/feed.xml');
    const source: Source = {
      id: sourceIdFor(url),
      url,
      name: 'Wire',
      intervalMinutes: 15,
      createdAt: t.clock.now().toISOString(),
      health: { itemsSeen: 0, failures: 0 },
    };
    await t.core.sources.put(CONSOLE_TENANT, source.id, source);
    const poller = createPoller({
      sources: t.core.sources,
      writer: t.core.writer,
      articles: t.core.articles,
      extractor: testExtractor,
      fetcher: createFetcher({ limits: fetchLimits }),
      clock: t.clock,
      logger: createSilentLogger(),
    });
    await poller.pollDue();
    const article = await onlyArticle();
    expect(article.title).toBe(HEADLINE);
    // The teaser sent the poller to the page, whose text is decoded by its own meta tag.
    expect(article.text).toContain('officials called “final”');
    expect(article.publishedAt).toBe('2024-02-27T09:00:00.000Z');
  });
});
