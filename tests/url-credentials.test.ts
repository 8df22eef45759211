import { describe, expect, it } from 'vitest';
import { scrubUrlCredentials, withoutUserInfo } from '../src/url-credentials.ts';

describe('scrubUrlCredentials', () => {
  it('hides a raw password holding an at-sign up to the last one before the host', () => {
    expect(scrubUrlCredentials('GET https://u:p@ss@feeds.example/x failed')).toBe(
      'GET https://[secret]@feeds.example/x failed',
    );
  });

  it.each([
    ['?api_key=k1', '?api_key=[secret]'],
    ['?API_KEY=k1&x=1', '?API_KEY=[secret]&x=1'],
    ['?x=1&token=abc', '?x=1&token=[secret]'],
    ['?key=xyz', '?key=[secret]'],
    ['?access_token=t', '?access_token=[secret]'],
  ])('hides the value of a key-like query parameter %s', (query, expected) => {
    expect(scrubUrlCredentials(`https://api.example/v1${query}`)).toBe(`https://api.example/v1${expected}`);
  });

  it('leaves look-alike parameters alone', () => {
    const url = 'https://news.example/a?monkey=1&tokens=2&keyword=chips';
    expect(scrubUrlCredentials(url)).toBe(url);
  });
});

describe('withoutUserInfo', () => {
  it('drops the user name and password and keeps the rest of the address', () => {
    expect(withoutUserInfo('https://reader:hunter2@feeds.example:8443/items/1?a=b')).toBe(
      'https://feeds.example:8443/items/1?a=b',
    );
    expect(withoutUserInfo(new URL('http://only-user@feeds.example/'))).toBe('http://feeds.example/');
  });

  it('returns an address without credentials as it is, and scrubs what it cannot parse', () => {
    expect(withoutUserInfo('https://feeds.example/a')).toBe('https://feeds.example/a');
    expect(withoutUserInfo('not a url https://u:pw@x')).toBe('not a url https://[secret]@x');
  });
});
