import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config.ts';
import { createFetcher, FetchError, type Transport } from '../../src/ingest/fetch.ts';
import {
  blockedAddress,
  createSsrfGuard,
  LOG_HINT,
  METADATA_HINT,
  PRIVATE_NETWORKS_HINT,
  type ResolvedAddress,
  type Resolver,
} from '../../src/ingest/ssrf-guard.ts';
import { captureLogger } from '../helpers/capture-logger.ts';

/** DNS answers from a table; any other name fails as NXDOMAIN. Nothing here opens a socket. */
function fakeDns(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string): Promise<ResolvedAddress[]> => {
    asked.push(host);
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

const guardWith = (table: Record<string, string[]>, allowPrivate = false) =>
  createSsrfGuard({ allowPrivate, resolve: fakeDns(table) });

describe('SSRF guard decisions with injected DNS', () => {
  it.each([
    ['10.0.0.1', /private address \(10\.0\.0\.0\/8\)/],
    ['192.168.1.1', /private address \(192\.168\.0\.0\/16\)/],
    ['169.254.169.254', /cloud metadata address/],
    ['fd00::1', /unique-local address/],
    ['100.64.0.7', /carrier-grade NAT/],
    ['172.20.3.4', /private address \(172\.16\.0\.0\/12\)/],
    ['fe80::1', /link-local address/],
    ['::ffff:10.0.0.1', /IPv4-mapped address wrapping a private address/],
  ])(
    'refuses a host that resolves to %s, telling the user only that it is not public',
    async (address, why) => {
      const decision = await guardWith({ 'news.example': [address] }).check('https://news.example/feed');
      expect(decision.ok).toBe(false);
      if (!decision.ok) {
        expect(decision.reason).toBe(
          'news.example is not a public address (private, loopback or link-local networks are not allowed)',
        );
        expect(decision.detail).toMatch(why);
        expect(decision.detail).toContain(`resolves to ${address}`);
        // The operator is told which setting would open it; for a metadata address that is not the private one.
        expect(decision.detail).toContain(
          address === '169.254.169.254' ? 'ALLOW_METADATA_ADDRESSES=true' : 'ALLOW_PRIVATE_NETWORKS=true',
        );
      }
    },
  );

  it('refuses when any one of several answers is private (a rebinding trick)', async () => {
    const decision = await guardWith({ 'mixed.example': ['93.184.216.34', '10.0.0.1'] }).check(
      'http://mixed.example/',
    );
    expect(decision.ok).toBe(false);
  });

  it('accepts a public answer and pins the addresses it checked', async () => {
    const decision = await guardWith({ 'www.ftc.gov': ['23.1.2.3', '2600:1400::1'] }).check(
      'https://www.ftc.gov/feed',
    );
    expect(decision).toMatchObject({
      ok: true,
      addresses: [{ address: '23.1.2.3' }, { address: '2600:1400::1' }],
    });
  });

  it('lets private answers through only with ALLOW_PRIVATE_NETWORKS', async () => {
    const decision = await guardWith({ intranet: ['10.0.0.1'] }, true).check('http://intranet/feed');
    expect(decision.ok).toBe(true);
  });

  it('refuses loopback literals in every spelling without asking DNS', async () => {
    const dns = fakeDns({});
    const guard = createSsrfGuard({ allowPrivate: false, resolve: dns });
    for (const url of [
      'http://localhost/',
      'http://app.localhost/',
      'http://[::1]/',
      'http://127.1/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://0.0.0.0/',
    ]) {
      const decision = await guard.check(url);
      expect(decision.ok, url).toBe(false);
    }
    expect(dns.asked).toEqual([]);
  });

  it('refuses schemes other than http and https', async () => {
    const decision = await guardWith({}).check('file:///etc/passwd');
    expect(decision).toMatchObject({ ok: false, reason: expect.stringMatching(/only http and https/) });
  });

  it('says so when a name does not resolve', async () => {
    const decision = await guardWith({}).check('https://no-such-host.example/');
    expect(decision).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/could not resolve no-such-host\.example/),
    });
  });

  it.each([
    ['64:ff9b:1::a00:1', /local-use NAT64/],
    ['64:ff9b:1:ffff:ffff::808:808', /local-use NAT64/],
    ['::ffff:0:7f00:1', /IPv4-translated/],
    ['::ffff:0:a00:1', /IPv4-translated/],
    ['::ffff:0:8.8.8.8', /IPv4-translated/],
  ])('blocks %s, a range that reaches IPv4 networks we cannot vet', (address, why) => {
    expect(blockedAddress(address)).toMatch(why);
  });

  it('refuses an IPv4-translated literal in a URL without asking DNS', async () => {
    const dns = fakeDns({});
    const decision = await createSsrfGuard({ allowPrivate: false, resolve: dns }).check(
      'http://[::ffff:0:7f00:1]/',
    );
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.detail).toMatch(/IPv4-translated/);
    expect(dns.asked).toEqual([]);
  });

  it('keeps the ranges next to them open: the well-known NAT64 prefix with a public address, 64:ff9b:2::', () => {
    expect(blockedAddress('64:ff9b::808:808')).toBeUndefined();
    expect(blockedAddress('64:ff9b:2::1')).toBeUndefined();
    expect(blockedAddress('::fffe:0:808:808')).toBeUndefined();
  });

  it('classifies addresses hidden in IPv6 forms (NAT64, 6to4) and passes public ones', () => {
    expect(blockedAddress('64:ff9b::a00:1')).toMatch(/NAT64.*private/);
    expect(blockedAddress('2002:c0a8:0101::1')).toMatch(/6to4.*private/);
    expect(blockedAddress('2001:db8::1')).toMatch(/documentation/);
    expect(blockedAddress('8.8.8.8')).toBeUndefined();
    expect(blockedAddress('2606:4700::1111')).toBeUndefined();
    expect(blockedAddress('::ffff:8.8.8.8')).toBeUndefined();
  });
});

