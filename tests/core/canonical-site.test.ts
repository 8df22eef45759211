import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, siteOf, trustedCanonical } from '../../src/core/canonical-url.ts';

describe('canonical URLs across sites', () => {
  it('drops tracking parameters and the fragment, lower-cases the host and sorts what is left', () => {
    expect(canonicalizeUrl('https://News.Example/a?utm_source=x&b=2&fbclid=y&a=1#top')).toBe(
      'https://news.example/a?a=1&b=2',
    );
  });

  it('trusts a rel=canonical on the same site, including another subdomain', () => {
    expect(trustedCanonical('https://feeds.example.com/x', 'https://www.example.com/story')).toBe(
      'https://www.example.com/story',
    );
    expect(trustedCanonical('https://www.bbc.co.uk/news/1', 'https://bbc.co.uk/news/1')).toBe(
      'https://bbc.co.uk/news/1',
    );
  });

  it('refuses a rel=canonical that claims another site’s URL', () => {
    expect(trustedCanonical('https://attacker.example/page', 'https://www.ftc.gov/news/x')).toBeUndefined();
    expect(trustedCanonical('https://evil.co.uk/page', 'https://bbc.co.uk/news/1')).toBeUndefined();
  });

  it('refuses a canonical that points at the home page of an article', () => {
    expect(trustedCanonical('https://example.com/news/1', 'https://example.com/')).toBeUndefined();
  });

  it('reduces host names to their site', () => {
    expect(siteOf('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('www.ftc.gov')).toBe('ftc.gov');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
  });
});
