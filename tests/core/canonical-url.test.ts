import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, trustedCanonical } from '../../src/core/canonical-url.ts';

describe('canonicalizeUrl', () => {
  it('drops tracking parameters and the fragment, lower-cases the host and sorts what is left', () => {
    expect(
      canonicalizeUrl(
        'https://News.Example.COM:443/a/Story?utm_source=rss&b=2&fbclid=x&gclid=y&mc_cid=z&mc_eid=w&a=1#comments',
      ),
    ).toBe('https://news.example.com/a/Story?a=1&b=2');
    expect(canonicalizeUrl('https://x.example/p?wt_mc=rss.feed&at_medium=social&_ga=1')).toBe(
      'https://x.example/p',
    );
  });

  it('makes two URLs of one story the same', () => {
    expect(canonicalizeUrl('https://EXAMPLE.org/s?utm_campaign=a#top')).toBe(
      canonicalizeUrl('https://example.org/s'),
    );
  });

  it('keeps parameters that select content', () => {
    expect(canonicalizeUrl('https://example.org/article.php?id=42&page=2')).toBe(
      'https://example.org/article.php?id=42&page=2',
    );
  });
});

describe('trustedCanonical', () => {
  it('takes a page’s rel=canonical, resolved against the page', () => {
    expect(trustedCanonical('https://m.example/amp/s1', '/news/s1')).toBe('https://m.example/news/s1');
  });

  it('ignores a canonical that points an article at the home page, or at another scheme', () => {
    expect(trustedCanonical('https://example.org/news/s1', 'https://example.org/')).toBeUndefined();
    expect(trustedCanonical('https://example.org/news/s1', 'javascript:alert(1)')).toBeUndefined();
    expect(trustedCanonical('https://example.org/news/s1', undefined)).toBeUndefined();
  });
});