describe('guarded fetcher refuses before connecting', () => {
  it('refuses a URL whose host resolves to the metadata address, opening no connection', async () => {
    const guard = createSsrfGuard({
      allowPrivate: false,
      resolve: fakeDns({ 'meta.example': ['169.254.169.254'] }),
    });
    const { logger, lines } = captureLogger('warn');
    const fetcher = createFetcher({
      limits: { timeoutMs: 1000, maxBytes: 1000, userAgent: 'test' },
      guard,
      logger,
    });
    const error = await fetcher.fetch('http://meta.example/latest/meta-data/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).kind).toBe('blocked');
    // The message ends up in /sources list (lastError): it must not say where the name points.
    expect((error as FetchError).message).toBe(
      'http://meta.example/latest/meta-data/: meta.example is not a public address (private, loopback or link-local networks are not allowed)',
    );
    expect((error as FetchError).details.detail).toMatch(/169\.254\.169\.254, the cloud metadata address/);
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'fetch refused by the SSRF guard',
        detail: expect.stringMatching(/resolves to 169\.254\.169\.254/),
      }),
    );
  });
});

describe('guarded fetcher checks every redirect hop', () => {
  it('refuses a public page that redirects to a host on 192.168.1.1; the second hop is never contacted', async () => {
    const guard = createSsrfGuard({
      allowPrivate: false,
      resolve: fakeDns({ 'public.example': ['93.184.216.34'], 'router.example': ['192.168.1.1'] }),
    });
    const contacted: string[] = [];
    // Stands in for the socket layer, so this test provably opens no connection at all.
    const transport: Transport = async (url, addresses) => {
      contacted.push(`${url.host}@${addresses[0]?.address}`);
      return { kind: 'redirect', location: 'http://router.example/admin' };
    };
    const fetcher = createFetcher({
      limits: { timeoutMs: 1000, maxBytes: 1000, userAgent: 'test' },
      guard,
      transport,
    });
    const error = await fetcher.fetch('https://public.example/story').catch((e: unknown) => e);
    expect((error as FetchError).kind).toBe('blocked');
    expect((error as FetchError).message).toBe(
      'redirect from https://public.example/story to http://router.example/admin refused: router.example is not a public address (private, loopback or link-local networks are not allowed)',
    );
    expect((error as FetchError).details.detail).toMatch(/router\.example resolves to 192\.168\.1\.1/);
    expect(contacted).toEqual(['public.example@93.184.216.34']);
  });

  it('refuses a redirect to a literal metadata address the same way', async () => {
    const guard = createSsrfGuard({
      allowPrivate: false,
      resolve: fakeDns({ 'public.example': ['93.184.216.34'] }),
    });
    const transport: Transport = async () => ({
      kind: 'redirect',
      location: 'http://169.254.169.254/latest/',
    });
    const fetcher = createFetcher({
      limits: { timeoutMs: 1000, maxBytes: 1000, userAgent: 'test' },
      guard,
      transport,
    });
    const error = await fetcher.fetch('https://public.example/').catch((e: unknown) => e);
    expect((error as FetchError).message).toMatch(/refused: 169\.254\.169\.254 is not a public address/);
    expect((error as FetchError).details.detail).toMatch(/169\.254\.169\.254 is the cloud metadata address/);
  });
});

