import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/core/article.ts';
import type { Stores } from '../../../src/core/ports/stores.ts';
import { openPersistentIndex } from '../../../src/core/search/index-persistence.ts';
import { createInvertedIndex, type InvertedIndex } from '../../../src/core/search/inverted-index.ts';
import { createStores } from '../../../src/core/store/open-stores.ts';
import { createLogger } from '../../../src/logger.ts';
import { makeArticle, NOW } from '../../helpers/articles.ts';

const logger = createLogger('silent');
const dirs: string[] = [];
const opened: Stores[] = [];

afterEach(async () => {
  for (const stores of opened.splice(0)) await stores.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function openStore(dir?: string): Promise<{ stores: Stores; dir: string }> {
  const where = dir ?? mkdtempSync(join(tmpdir(), 'pw-snapshot-'));
  if (!dir) dirs.push(where);
  const stores = await createStores({
    url: `sqlite://${join(where, 'store.sqlite')}`,
    prefix: `s${process.pid}`,
    logger,
  });
  opened.push(stores);
  return { stores, dir: where };
}

const open = (stores: Stores) =>
  openPersistentIndex({
    articles: stores.articles,
    logger,
    ...(stores.indexSnapshotPath ? { snapshotPath: stores.indexSnapshotPath } : {}),
  });

function corpus(): Article[] {
  const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
  return [
    makeArticle('huawei', {
      title: 'Huawei faces new 5G restrictions in Europe',
      text: 'Several governments moved to restrict Huawei equipment in 5G networks, citing security concerns.',
      source: 'Wired',
      publishedAt: day(1),
      topics: ['jurisdiction:eu'],
    }),
    makeArticle('gdpr', {
      title: 'Regulator fines platform under GDPR',
      text: 'The data protection authority issued a record GDPR fine over unlawful transfers of personal data.',
      source: 'The Register',
      publishedAt: day(3),
      topics: ['jurisdiction:eu', 'privacy'],
    }),
    makeArticle('antitrust', {
      title: 'FTC sues over chip merger',
      text: 'The Federal Trade Commission filed an antitrust suit to block the semiconductor merger.',
      source: 'Reuters',
      publishedAt: day(10),
      topics: ['agency:ftc', 'jurisdiction:us'],
    }),
    makeArticle('memo', {
      title: 'Internal memo on semiconductor export controls',
      text: 'Our team reviewed the export controls and the Zephyrion programme for chips.',
      source: 'Team notes',
      publishedAt: day(2),
      owners: ['slack:TONE'],
    }),
    makeArticle('privacy', {
      title: 'Privacy law advances in the Senate',
      text: 'A federal privacy law with a right to be forgotten advanced; facial recognition limits were added.',
      source: 'Wired',
      publishedAt: day(40),
      topics: ['privacy', 'jurisdiction:us'],
    }),
  ];
}

const QUERIES = [
  'huawei',
  'semiconductor',
  '"export controls"',
  '"right to be forgotten"',
  'privacy since:7d',
  'privacy source:wired',
  'fine topic:privacy',
  'jurisdiction:us',
  'huwaei',
  'semicond',
  'zephyrion',
  'chips -merger',
];

function answers(index: InvertedIndex, owner = '*') {
  return QUERIES.map((query) => {
    const result = index.search(query, { owner, limit: 10, now: NOW });
    return {
      query,
      total: result.total,
      suggestion: result.suggestion,
      hits: result.hits.map((h) => `${h.id}:${h.score.toFixed(9)}`),
    };
  });
}

function freshIndex(articles: Article[]): InvertedIndex {
  const index = createInvertedIndex();
  for (const article of articles) index.add(article);
  return index;
}

async function saved(articles: Article[]) {
  const { stores, dir } = await openStore();
  for (const article of articles) await stores.articles.put(article);
  const first = await open(stores);
  expect(first.report.mode).toBe('rebuilt');
  await first.close();
  return { stores, dir, path: stores.indexSnapshotPath! };
}

describe('saved search index', () => {
  it('a store rebuilt once and saved loads at the next start with answers identical to a fresh build', async () => {
    const articles = corpus();
    const { stores } = await saved(articles);
    const again = await open(stores);
    expect(again.report).toMatchObject({ mode: 'loaded', articles: 5, reconciled: 0 });
    const fresh = freshIndex(articles);
    for (const owner of ['*', 'slack:TONE', 'slack:TTWO']) {
      expect(answers(again.index, owner)).toEqual(answers(fresh, owner));
    }
    expect(answers(again.index).find((a) => a.query === 'huawei')?.total).toBe(1);
  });

  it('articles edited, added and deleted after the save are reconciled at start-up', async () => {
    const articles = corpus();
    const { stores } = await saved(articles);
    const [huawei, gdpr, antitrust, memo, privacy] = articles as [
      Article,
      Article,
      Article,
      Article,
      Article,
    ];
    const edited = {
      ...gdpr,
      title: 'Regulator drops GDPR case',
      text: 'The authority closed the spectrum case.',
    };
    const added = makeArticle('tiktok', {
      title: 'TikTok ban upheld',
      text: 'The court upheld the TikTok ban on national security grounds.',
      publishedAt: '2026-10-31T08:00:00Z',
    });
    await stores.articles.put(edited);
    await stores.articles.put(added);
    await stores.articles.delete(antitrust.id);

    const again = await open(stores);
    expect(again.report).toMatchObject({ mode: 'loaded', articles: 5, reconciled: 3 });
    const search = (q: string) => again.index.search(q, { owner: '*', limit: 5, now: NOW });
    expect(search('fine').total).toBe(0);
    expect(search('spectrum').hits.map((h) => h.id)).toEqual([edited.id]);
    expect(search('tiktok').hits.map((h) => h.id)).toEqual([added.id]);
    expect(search('merger').total).toBe(0);
    expect(answers(again.index)).toEqual(answers(freshIndex([huawei, edited, memo, privacy, added])));
  });

  it('an article saved to a loaded index is searchable and survives the next save and load', async () => {
    const { stores } = await saved(corpus());
    const loaded = await open(stores);
    const added = makeArticle('quantum', { title: 'Quantum computing export rules', text: 'Quantum rules.' });
    await stores.articles.put(added);
    loaded.index.add(added);
    loaded.changed();
    expect(loaded.index.search('quantum', { owner: '*', limit: 5, now: NOW }).total).toBe(1);
    await loaded.close();
    const again = await open(stores);
    expect(again.report).toMatchObject({ mode: 'loaded', reconciled: 0, articles: 6 });
    expect(again.index.search('quantum export', { owner: '*', limit: 5, now: NOW }).hits[0]?.id).toBe(
      added.id,
    );
  });

  it('changes are saved once they pause, without waiting for shutdown', async () => {
    const { stores } = await saved(corpus());
    const loaded = await openPersistentIndex({
      articles: stores.articles,
      logger,
      snapshotPath: stores.indexSnapshotPath!,
      saveDelayMs: 20,
    });
    const added = makeArticle('satellite', { title: 'Satellite spectrum auction', text: 'Spectrum.' });
    await stores.articles.put(added);
    loaded.index.add(added);
    loaded.changed();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Not closed: the debounced save alone must have written the file the next start loads.
    const again = await open(stores);
    expect(again.report).toMatchObject({ mode: 'loaded', reconciled: 0, articles: 6 });
  });

  it.each([
    ['a flipped byte', (bytes: Buffer) => bytes.fill(0x55, 200, 210), /checksum/],
    ['a truncated file', (bytes: Buffer) => bytes.subarray(0, bytes.length - 7), /truncated/],
    ['another index version', (bytes: Buffer) => bytes.fill(99, 8, 9), /version 99/],
    ['garbage', () => Buffer.from('not an index at all, just some text'), /not a search index/],
  ])('given %s, the saved index is ignored and rebuilt from the store', async (_, damage, reason) => {
    const articles = corpus();
    const { stores, path } = await saved(articles);
    writeFileSync(path, damage(readFileSync(path)));
    const again = await open(stores);
    expect(again.report.mode).toBe('rebuilt');
    expect(again.report.reason).toMatch(reason);
    expect(answers(again.index)).toEqual(answers(freshIndex(articles)));
    await again.close();
    expect((await open(stores)).report.mode).toBe('loaded');
  });

  it('a saved index of another store is not trusted, even beside a store with the same articles', async () => {
    const articles = corpus();
    const first = await saved(articles);
    const { stores } = await openStore();
    for (const article of articles.slice(0, 2)) await stores.articles.put(article);
    await (await open(stores)).close();
    copyFileSync(first.path, stores.indexSnapshotPath!);
    const again = await open(stores);
    expect(again.report).toMatchObject({ mode: 'rebuilt', articles: 2 });
  });

  it('after loading, a tenant still never sees or is offered another tenant’s article', async () => {
    const { stores } = await saved(corpus());
    const loaded = await open(stores);
    const other = { owner: 'slack:TTWO', limit: 5, now: NOW };
    const zephyrion = loaded.index.search('zephyrion', other);
    expect(zephyrion.hits).toEqual([]);
    expect(zephyrion.ignored).toEqual(['zephyrion']);
    expect(loaded.index.search('zephirion', other).suggestion).toBeUndefined();
    expect(loaded.index.search('memo', other).total).toBe(0);
    expect(loaded.index.search('zephirion', { ...other, owner: 'slack:TONE' }).hits).toHaveLength(1);
  });

  it('a store written before stamps existed is rebuilt once, stamped, and loads from then on', async () => {
    const articles = corpus();
    const { stores, dir } = await saved(articles);
    // Drop every stamp and the epoch, as in a store that predates them.
    const all = await stores.articles.stamps();
    await stores.articles.repairStamps(new Map([...all.stamps.keys()].map((id) => [id, undefined])), '');
    rmSync(stores.indexSnapshotPath!);
    const reopened = (await openStore(dir)).stores;
    const rebuilt = await open(reopened);
    expect(rebuilt.report.mode).toBe('rebuilt');
    await rebuilt.close();
    expect((await reopened.articles.stamps()).stamps.size).toBe(5);
    expect((await open(reopened)).report).toMatchObject({ mode: 'loaded', reconciled: 0 });
  });
});
