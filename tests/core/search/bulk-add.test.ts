import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInvertedIndex, loadInvertedIndex } from '../../../src/core/search/inverted-index.ts';
import { readSnapshotFile, writeSnapshotFile } from '../../../src/core/search/snapshot-file.ts';
import { makeArticle, NOW } from '../../helpers/articles.ts';
import { randomArticles } from '../../helpers/random-articles.ts';

const QUERIES = [
  'privacy',
  'huawei chips',
  'court fine regulator',
  '"export control"',
  'securty',
  'elect',
  'cloud -breach',
];

describe('bulk add', () => {
  it('answers exactly as adding the articles one by one, re-adds included', () => {
    const articles = randomArticles(600);
    const edited = { ...articles[3]!, title: 'huawei chips ruling' };
    const single = createInvertedIndex();
    for (const article of [...articles, edited]) single.add(article);
    const bulk = createInvertedIndex();
    bulk.addAll(articles.slice(0, 250));
    bulk.addAll([...articles.slice(250), edited]);
    expect(bulk.size).toBe(single.size);
    for (const owner of ['console:local', 'slack:T1']) {
      for (const query of QUERIES) {
        const options = { owner, limit: 20, now: NOW };
        expect(bulk.search(query, options), query).toEqual(single.search(query, options));
      }
    }
  });

  it('keeps answering the same after a bulk add, a single add and a save and load', async () => {
    const articles = randomArticles(300);
    const index = createInvertedIndex();
    index.addAll(articles.slice(0, 299));
    index.add(articles[299]!);
    const dir = mkdtempSync(join(tmpdir(), 'pw-bulk-'));
    const path = join(dir, 'index');
    await writeSnapshotFile(path, index.capture('epoch'));
    const { index: loaded } = loadInvertedIndex((await readSnapshotFile(path))!);
    rmSync(dir, { recursive: true, force: true });
    for (const query of QUERIES) {
      const options = { owner: 'console:local', limit: 10, now: NOW };
      expect(loaded.search(query, options), query).toEqual(index.search(query, options));
    }
  });
});

describe('saturated frequencies', () => {
  it('still finds phrases and later postings after a word repeated past what its frequency can hold', async () => {
    const heavy = makeArticle('heavy', {
      title: 'spectrum spectrum spectrum spectrum spectrum spectrum spectrum spectrum spectrum auction',
      text: `${'spectrum '.repeat(1500)}auction rules`,
    });
    const light = makeArticle('light', {
      title: 'Spectrum auction rules',
      text: 'The spectrum auction rules.',
    });
    const single = createInvertedIndex();
    single.add(heavy);
    single.add(light);
    const bulk = createInvertedIndex();
    bulk.addAll([heavy, light]);
    const dir = mkdtempSync(join(tmpdir(), 'pw-bulk-'));
    const path = join(dir, 'index');
    await writeSnapshotFile(path, bulk.capture('epoch'));
    const { index: loaded } = loadInvertedIndex((await readSnapshotFile(path))!);
    rmSync(dir, { recursive: true, force: true });
    for (const index of [single, bulk, loaded]) {
      const options = { owner: 'console:local', limit: 5, now: NOW };
      expect(
        index
          .search('"spectrum auction rules"', options)
          .hits.map((h) => h.id)
          .sort(),
      ).toEqual([heavy.id, light.id].sort());
      expect(index.search('"auction rules"', options).total).toBe(2);
      expect(index.search('spectrum', options).total).toBe(2);
    }
  });
});
