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
});
