import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/ingest/ingest-inputs.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore, SEED_SAMPLE } from '../helpers/temp-store.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
const limits = { timeoutMs: 2000, maxBytes: 1_000_000, userAgent: 'test' };
const fixtures = new URL('../fixtures/', import.meta.url).pathname;

describe('ingestInputs', () => {
  let t: TestCore;
  const run = (inputs: string[]) =>
    ingestInputs(inputs, { writer: t.core.writer, fetchLimits: limits, logger: createSilentLogger() });
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(async () => t.close());

  it('ingests the seed as one article titled by its first line, with the sidecar naming the outlet', async () => {
    const report = await run([SEED_SAMPLE]);
    expect(report).toMatchObject({ added: 1, updated: 0, skipped: 0, failed: 0 });
    expect(report.items[0]?.title).toBe('China slams ‘immoral’ spying claims');
    const article = await t.core.articles.get(report.items[0]!.id!);
    expect(article?.source).toBe('National Technology News');
    expect(article?.url.startsWith('file://')).toBe(true);
  });

  it('ingesting the same file twice skips the second time', async () => {
    await run([SEED_SAMPLE]);
    const second = await run([SEED_SAMPLE]);
    expect(second).toMatchObject({ added: 0, skipped: 1 });
  });

  it('walks a directory and reports one item per supported file', async () => {
    cpSync(join(fixtures, 'html/ftc-article.html'), join(t.dir, 'a.html'));
    cpSync(SEED_SAMPLE, join(t.dir, 'b.txt'));
    writeFileSync(join(t.dir, 'notes.md'), '# not ingested');
    const report = await run([t.dir]);
    expect(report.items.map((i) => i.status)).toEqual(['added', 'added']);
  });

  it('reports each bad input with its reason and goes on with the rest', async () => {
    const report = await run([
      join(fixtures, 'text/binary.txt'),
      join(fixtures, 'html/no-article.html'),
      join(t.dir, 'missing.txt'),
      join(fixtures, 'html/ftc-article.html'),
    ]);
    const reasons = Object.fromEntries(
      report.items.map((i) => [i.input.split('/').pop(), i.reason ?? i.status]),
    );
    expect(reasons['binary.txt']).toBe('binary file: expected text or HTML');
    expect(reasons['no-article.html']).toMatch(/no article found/);
    expect(reasons['missing.txt']).toMatch(/no such file or directory/);
    expect(reasons['ftc-article.html']).toBe('added');
    expect(report).toMatchObject({ added: 1, failed: 3 });
  });

  it('keys an HTML page by its rel=canonical URL without tracking parameters', async () => {
    const report = await run([join(fixtures, 'html/ftc-article.html')]);
    const article = await t.core.articles.get(report.items[0]!.id!);
    expect(article?.canonicalUrl).toBe('https://gazette.example/news/chip-export-inquiry');
    expect(article?.publishedAt).toBe('2026-11-28T09:30:00.000Z');
    expect(article?.author).toBe('Dana Whitfield');
  });

  const STORY =
    'The commission fined the company on Thursday for failing to protect the data of millions of its users, and ordered it to change how it asks for consent within six months.';

  it('dates a plain-text scrape by the byline line under its headline', async () => {
    writeFileSync(
      join(t.dir, 'byline.txt'),
      `EU fines chip maker\nBy Jane Doe\nNovember 20, 2026 10:30 AM UTC\n\n${STORY}\n`,
    );
    const report = await run([join(t.dir, 'byline.txt')]);
    const article = await t.core.articles.get(report.items[0]!.id!);
    expect(article?.publishedAt).toBe('2026-11-20T10:30:00.000Z');
  });

  it('dates an HTML page whose only date is a "Published 10.11.2026 at 16:20 CET" line', async () => {
    const page = `<!doctype html><html lang="en"><head><title>EU fines chip maker</title></head><body><article>
      <h1>EU fines chip maker</h1><p class="dateline">Published 10.11.2026 at 16:20 CET</p><p>${STORY}</p><p>${STORY}</p></article></body></html>`;
    writeFileSync(join(t.dir, 'dateline.html'), page);
    const report = await run([join(t.dir, 'dateline.html')]);
    const article = await t.core.articles.get(report.items[0]!.id!);
    expect(article?.publishedAt).toBe('2026-11-10T15:20:00.000Z');
  });

  it('stores an article with no findable date as undated, keeping the time it was first seen', async () => {
    writeFileSync(join(t.dir, 'undated.txt'), `EU fines chip maker\n\n${STORY}\n`);
    const report = await run([join(t.dir, 'undated.txt')]);
    const article = await t.core.articles.get(report.items[0]!.id!);
    expect(article?.publishedAt).toBeUndefined();
    expect(article?.fetchedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