describe('SSRF guard: what ALLOW_PRIVATE_NETWORKS does not open, and spellings of loopback', () => {
  it.each([
    'http://localhost./feed',
    'http://LOCALHOST../feed',
    'http://api.localhost./x',
    'http://127.0.0.1./',
  ])('refuses %s: a trailing dot names the same host', async (url) => {
    const decision = await guardWith({}).check(url);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.reason).toMatch(/is not a public address/);
  });

  it.each([
    '169.254.169.254',
    '169.254.170.2',
    '100.100.100.200',
    'fd00:ec2::254',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
  ])('keeps the metadata address %s refused when private networks are allowed', async (address) => {
    const guard = guardWith({ 'intranet.example': [address] }, true);
    const byName = await guard.check('http://intranet.example/feed');
    expect(byName.ok).toBe(false);
    if (!byName.ok) expect(byName.detail).toMatch(/cloud metadata address.*ALLOW_METADATA_ADDRESSES/);
    const literal = await guard.check(`http://${address.includes(':') ? `[${address}]` : address}/latest/`);
    expect(literal.ok).toBe(false);
  });

  it('names in its chat hint the exact config setting that would open the address', async () => {
    const settings = Object.keys(configSchema.shape);
    const shut = await guardWith({ 'intranet.example': ['10.0.0.1'] }).check('http://intranet.example/');
    expect(shut.ok).toBe(false);
    if (!shut.ok) expect(shut.hint).toBe(PRIVATE_NETWORKS_HINT);
    const open = guardWith({ 'meta.example': ['169.254.169.254'] }, true);
    const literal = await open.check('http://169.254.169.254/latest/');
    expect(literal).toMatchObject({
      ok: false,
      reason: '169.254.169.254 is a cloud metadata address, refused even with private networks allowed',
      hint: METADATA_HINT,
    });
    // For a host name the setting would say what the name resolves to: the hint points at the log instead.
    const byName = await open.check('http://meta.example/');
    expect(byName).toMatchObject({
      ok: false,
      reason: 'meta.example is not an address sources may use, even with private networks allowed',
      hint: LOG_HINT,
    });
    if (!byName.ok) expect(`${byName.reason} ${byName.hint}`).not.toMatch(/metadata|169\.254/i);
    for (const hint of [PRIVATE_NETWORKS_HINT, METADATA_HINT])
      expect(settings).toContain(/set ([A-Z_]+)=true/.exec(hint)?.[1]);
  });

  it.each(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254', '::ffff:169.254.169.254'])(
    'with private networks allowed, refuses a name resolving to %s without saying what it resolves to',
    async (address) => {
      const dns = fakeDns({ 'wiki.corp.example': [address] });
      const decision = await createSsrfGuard({ allowPrivate: true, resolve: dns }).check(
        'http://wiki.corp.example/feed',
      );
      // The injected resolver answered: the decision was made without DNS or a socket.
      expect(dns.asked).toEqual(['wiki.corp.example']);
      expect(decision.ok).toBe(false);
      if (decision.ok) return;
      // One reason for every such name, so a chat user cannot tell one address from another.
      expect(decision.reason).toBe(
        'wiki.corp.example is not an address sources may use, even with private networks allowed',
      );
      expect(decision.detail).toContain(`wiki.corp.example resolves to ${address}`);
    },
  );

  it('names a metadata literal the user typed, since it tells them nothing they did not write', async () => {
    const dns = fakeDns({});
    const decision = await createSsrfGuard({ allowPrivate: true, resolve: dns }).check(
      'http://169.254.169.254/latest/',
    );
    expect(decision).toMatchObject({
      ok: false,
      reason: '169.254.169.254 is a cloud metadata address, refused even with private networks allowed',
    });
    expect(dns.asked).toEqual([]);
  });

  it('still allows an intranet address when private networks are allowed', async () => {
    const decision = await guardWith({ 'intranet.example': ['10.1.2.3'] }, true).check(
      'http://intranet.example/',
    );
    expect(decision.ok).toBe(true);
  });

  it('opens metadata addresses only with the separate, explicit setting', async () => {
    const guard = createSsrfGuard({
      allowPrivate: true,
      allowMetadata: true,
      resolve: fakeDns({ 'meta.example': ['169.254.169.254'] }),
    });
    expect((await guard.check('http://meta.example/')).ok).toBe(true);
  });

  it('refuses a redirect to the metadata address with private networks allowed, before any connection', async () => {
    const guard = createSsrfGuard({
      allowPrivate: true,
      resolve: fakeDns({ 'intranet.example': ['10.0.0.5'] }),
    });
    const contacted: string[] = [];
    const transport: Transport = async (url) => {
      contacted.push(url.host);
      return { kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/' };
    };
    const fetcher = createFetcher({
      limits: { timeoutMs: 1000, maxBytes: 1000, userAgent: 'test', allowPrivateNetworks: true },
      guard,
      transport,
    });
    const error = await fetcher.fetch('http://intranet.example/feed').catch((e: unknown) => e);
    expect((error as FetchError).kind).toBe('blocked');
    expect(contacted).toEqual(['intranet.example']);
  });
});
