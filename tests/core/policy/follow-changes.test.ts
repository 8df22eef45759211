import { describe, expect, it } from 'vitest';
import { detectChanges } from '../../../src/core/policy/follow-changes.ts';
import type { PolicyArticle } from '../../../src/core/policy/follow-match.ts';

const doc = (id: string, extra: Partial<PolicyArticle> = {}, closesOn?: string): PolicyArticle => ({
  id,
  url: `https://www.federalregister.gov/d/${id}`,
  canonicalUrl: `https://www.federalregister.gov/d/${id}`,
  title: `Document ${id}`,
  source: 'Federal Register',
  publishedAt: '2026-11-20T00:00:00Z',
  fetchedAt: '2026-11-20T00:00:00Z',
  updatedAt: '2026-11-20T00:00:00Z',
  text: 'Text.',
  summary: 'Text.',
  topics: [],
  language: 'en',
  owners: ['*'],
  contentHash: id,
  backlog: false,
  policy: {
    kind: 'proposed-rule',
    origin: 'federal-register',
    docketIds: ['FCC-2026-0412'],
    agencies: [],
    links: {},
    ...(closesOn ? { commentsCloseOn: closesOn } : {}),
  },
  ...extra,
});

describe('detectChanges', () => {
  it('takes in backlog documents silently and reports only documents that arrived as news', () => {
    const { changes, known } = detectChanges([doc('a1', { backlog: true }), doc('b2')], {});
    expect(changes.map((c) => c.key)).toEqual(['doc:b2']);
    expect(Object.keys(known).sort()).toEqual(['a1', 'b2']);
  });

  it('reports a comment period opened, then extended, once each', () => {
    const opened = detectChanges([doc('a1', {}, '2026-12-20')], { a1: {} });
    expect(opened.changes.map((c) => c.text)).toEqual([
      'Comment period opened on Document a1: comments close 20 Dec 2026.',
    ]);
    const extended = detectChanges([doc('a1', {}, '2027-01-10')], opened.known);
    expect(extended.changes.map((c) => c.text)).toEqual([
      'Comment period extended on Document a1: now closes 10 Jan 2027 (was 20 Dec 2026).',
    ]);
    expect(detectChanges([doc('a1', {}, '2027-01-10')], extended.known).changes).toEqual([]);
  });
});
