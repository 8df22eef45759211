import { describe, expect, it } from 'vitest';
import { createInvertedIndex } from '../../../src/core/search/inverted-index.ts';
import { UserError } from '../../../src/errors.ts';
import { makeArticle, NOW } from '../../helpers/articles.ts';

const OWNER = 'console:local';
const ask = (index: ReturnType<typeof createInvertedIndex>, query: string, limit = 10, offset = 0) =>
  index.search(query, { owner: OWNER, limit, offset, now: NOW });

function corpus() {
  const index = createInvertedIndex();
  const articles = [
    makeArticle('huawei-ban', {
      title: 'UK orders Huawei out of 5G networks',
      text: 'Britain told telecom operators to remove Huawei equipment from 5G networks by 2027, citing security.',
      topics: ['huawei', '5g-telecom-security', 'jurisdiction:uk'],
      source: 'London Ledger',
    }),
    makeArticle('huawei-body', {
      title: 'Smartphone shipments fall',
      text: 'Global smartphone shipments fell. Apple and Samsung led; Huawei was fifth in the quarter.',
      source: 'Tech Ledger',
    }),
    makeArticle('export', {
      title: 'Commerce tightens export controls on AI chips',
      text: 'The Bureau of Industry and Security expanded export controls on advanced chips sold to China.',
      topics: ['export-controls-chips', 'agency:bis', 'jurisdiction:us'],
      source: 'Policy Post',
      publishedAt: '2026-10-31T09:00:00Z',
    }),
    makeArticle('scattered', {
      title: 'Chip makers report earnings',
      text: 'Controls on costs helped margins. Export sales grew in Asia while domestic demand slowed.',
      source: 'Tech Ledger',
      publishedAt: '2026-09-01T09:00:00Z',
    }),
    makeArticle('forgotten', {
      title: 'Court rules on the right to be forgotten',
      text: 'Europe’s top court said the right to be forgotten applies only within the EU.',
      topics: ['privacy-data-protection', 'jurisdiction:eu'],
      source: 'Brussels Brief',
      publishedAt: '2026-06-01T09:00:00Z',
    }),
    makeArticle('policies', {
      title: 'New privacy policies for apps',
      text: 'App makers must publish privacy policies describing the personal data they collect.',
      source: 'Brussels Brief',
    }),
  ];
  for (const article of articles) index.add(article);
  const ids = Object.fromEntries(articles.map((a) => [a.contentHash, a.id]));
  return { index, ids };
}

