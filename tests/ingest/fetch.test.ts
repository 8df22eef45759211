import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLimits } from '../../src/core/ports/fetcher.ts';
import { decodeBody } from '../../src/ingest/charset.ts';
import { createFetcher, FetchError } from '../../src/ingest/fetch.ts';
import { createHostLimiter } from '../../src/ingest/host-limiter.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';

const limits = (over: Partial<FetchLimits> = {}): FetchLimits => ({
  timeoutMs: 3000,
  connectTimeoutMs: 1000,
  maxBytes: 1_000_000,
  maxRedirects: 5,
  userAgent: 'PolicyWireTest/1.0',
  allowPrivateNetworks: true,
  ...over,
});

let web: FakeWeb;
beforeAll(async () => {
  web = await startFakeWeb();
});
afterAll(async () => {
  await web.close();
});

describe('guarded fetcher against a real server on 127.0.0.1', () => {
  it('sends the configured User-Agent and the stored validators, and reports 304 as not modified', async () => {
    web.route('/etag-feed', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, {
        etag: '"v1"',
        'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT',
        'content-type': 'text/xml',
      });
      res.end('<rss/>');
    });
    const fetcher = createFetcher({ limits: limits() });
    const first = await fetcher.fetch(web.url('/etag-feed'));
    expect(first).toMatchObject({
      notModified: false,
      etag: '"v1"',
      lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
    });
    const second = await fetcher.fetch(web.url('/etag-feed'), {
      etag: '"v1"',
      lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
    });
    expect(second.notModified).toBe(true);
    const seen = web.requests.filter((r) => r.path === '/etag-feed');
    expect(seen[0]?.headers['user-agent']).toBe('PolicyWireTest/1.0');
    expect(seen[1]?.headers['if-none-match']).toBe('"v1"');
    expect(seen[1]?.headers['if-modified-since']).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
  });

  it('times out on a server that accepts the request and then stalls', async () => {
    web.route('/stall', () => {
      // never answers
    });
    const started = Date.now();
    const error = await createFetcher({ limits: limits({ timeoutMs: 300 }) })
      .fetch(web.url('/stall'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).kind).toBe('timeout');
    expect((error as FetchError).message).toMatch(/did not answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out on a server that sends headers and then stalls mid-body', async () => {
    web.route('/stall-body', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>half');
    });
    const error = await createFetcher({ limits: limits({ timeoutMs: 300 }) })
      .fetch(web.url('/stall-body'))
      .catch((e: unknown) => e);
    expect((error as FetchError).kind).toBe('timeout');
  });

  it('stops reading a 50 MB body at the limit, without the server ever sending it all', async () => {
    let written = 0;
    let closedEarly = false;
    web.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }); // no content-length: the cap must work on the stream
      const chunk = Buffer.alloc(64 * 1024, 97);
      const total = 50 * 1024 * 1024;
      res.on('close', () => {
        closedEarly = written < total;
      });
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const error = await createFetcher({ limits: limits({ maxBytes: 1_000_000 }) })
      .fetch(web.url('/huge'))
      .catch((e: unknown) => e);
    expect((error as FetchError).kind).toBe('too-large');
    expect((error as FetchError).message).toMatch(/over the 1000000-byte limit/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    web.route('/declared', (_req, res) => {
      res.writeHead(200, { 'content-length': '5000000' });
      res.end();
    });
    const error = await createFetcher({ limits: limits({ maxBytes: 1000 }) })
      .fetch(web.url('/declared'))
      .catch((e: unknown) => e);
    expect((error as FetchError).message).toMatch(/is 5000000 bytes, over the 1000-byte limit/);
  });

  it('stops a redirect loop and a redirect chain longer than the limit', async () => {
    web.route('/loop-a', (_req, res) => void res.writeHead(302, { location: '/loop-b' }).end());
    web.route('/loop-b', (_req, res) => void res.writeHead(301, { location: '/loop-a' }).end());
    const loop = await createFetcher({ limits: limits() })
      .fetch(web.url('/loop-a'))
      .catch((e: unknown) => e);
    expect((loop as FetchError).kind).toBe('redirects');
    expect((loop as FetchError).message).toMatch(/redirects in a loop/);
    for (let i = 0; i < 10; i++)
      web.route(`/chain-${i}`, (_req, res) => void res.writeHead(307, { location: `/chain-${i + 1}` }).end());
    const chain = await createFetcher({ limits: limits({ maxRedirects: 3 }) })
      .fetch(web.url('/chain-0'))
      .catch((e: unknown) => e);
    expect((chain as FetchError).message).toMatch(/redirected more than 3 times/);
  });

  it('follows a redirect and reports every hop', async () => {
    web.route('/old', (_req, res) => void res.writeHead(301, { location: '/new' }).end());
    web.route(
      '/new',
      (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('moved here'),
    );
    const outcome = await createFetcher({ limits: limits() }).fetch(web.url('/old'));
    expect(outcome).toMatchObject({
      notModified: false,
      url: web.url('/new'),
      hops: [web.url('/old'), web.url('/new')],
    });
  });

  it('refuses a gzip bomb: a small download that inflates past the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0)); // about 20 KB on the wire
    web.route('/bomb', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/xml',
        'content-encoding': 'gzip',
        'content-length': bomb.length,
      });
      res.end(bomb);
    });
    const error = await createFetcher({ limits: limits({ maxBytes: 1_000_000 }) })
      .fetch(web.url('/bomb'))
      .catch((e: unknown) => e);
    expect(bomb.length).toBeLessThan(1_000_000);
    expect((error as FetchError).kind).toBe('too-large');
    expect((error as FetchError).message).toMatch(/compression bomb/);
  });

  it('decompresses gzip, deflate (zlib and raw) and br bodies', async () => {
    const zlib = await import('node:zlib');
    const text = '<rss><channel><title>Compressed</title></channel></rss>';
    const bodies: Record<string, Buffer> = {
      gzip: zlib.gzipSync(text),
      deflate: zlib.deflateSync(text),
      'deflate-raw': zlib.deflateRawSync(text),
      br: zlib.brotliCompressSync(text),
    };
    for (const [name, body] of Object.entries(bodies)) {
      web.route(`/enc-${name}`, (_req, res) => {
        res.writeHead(200, { 'content-encoding': name.replace('-raw', '') }).end(body);
      });
      const outcome = await createFetcher({ limits: limits() }).fetch(web.url(`/enc-${name}`));
      expect(outcome.notModified ? '' : outcome.body.toString('utf8'), name).toBe(text);
    }
    expect(web.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('decodes a windows-1252 feed by its XML prolog, curly quotes and euro sign included', async () => {
    // “Quoted” – 5€ café, in windows-1252 bytes
    const bytes = Buffer.from([
      0x3c,
      0x3f,
      ...Buffer.from('xml version="1.0" encoding="windows-1252"?><rss><channel><title>'),
      0x93,
      ...Buffer.from('Quoted'),
      0x94,
      0x20,
      0x96,
      0x20,
      0x35,
      0x80,
      0x20,
      0x63,
      0x61,
      0x66,
      0xe9,
      ...Buffer.from('</title></channel></rss>'),
    ]);
    web.route(
      '/cp1252',
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bytes),
    );
    const outcome = await createFetcher({ limits: limits() }).fetch(web.url('/cp1252'));
    if (outcome.notModified) throw new Error('unexpected 304');
    const decoded = decodeBody(outcome.body, outcome.contentType);
    expect(decoded).toMatchObject({ charset: 'windows-1252', from: 'xml-prolog' });
    expect(decoded.text).toContain('<title>“Quoted” – 5€ café</title>');
  });

  it('answers an HTTP error with the status and the Retry-After it asked for', async () => {
    web.route('/busy', (_req, res) => void res.writeHead(503, { 'retry-after': '120' }).end());
    const error = await createFetcher({ limits: limits() })
      .fetch(web.url('/busy'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', details: { status: 503, retryAfterMs: 120_000 } });
    expect((error as FetchError).message).toMatch(/answered HTTP 503/);
  });
});

describe('loopback spellings', () => {
  const spellings = (port: number) => [
    `http://localhost:${port}/hello`,
    `http://[::1]:${port}/hello`,
    `http://127.1:${port}/hello`,
    `http://0x7f000001:${port}/hello`,
    `http://2130706433:${port}/hello`,
    `http://[::ffff:127.0.0.1]:${port}/hello`,
  ];

  it('refuses every spelling of loopback without ALLOW_PRIVATE_NETWORKS, and the server sees nothing', async () => {
    web.route('/hello', (_req, res) => void res.writeHead(200).end('hello'));
    const before = web.requests.length;
    const fetcher = createFetcher({ limits: limits({ allowPrivateNetworks: false }) });
    for (const url of spellings(web.port)) {
      const error = await fetcher.fetch(url).catch((e: unknown) => e);
      expect((error as FetchError).kind, url).toBe('blocked');
      expect((error as FetchError).message, url).toMatch(/is not a public address/);
      expect((error as FetchError).details.detail, url).toMatch(/refused: .* (loopback|IPv4-mapped)/);
    }
    expect(web.requests.length).toBe(before);
  });

  it('reads every spelling with ALLOW_PRIVATE_NETWORKS=true', async () => {
    web.route('/hello', (_req, res) => void res.writeHead(200).end('hello'));
    const fetcher = createFetcher({ limits: limits({ allowPrivateNetworks: true }) });
    for (const url of spellings(web.port)) {
      if (url.includes('[::1]') && !web.hasIPv6) continue;
      const outcome = await fetcher.fetch(url);
      expect(outcome.notModified ? '' : outcome.body.toString(), url).toBe('hello');
    }
  });
});

describe('the total timeout covers the waits before the request', () => {
  it('given a resolver that never answers, gives up at the deadline instead of hanging', async () => {
    const guard = createSsrfGuard({ allowPrivate: false, resolve: () => new Promise(() => undefined) });
    const started = Date.now();
    const error = await createFetcher({ limits: limits({ timeoutMs: 200 }), guard })
      .fetch('https://slow-dns.example/feed')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  }, 5000);

  it('given a host busy with a slow request, a queued fetch times out at its own deadline and frees its place', async () => {
    let release: () => void = () => undefined;
    web.route('/busy', (_req, res) => {
      release = () => res.writeHead(200, { 'content-type': 'text/plain' }).end('done');
    });
    web.route('/quick', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    const hostLimiter = createHostLimiter(1);
    const slow = createFetcher({ limits: limits({ timeoutMs: 5000 }), hostLimiter }).fetch(web.url('/busy'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const queued = await createFetcher({ limits: limits({ timeoutMs: 200 }), hostLimiter })
      .fetch(web.url('/quick'))
      .catch((e: unknown) => e);
    expect((queued as FetchError).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
    release();
    expect((await slow).notModified).toBe(false);
    // The abandoned wait left no slot taken and no stale waiter: the next fetch runs at once.
    expect(hostLimiter.active(new URL(web.url('/')).host)).toBe(0);
    const next = await createFetcher({ limits: limits({ timeoutMs: 1000 }), hostLimiter }).fetch(
      web.url('/quick'),
    );
    expect(next.notModified).toBe(false);
    expect(web.requests.filter((r) => r.path === '/quick')).toHaveLength(1);
  }, 8000);
});
