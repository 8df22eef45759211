import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { previewInput } from '../../src/cli/preview-verb.ts';
import { parseConfig } from '../../src/config.ts';
import { MAX_HEADLINE_CHARS } from '../../src/core/text/headline.ts';
import { ingestInputs } from '../../src/ingest/ingest-inputs.ts';
import { type App, createApp } from '../../src/main.ts';
import { runCli } from '../helpers/cli.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { tempDir } from '../helpers/temp-store.ts';

const PROSE =
  'Lawmakers agreed the final text of the data act on Thursday after months of talks, setting new rules for who may use the data that connected devices generate. ';

/** A local article page with this <title> (and og:title, when given) and og:site_name. */
function page(name: string, title: string, siteName: string, ogTitle?: string): string {
  const path = join(temp.dir, name);
  const og = ogTitle === undefined ? '' : `<meta property="og:title" content="${ogTitle}">`;
  writeFileSync(
    path,
    `<!doctype html><html lang="en"><head><title>${title}</title>${og}<meta property="og:site_name" content="${siteName}"></head>
<body><article><h1>Data act agreed</h1><p>${PROSE.repeat(5)}</p></article></body></html>`,
  );
  return path;
}

const temp = tempDir('pw-preview-card-');
let app: App;
beforeAll(async () => {
  app = await createApp(
    parseConfig({ STORE_URL: `sqlite://${join(temp.dir, 'store.sqlite')}`, SEED_SAMPLES: 'false' }),
    createSilentLogger(),
    { storePrefix: 'card' },
  );
});
afterAll(async () => {
  await app.close();
  temp.cleanup();
});

describe('policywire preview shows the headline and outlet the article writer stores', () => {
  it('cuts "| WIRED" from a local page whose og:site_name is WIRED', () => {
    // Readability already cuts a <title>'s suffix; an og:title it takes as the page states it.
    const title = 'Senators agree the data act | WIRED';
    const path = page('wired.html', title, 'WIRED', title);
    const result = runCli(['preview', path, '--json'], {
      STORE_URL: `sqlite://${join(temp.dir, 'cli.sqlite')}`,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      kind: 'article',
      title: 'Senators agree the data act',
      source: 'WIRED',
    });
  });

  it('names the outlet by host when the page gives a URL as its site name', async () => {
    const preview = await previewInput(
      app,
      page('url-outlet.html', 'Data act agreed', 'https://www.wired.com/'),
    );
    expect(preview.source).toBe('wired.com');
  });

  it('bounds an overlong title to a headline', async () => {
    const preview = await previewInput(app, page('run-on.html', 'word '.repeat(30_000), 'Wire'));
    expect(String(preview.title).length).toBeLessThanOrEqual(MAX_HEADLINE_CHARS);
    expect(String(preview.title).endsWith('…')).toBe(true);
  });

  it.each([
    ['a site-name suffix in <title>', 'Senators agree the data act | WIRED', 'WIRED', undefined],
    ['a site-name suffix in og:title', 'Senators agree', 'WIRED', 'Senators agree the data act | WIRED'],
    // Too short a headline to tell from "Wired | Wired": the writer keeps it whole, and so does preview.
    ['a two-word headline before the suffix', 'Story headline | WIRED', 'WIRED', 'Story headline | WIRED'],
    ['a URL as outlet', 'Data act agreed', 'https://www.wired.com/', undefined],
    ['a run-on title', 'word '.repeat(30_000), 'Wire', undefined],
  ])('agrees with what ingest stores for a page with %s', async (label, title, siteName, ogTitle) => {
    const path = page(`agree-${label.replace(/\W+/g, '-')}.html`, title, siteName, ogTitle);
    const preview = await previewInput(app, path);
    const report = await ingestInputs([path], {
      writer: app.core.writer,
      fetchLimits: app.fetchLimits,
      logger: createSilentLogger(),
    });
    const stored = await app.stores.articles.get(report.items[0]!.id!);
    expect(stored).toBeDefined();
    expect(preview).toMatchObject({
      id: stored!.id,
      canonicalUrl: stored!.canonicalUrl,
      title: stored!.title,
      source: stored!.source,
      summary: stored!.summary,
    });
  });
});

describe('policywire preview of a local article file extracts it once', () => {
  // Readability runs once per page extraction: counting its passes (calling through) counts ours.
  const passes = vi.spyOn(Readability.prototype, 'parse');
  afterAll(() => passes.mockRestore());

  it('reads an .html page with one pass of the extractor', async () => {
    const path = page('once.html', 'Data act agreed', 'Wire');
    passes.mockClear();
    expect(await previewInput(app, path)).toMatchObject({ kind: 'article', title: 'Data act agreed' });
    expect(passes).toHaveBeenCalledTimes(1);
  });

  it('reads a .txt scrape as text, without extracting it as HTML first', async () => {
    const path = join(temp.dir, 'once.txt');
    writeFileSync(path, `Data act agreed\n\n${PROSE.repeat(4)}\n`);
    passes.mockClear();
    expect(await previewInput(app, path)).toMatchObject({ kind: 'article', title: 'Data act agreed' });
    expect(passes).not.toHaveBeenCalled();
  });
});
