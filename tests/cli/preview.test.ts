import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewInput } from '../../src/cli/preview-verb.ts';
import { parseConfig } from '../../src/config.ts';
import { ingestInputs } from '../../src/ingest/ingest-inputs.ts';

import { type App, createApp } from '../../src/main.ts';
import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';

const PROSE =
  'Lawmakers agreed the final text of the data act on Thursday after months of talks, setting new rules for who may use the data that connected devices generate. ';
const PAGE = `<!doctype html><html lang="en"><head><title>Data act agreed</title>
<meta property="og:site_name" content="Wire"><link rel="canonical" href="/news/data-act"></head>
<body><article><h1>Data act agreed</h1><p>${PROSE.repeat(5)}</p></article></body></html>`;

let web: FakeWeb;
let dir: string;
const apps: App[] = [];

async function app(allowPrivate: boolean): Promise<App> {
  const config = parseConfig({
    STORE_URL: `sqlite://${join(dir, `cli-${apps.length}.sqlite`)}`,
    ALLOW_PRIVATE_NETWORKS: String(allowPrivate),
    SEED_SAMPLES: 'false',
  });
  const created = await createApp(config, createSilentLogger(), { storePrefix: `p${apps.length}` });
  apps.push(created);
  return created;
}

beforeAll(async () => {
  web = await startFakeWeb();
  dir = mkdtempSync(join(tmpdir(), 'pw-cli-'));
  web.route(
    '/page',
    (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE),
  );
  web.route('/feed', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/atom+xml' })
      .end(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><link href="/"/><entry><title>One</title><id>urn:1</id><link href="/one"/><updated>2024-01-01T00:00:00Z</updated><author><name>Kim</name></author><summary>Short</summary></entry></feed>`,
      ),
  );
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await web.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('policywire preview', () => {
  it('shows a feed as {kind:"feed", title, link, items[...]}, links resolved, nothing stored', async () => {
    const a = await app(true);
    const preview = await previewInput(a, web.url('/feed'));
    expect(preview).toMatchObject({
      kind: 'feed',
      title: 'Wire',
      link: web.url('/'),
      items: [
        {
          title: 'One',
          url: web.url('/one'),
          id: 'urn:1',
          publishedAt: '2024-01-01T00:00:00.000Z',
          summary: 'Short',
          author: 'Kim',
        },
      ],
    });
    expect(a.core.index.size).toBe(0);
  });

  it('shows a page as {kind:"article", ...} with its canonical URL and summary', async () => {
    const a = await app(true);
    const preview = await previewInput(a, web.url('/page'));
    expect(preview).toMatchObject({
      kind: 'article',
      title: 'Data act agreed',
      source: 'Wire',
      canonicalUrl: web.url('/news/data-act'),
      id: expect.stringMatching(/^[a-f0-9]{16}$/),
    });
    expect(String(preview.text)).toContain('connected devices generate');
    expect(String(preview.summary).length).toBeGreaterThan(20);
  });

  it('refuses a loopback URL without ALLOW_PRIVATE_NETWORKS', async () => {
    const a = await app(false);
    await expect(previewInput(a, web.url('/feed'))).rejects.toMatchObject({
      message: expect.stringMatching(/127\.0\.0\.1 is not a public address/),
      // The operator's CLI prints the detail under the message.
      details: { detail: expect.stringMatching(/refused: 127\.0\.0\.1 is a loopback address/) },
    });
  });

  it('runs as a CLI verb on a local file and prints JSON', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'preview', 'tests/fixtures/feeds/rdf.xml', '--json'],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        env: { ...process.env, STORE_URL: `sqlite://${join(dir, 'cli-spawn.sqlite')}`, LOG_LEVEL: 'silent' },
      },
    );
    expect(JSON.parse(stdout)).toEqual({
      kind: 'feed',
      title: 'RDF Wire',
      link: 'https://rdf.example/',
      format: 'rdf',
      items: [
        {
          title: 'Spectrum auction',
          url: 'https://rdf.example/a',
          id: 'https://rdf.example/a',
          publishedAt: '2017-06-15T17:29:47.000Z',
          summary: null,
          author: null,
        },
      ],
    });
  });
});

describe('policywire ingest <url> goes through the guarded fetcher', () => {
  it('refuses loopback without ALLOW_PRIVATE_NETWORKS and reads it with it', async () => {
    const closed = await app(false);
    const refused = await ingestInputs([web.url('/page')], {
      writer: closed.core.writer,
      fetchLimits: closed.fetchLimits,
      logger: createSilentLogger(),
    });
    expect(refused.items[0]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/refused: 127\.0\.0\.1 is a loopback address/),
    });
    const open = await app(true);
    const read = await ingestInputs([web.url('/page')], {
      writer: open.core.writer,
      fetchLimits: open.fetchLimits,
      fetcher: open.fetcher,
      logger: createSilentLogger(),
    });
    expect(read.items[0]).toMatchObject({ status: 'added', title: 'Data act agreed' });
  });
});