describe('inverted index', () => {
  it('ranks a title match above a passing body mention (BM25F field weights)', () => {
    const { index, ids } = corpus();
    const result = ask(index, 'huawei');
    expect(result.total).toBe(2);
    expect(result.hits.map((h) => h.id)).toEqual([ids['huawei-ban'], ids['huawei-body']]);
  });

  it('matches inflections through stemming: "policy" finds "policies"', () => {
    const { index, ids } = corpus();
    expect(ask(index, 'policy').hits.map((h) => h.id)).toEqual([ids.policies]);
  });

  it('finds Huawei when the user types "huwei" and suggests the spelling', () => {
    const { index, ids } = corpus();
    const result = ask(index, 'huwei');
    expect(result.hits[0]?.id).toBe(ids['huawei-ban']);
    expect(result.suggestion).toBe('huawei');
  });

  it('completes a prefix: "huaw" finds Huawei', () => {
    const { index, ids } = corpus();
    expect(ask(index, 'huaw').hits[0]?.id).toBe(ids['huawei-ban']);
  });

  it('requires quoted phrases to appear in order, counting stop words as gaps', () => {
    const { index, ids } = corpus();
    expect(ask(index, 'export controls').total).toBe(2);
    expect(ask(index, '"export controls"').hits.map((h) => h.id)).toEqual([ids.export]);
    expect(ask(index, '"right to be forgotten"').hits.map((h) => h.id)).toEqual([ids.forgotten]);
    expect(ask(index, '"forgotten right"').total).toBe(0);
  });

  it('given a phrase whose words appear only out of order, counts those articles as matching before filters', () => {
    const { index } = corpus();
    const result = ask(index, '"controls export"');
    expect(result.total).toBe(0);
    expect(result.beforeFilters).toBe(2);
    const filtered = ask(index, '"export controls" since:7d');
    expect(filtered.total).toBe(1);
    expect(filtered.beforeFilters).toBe(2);
    expect(ask(index, '"export controls" before:2026-10-01').total).toBe(0);
  });

  it('ranks a phrase’s matches as the same words unquoted would, counting tenants’ and filtered matches apart', () => {
    const index = createInvertedIndex();
    const doc = (key: string, text: string, fields: Parameters<typeof makeArticle>[1] = {}) => {
      const article = makeArticle(key, { title: `Report ${key}`, text, ...fields });
      index.add(article);
      return article.id;
    };
    const inOrder = [
      doc('a', 'Cloud security spending rose as cloud security rules took effect.'),
      doc('b', 'New cloud security guidance for agencies.', { publishedAt: '2026-10-31T09:00:00Z' }),
      doc('c', 'Firms weigh cloud security costs.', { publishedAt: '2025-01-01T09:00:00Z' }),
    ];
    const hidden = doc('d', 'Our cloud security memo.', { owners: ['slack:TONE'] });
    doc('e', 'Security in the cloud is a shared duty.');
    doc('f', 'The security of cloud systems was debated.');
    const phrase = ask(index, '"cloud security"');
    expect(phrase.total).toBe(3);
    expect(phrase.beforeFilters).toBe(5);
    expect(phrase.hits.map((h) => h.id).sort()).toEqual([...inOrder].sort());
    const words = new Map(ask(index, 'cloud security').hits.map((h) => [h.id, h.score]));
    for (const hit of phrase.hits) expect(hit.score).toBe(words.get(hit.id));
    const own = index.search('"cloud security"', { owner: 'slack:TONE', limit: 10, now: NOW });
    expect(own.hits.map((h) => h.id)).toContain(hidden);
    expect([own.total, own.beforeFilters]).toEqual([4, 6]);
    expect(ask(index, '"cloud security" since:30d').total).toBe(2);
  });

  it('drops articles with an excluded word or phrase', () => {
    const { index, ids } = corpus();
    expect(ask(index, 'huawei -smartphone').hits.map((h) => h.id)).toEqual([ids['huawei-ban']]);
    expect(ask(index, 'export -"export controls"').hits.map((h) => h.id)).toEqual([ids.scattered]);
  });

  it('filters by since: and before: relative to now and by date', () => {
    const { index, ids } = corpus();
    expect(ask(index, 'export since:7d').hits.map((h) => h.id)).toEqual([ids.export]);
    expect(ask(index, 'export before:2026-10-01').hits.map((h) => h.id)).toEqual([ids.scattered]);
    expect(ask(index, 'forgotten since:30d').total).toBe(0);
    expect(ask(index, 'forgotten since:30d').beforeFilters).toBe(1);
  });

  it('filters by source, topic, jurisdiction and agency tags', () => {
    const { index, ids } = corpus();
    expect(ask(index, 'huawei source:london').hits.map((h) => h.id)).toEqual([ids['huawei-ban']]);
    expect(ask(index, 'source:"brussels brief"').total).toBe(2);
    expect(ask(index, 'topic:huawei').hits.map((h) => h.id)).toEqual([ids['huawei-ban']]);
    expect(ask(index, 'jurisdiction:eu').hits.map((h) => h.id)).toEqual([ids.forgotten]);
    expect(ask(index, 'chips agency:bis').hits.map((h) => h.id)).toEqual([ids.export]);
  });

  it('lists filter-only queries newest first', () => {
    const { index, ids } = corpus();
    const hits = ask(index, 'source:ledger').hits.map((h) => h.id);
    // The two Huawei articles share a date; the September one is oldest and comes last.
    expect(hits.slice(0, 2).sort()).toEqual([ids['huawei-ban'], ids['huawei-body']].sort());
    expect(hits[2]).toBe(ids.scattered);
  });

  it('matches a tenant topic by its alias phrases, for old articles too', () => {
    const { index, ids } = corpus();
    const result = index.search('topic:rtbf', {
      owner: OWNER,
      limit: 5,
      now: NOW,
      topicAliases: new Map([['rtbf', ['right to be forgotten', 'erasure request']]]),
    });
    expect(result.hits.map((h) => h.id)).toEqual([ids.forgotten]);
  });

  it('blends recency: of two equally relevant articles the newer ranks first', () => {
    const index = createInvertedIndex();
    const old = makeArticle('old', {
      title: 'Spectrum auction',
      text: 'The spectrum auction raised money.',
      publishedAt: '2025-01-01T00:00:00Z',
    });
    const fresh = makeArticle('fresh', {
      title: 'Spectrum auction',
      text: 'The spectrum auction raised money.',
      publishedAt: '2026-10-31T00:00:00Z',
    });
    index.add(old);
    index.add(fresh);
    const hits = ask(index, 'spectrum').hits;
    expect(hits.map((h) => h.id)).toEqual([fresh.id, old.id]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('gives an undated article no recency lift, so a dated story beats it at equal relevance', () => {
    const index = createInvertedIndex();
    // Fetched this very moment, which the old rule read as brand-new news.
    const undated = makeArticle('undated', {
      title: 'Spectrum auction',
      text: 'The spectrum auction raised money.',
      publishedAt: undefined,
      fetchedAt: NOW.toISOString(),
    });
    const dated = makeArticle('dated', {
      title: 'Spectrum auction',
      text: 'The spectrum auction raised money.',
      publishedAt: new Date(NOW.getTime() - 20 * 86_400_000).toISOString(),
    });
    index.add(undated);
    index.add(dated);
    const hits = ask(index, 'spectrum').hits;
    expect(hits.map((h) => h.id)).toEqual([dated.id, undated.id]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('pages with offset and counts every match in total', () => {
    const index = createInvertedIndex();
    for (let i = 0; i < 12; i++)
      index.add(makeArticle(`p${i}`, { title: `Antitrust case ${i}`, text: 'An antitrust case.' }));
    const first = ask(index, 'antitrust', 5, 0);
    const third = ask(index, 'antitrust', 5, 10);
    expect(first.total).toBe(12);
    expect(first.hits).toHaveLength(5);
    expect(third.hits).toHaveLength(2);
    expect(new Set([...first.hits, ...third.hits].map((h) => h.id)).size).toBe(7);
  });

  it('never shows a tenant another tenant’s private articles', () => {
    const index = createInvertedIndex();
    index.add(makeArticle('mine', { title: 'Spectrum memo', owners: ['slack:T1'] }));
    index.add(makeArticle('theirs', { title: 'Spectrum memo two', owners: ['slack:T2'] }));
    const result = index.search('spectrum', { owner: 'slack:T1', limit: 5, now: NOW });
    expect(result.total).toBe(1);
    expect(result.hits[0]?.id).toBe(makeArticle('mine').id);
  });

  it('replaces an article on re-add and forgets it on remove, compacting after many removals', () => {
    const index = createInvertedIndex();
    const article = makeArticle('edit', { title: 'Draft title about tariffs' });
    index.add(article);
    index.add({ ...article, title: 'Final title about spectrum' });
    expect(ask(index, 'tariffs').total).toBe(0);
    expect(ask(index, 'spectrum').total).toBe(1);
    expect(index.size).toBe(1);
    for (let i = 0; i < 3000; i++) index.add(makeArticle(`bulk${i}`, { title: `Bulk ${i} spectrum` }));
    for (let i = 0; i < 2500; i++) index.remove(makeArticle(`bulk${i}`).id);
    expect(index.size).toBe(501);
    expect(ask(index, 'spectrum').total).toBe(501);
    expect(index.stats().deadDocuments).toBeLessThan(1000);
  });

  it('ranks articles with some of the words when none has all, and says so', () => {
    const { index } = corpus();
    const result = ask(index, 'huawei forgotten');
    expect(result.relaxed).toBe(true);
    expect(result.total).toBe(3);
  });

  it('ranks a strong match missing one query word above a page that has every word only in passing', () => {
    const index = createInvertedIndex();
    const add = (key: string, title: string, text: string) => {
      const article = makeArticle(key, { title, text });
      index.add(article);
      return article.id;
    };
    const filler = 'Weather, sport, markets, travel, recipes and puzzles for the weekend. '.repeat(30);
    const passing = add(
      'passing',
      'Weekend roundup',
      `${filler} Wrongful dismissal claims. Arrest warrants. Facial cream. Speech recognition apps.`,
    );
    const strong = add(
      'strong',
      'Facial recognition led police to arrest an innocent man',
      'A facial recognition match led to the arrest of a man who had never been to the store.',
    );
    // The same story with one more of the words: more words matched ranks first at equal wording.
    const stronger = add(
      'stronger',
      'Facial recognition led police to a wrongful arrest',
      'A facial recognition match led to the arrest of a man who had never been to the store.',
    );
    add('none', 'Spectrum auction raises billions', 'The FCC auction closed on Friday.');
    const result = ask(index, 'facial recognition wrongful arrest');
    const ids = result.hits.map((h) => h.id);
    expect(ids.slice(0, 2)).toEqual([stronger, strong]);
    expect(ids).toContain(passing);
    // total counts the articles with every word; the others are shown, not counted as matches.
    expect(result.total).toBe(2);
    expect(result.relaxed).toBeUndefined();
  });

  it.each([30, 31, 32])('counts an article holding every one of %i query words as a full match', (count) => {
    const index = createInvertedIndex();
    // Letters only, so the analyzer keeps each as its own term (no digits, no stemming clash).
    const words = Array.from(
      { length: count },
      (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`,
    );
    const all = makeArticle('all', { title: 'Every word', text: `${words.join(' ')}.` });
    index.add(all);
    index.add(makeArticle('some', { title: 'Some words', text: `${words.slice(0, 3).join(' ')}.` }));
    const result = ask(index, words.join(' '));
    expect(result.total).toBe(1);
    expect(result.relaxed).toBeUndefined();
    expect(result.hits[0]?.id).toBe(all.id);
  });

  it('ignores a word found nowhere but still answers for the others', () => {
    const { index, ids } = corpus();
    const result = ask(index, 'huawei zzqqxx');
    expect(result.ignored).toEqual(['zzqqxx']);
    expect(result.hits[0]?.id).toBe(ids['huawei-ban']);
  });

  describe('adversarial queries never crash', () => {
    const { index } = corpus();
    it.each([
      ['empty', ''],
      ['only spaces', '    '],
      ['only emoji', '🙂🙃🔥'],
      ['regex metacharacters', `.*+?^$\u007b}()|[]\\ (a|b)* [^x]`],
      ['unbalanced quotes', '"export controls'],
      ['a dash alone', '-'],
      ['a filter with no value', 'since: topic:'],
      ['zero-width and RTL marks', '\u200b\u200f\u202e huawei'],
      ['null bytes', 'huawei\u0000export'],
    ])('%s', (_name, query) => {
      expect(() => ask(index, query)).not.toThrow();
      expect(ask(index, query).total).toBeGreaterThanOrEqual(0);
    });

    it('a 10,000-character query answers in bounded time', () => {
      const query = 'huawei '.repeat(1500).slice(0, 10_000);
      const started = performance.now();
      const result = ask(index, query);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(result.total).toBe(2);
    });

    it('only emoji explains that nothing was searchable', () => {
      expect(ask(index, '🙂🙃').problem).toMatch(/no words/);
    });

    it('Unicode words are searchable', () => {
      const local = createInvertedIndex();
      local.add(
        makeArticle('de', {
          title: 'Bundeskartellamt prüft Übernahme',
          text: 'Die Behörde prüft die Übernahme.',
        }),
      );
      local.add(makeArticle('zh', { title: '华为 发布 新 手机', text: '华为 发布 新 手机' }));
      expect(ask(local, 'ubernahme').total).toBe(1);
      expect(ask(local, 'Übernahme').total).toBe(1);
      expect(ask(local, '华为').total).toBe(1);
    });

    it('a malformed filter value is a UserError that says how to fix it', () => {
      expect(() => ask(index, 'huawei since:yesterday')).toThrow(UserError);
      expect(() => ask(index, 'huawei since:yesterday')).toThrow(/since:yesterday/);
      try {
        ask(index, 'before:soon');
      } catch (error) {
        expect((error as UserError).hint).toMatch(/before:7d/);
      }
    });
  });
});
