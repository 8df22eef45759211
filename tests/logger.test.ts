import { describe, expect, it } from 'vitest';
import { scrubUrlCredentials } from '../src/url-credentials.ts';
import { captureLogger } from './helpers/capture-logger.ts';

describe('logger', () => {
  it('never writes the password of a URL, wherever in the line it sits', () => {
    const { logger, text } = captureLogger('warn');
    const url = 'https://reader:hunter2@feeds.example/private.xml';
    logger.warn({ source: url, nested: { urls: [url] } }, `could not poll ${url}`);
    logger.error({ err: new Error(`GET ${url} failed`) }, 'poll failed');
    logger.child({ source: { url } }).warn('child logger line');
    logger.child({ part: 'poll' }).child({ source: url }).warn('grandchild logger line');
    logger.child({ source: { url } }).child({ part: 'x' }).warn('grandchild below a source');
    const written = text();
    expect(written).not.toContain('hunter2');
    expect(written).not.toContain('reader:');
    expect(written).toContain('https://[secret]@feeds.example/private.xml');
    expect(written.match(/\[secret\]@feeds\.example/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('scrubs a URL object, a class instance and a value nested past the walk', () => {
    const { logger, text } = captureLogger('warn');
    const url = 'https://reader:hunter2@feeds.example/private.xml';
    class Job {
      constructor(readonly target: string) {}
    }
    logger.warn(
      { a: { b: { c: { d: { e: { f: url } } } } }, asUrl: new URL(url), job: new Job(url) },
      'deep',
    );
    const written = text();
    expect(written).not.toContain('hunter2');
    expect(written.match(/\[secret\]@feeds\.example/g)?.length).toBe(3);
  });

  it('leaves URLs without credentials and plain at-signs alone', () => {
    expect(scrubUrlCredentials('see https://feeds.example/a?x=1 and mail a@b.example')).toBe(
      'see https://feeds.example/a?x=1 and mail a@b.example',
    );
    expect(scrubUrlCredentials('redis://:s3cret@127.0.0.1:6379/0')).toBe('redis://[secret]@127.0.0.1:6379/0');
  });
});
