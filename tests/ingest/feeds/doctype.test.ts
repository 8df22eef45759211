import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Source, sourceIdFor } from '../../../src/core/sources.ts';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import { looksLikeFeed, parseFeedText } from '../../../src/ingest/feeds/parse-feed.ts';
import { type FakeWeb, startFakeWeb } from '../../fakes/http-server.ts';
import { createTestCore } from '../../helpers/temp-store.ts';
import { createTestPoller } from '../../helpers/test-poller.ts';

const BODY =
  'The regulator said on Tuesday that the platform had failed to protect the personal data of millions of users, and it ordered changes to the way the company handles consent. '.repeat(
    5,
  );

function feed(doctype: string, title: string, extra = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
${doctype}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Old Wire</title>
<link>https://wire.example/</link>
<item><title>${title}</title><link>https://wire.example/a</link><guid>a</guid><pubDate>Thu, 29 Feb 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>${BODY}</p>]]></content:encoded><description>${extra}</description></item></channel></rss>`;
}

let web: FakeWeb;
let t: Awaited<ReturnType<typeof createTestCore>>;
let dir: string;

beforeEach(async () => {
  web = await startFakeWeb();
  t = await createTestCore({ now: '2024-03-01T12:00:00Z' });
  dir = mkdtempSync(join(tmpdir(), 'pw-doctype-'));
});
afterEach(async () => {
  await web.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function poll(path: string, text: string) {
  web.route(path, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(text);
  });
  const url = web.url(path);
  const source: Source = {
    id: sourceIdFor(url),
    url,
    name: path,
    intervalMinutes: 15,
    createdAt: t.clock.now().toISOString(),
    health: { itemsSeen: 0, failures: 0 },
  };
  await t.core.sources.put(CONSOLE_TENANT, source.id, source);
  const poller = createTestPoller(t, { fetchTeasers: false });
  const started = Date.now();
  const report = await poller.pollSource(CONSOLE_TENANT, source);
  return { report, ms: Date.now() - started, articles: await t.articles() };
}

describe('feeds with a DOCTYPE', () => {
  it('polls an RSS 0.91 feed with a public DOCTYPE as a feed', async () => {
    const text = feed(
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
      'Regulator fines platform',
    );
    const { report, articles } = await poll('/old.xml', text);
    expect(report).toMatchObject({ status: 'ok', failed: 0 });
    expect(articles.map((a) => a.title)).toEqual(['Regulator fines platform']);
  });

  it('reads a DOCTYPE with an internal subset of entity declarations as a feed, expanding them', async () => {
    const text = feed(
      '<!DOCTYPE rss [\n  <!ENTITY copy "&#169;">\n  <!ENTITY mdash "&#8212;">\n]>',
      'Regulator &mdash; fines &copy; platform',
    );
    expect(looksLikeFeed(text)).toBe(true);
    const { report, articles } = await poll('/subset.xml', text);
    expect(report).toMatchObject({ status: 'ok', failed: 0 });
    expect(articles.map((a) => a.title)).toEqual(['Regulator — fines © platform']);
  });

  it('never reads an external entity: not a local file, not a URL', async () => {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-MARKER');
    let dtdFetched = false;
    web.route('/evil.dtd', (_req, res) => {
      dtdFetched = true;
      res.writeHead(200).end('<!ENTITY leak "LEAKED-OVER-HTTP">');
    });
    const text = feed(
      `<!DOCTYPE rss [\n  <!ENTITY file SYSTEM "file://${secret}">\n  <!ENTITY % remote SYSTEM "${web.url('/evil.dtd')}">\n  %remote;\n]>`,
      'Regulator fines platform &file;',
      '&leak;',
    );
    const { report, articles } = await poll('/xxe.xml', text);
    expect(report).toMatchObject({ status: 'ok', failed: 0 });
    expect(articles).toHaveLength(1);
    expect(JSON.stringify(articles)).not.toMatch(/TOP-SECRET-MARKER|LEAKED-OVER-HTTP/);
    expect(dtdFetched).toBe(false);
  });

  it('keeps an entity bomb bounded in time and size (nested and wide)', async () => {
    const nested = ['<!ENTITY a "aaaaaaaaaa">'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const prev = 'abcdefgh'[i]!;
      nested.push(`<!ENTITY ${name} "${`&${prev};`.repeat(10)}">`);
    }
    const billion = feed(`<!DOCTYPE rss [\n${nested.join('\n')}\n]>`, 'Laughs &i;');
    const wide = feed(`<!DOCTYPE rss [ <!ENTITY w "${'x'.repeat(9000)}"> ]>`, 'Wide', '&w;'.repeat(20_000));
    for (const [path, text] of [
      ['/billion.xml', billion],
      ['/wide.xml', wide],
    ] as const) {
      const parsed = parseFeedText(text);
      expect(parsed.ok).toBe(true);
      const { report, ms, articles } = await poll(path, text);
      expect(report).toMatchObject({ status: 'ok', failed: 0 });
      expect(ms).toBeLessThan(5000);
      // Nothing stored grows anywhere near the expanded size (10^9 or 180 MB).
      for (const article of articles) expect(JSON.stringify(article).length).toBeLessThan(200_000);
    }
  });
});
