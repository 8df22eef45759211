import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/dispatch.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { createPoller } from '../../src/ingest/poll.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';

import { captureLogger } from '../helpers/capture-logger.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore } from '../helpers/temp-store.ts';
import { testExtractor } from '../helpers/test-extractor.ts';

const table: Record<string, string> = {};
const dns = async (host: string) => {
  const address = table[host];
  if (!address) throw Object.assign(new Error('nx'), { code: 'ENOTFOUND' });
  return [{ address, family: 4 as const }];
};

let t: Awaited<ReturnType<typeof createTestCore>>;
let log: ReturnType<typeof captureLogger>;
beforeEach(async () => {
  for (const key of Object.keys(table)) delete table[key];
  Object.assign(table, { 'feeds.example': '93.184.216.34', 'intranet.example': '10.1.2.3' });
  log = captureLogger('warn');
  t = await createTestCore({
    now: '2024-03-01T12:00:00Z',
    sourceGuard: createSsrfGuard({ allowPrivate: false, resolve: dns }),
  });
});
afterEach(async () => t.close());

const ctx = (isAdmin = true) => ({
  tenant: CONSOLE_TENANT,
  channel: { platform: 'console' as const, id: 'c' },
  user: { id: 'u1', isAdmin },
  core: t.core,
  digests: t.digests,
  settings: t.settings,
  logger: log.logger,
});
const run = (text: string, isAdmin = true) => dispatch({ name: 'sources', text }, ctx(isAdmin));

describe('/sources', () => {
  it('refuses a source on a private or loopback address without saying where the name points', async () => {
    const intranet = await run('add http://intranet.example/feed.xml');
    expect(intranet).toMatchObject({
      kind: 'notice',
      level: 'error',
      text: 'Cannot follow http://intranet.example/feed.xml: intranet.example is not a public address (private, loopback or link-local networks are not allowed).',
      hint: 'Sources must be http(s) feeds or pages at addresses this bot may reach. An operator can set ALLOW_PRIVATE_NETWORKS=true to allow intranet sources.',
    });
    expect(JSON.stringify(intranet)).not.toContain('10.1.2.3');
    const loop = await run('add http://127.0.0.1:8080/feed');
    expect(loop).toMatchObject({ level: 'error', text: expect.stringMatching(/is not a public address/) });
    const metadata = await run('add http://169.254.169.254/latest/meta-data');
    expect(metadata).toMatchObject({
      level: 'error',
      text: expect.stringMatching(/is not a public address/),
    });
    expect(JSON.stringify(metadata)).not.toMatch(/metadata address/);
    expect(await t.core.sources.list(CONSOLE_TENANT)).toEqual([]);
  });

  it('with private networks allowed, says a metadata address needs its own setting, not that private ones are shut', async () => {
    const open = await createTestCore({
      now: '2024-03-01T12:00:00Z',
      sourceGuard: createSsrfGuard({ allowPrivate: true, resolve: dns }),
    });
    try {
      const reply = await dispatch(
        { name: 'sources', text: 'add http://169.254.169.254/latest/meta-data' },
        { ...ctx(), core: open.core, digests: open.digests },
      );
      expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
      const said = reply.kind === 'notice' ? `${reply.text} ${reply.hint}` : '';
      expect(said).not.toMatch(/private, loopback or link-local networks are not allowed/);
      expect(said).toMatch(/cloud metadata address/);
      expect(said).toMatch(/An operator can set ALLOW_METADATA_ADDRESSES=true/);
      expect(await open.core.sources.list(CONSOLE_TENANT)).toEqual([]);
    } finally {
      await open.close();
    }
  });

  it('keeps a feed password in the stored URL for polling but never shows it in a reply', async () => {
    const run = (text: string) => dispatch({ name: 'sources', text }, ctx());
    const added = await run('add https://reader:hunter2@feeds.example/private.xml Members');
    expect(added).toMatchObject({ kind: 'notice', level: 'success' });
    expect(JSON.stringify(added)).toContain('https://[secret]@feeds.example/private.xml');
    const again = await run('add https://reader:hunter2@feeds.example/private.xml');
    const list = await run('list');
    for (const reply of [added, again, list]) expect(JSON.stringify(reply)).not.toContain('hunter2');
    const [stored] = await t.core.sources.list(CONSOLE_TENANT);
    expect(stored?.url).toBe('https://reader:hunter2@feeds.example/private.xml');
  });

  it('removes a basic-auth source by the URL /sources list shows, and never echoes a typed password', async () => {
    const run = (text: string) => dispatch({ name: 'sources', text }, ctx());
    await run('add https://reader:hunter2@feeds.example/private.xml Members');
    const typo = await run('remove https://reader:hunter2@feeds.example/privat.xml');
    expect(typo).toMatchObject({ kind: 'notice', level: 'error' });
    expect(JSON.stringify(typo)).not.toContain('hunter2');
    expect(await run('remove https://[secret]@feeds.example/private.xml')).toMatchObject({
      level: 'success',
      text: expect.stringContaining('Removed source Members'),
    });
    expect(await t.core.sources.list(CONSOLE_TENANT)).toEqual([]);
  });

  it('takes a changed feed password into the source already followed instead of adding a second one', async () => {
    const run = (text: string) => dispatch({ name: 'sources', text }, ctx());
    await run('add https://reader:hunter2@feeds.example/private.xml Members');
    const rotated = await run('add https://reader:n3w-pass@feeds.example/private.xml');
    expect(rotated).toMatchObject({
      level: 'success',
      text: expect.stringContaining('Updated the sign-in for Members'),
    });
    expect(JSON.stringify(rotated)).not.toContain('n3w-pass');
    const stored = await t.core.sources.list(CONSOLE_TENANT);
    expect(stored.map((s) => [s.name, s.url])).toEqual([
      ['Members', 'https://reader:n3w-pass@feeds.example/private.xml'],
    ]);
  });

  it('drops an API key pasted in any spelling before the source is stored', async () => {
    const run = (text: string) => dispatch({ name: 'sources', text }, ctx());
    await run('add https://feeds.example/items.xml?API_KEY=k1&apikey=k2&topic=ai Keyed');
    const [stored] = await t.core.sources.list(CONSOLE_TENANT);
    expect(stored?.url).toBe('https://feeds.example/items.xml?topic=ai');
  });

  it('with private networks allowed, refuses a name on the metadata address without saying where it points', async () => {
    table['wiki.corp.example'] = '169.254.169.254';
    const open = await createTestCore({
      now: '2024-03-01T12:00:00Z',
      sourceGuard: createSsrfGuard({ allowPrivate: true, resolve: dns }),
    });
    const add = (text: string) =>
      dispatch({ name: 'sources', text }, { ...ctx(), core: open.core, digests: open.digests });
    try {
      const byName = await add('add http://reader:hunter2@wiki.corp.example/feed.xml');
      expect(byName).toMatchObject({
        kind: 'notice',
        level: 'error',
        text: expect.stringContaining(
          'wiki.corp.example is not an address sources may use, even with private networks allowed.',
        ),
        hint: "Sources must be http(s) feeds or pages at addresses this bot may reach. An operator can read the bot's log, which names the address and the setting that opens it.",
      });
      const said = JSON.stringify(byName);
      expect(said).not.toContain('hunter2');
      expect(said).not.toContain('169.254');
      expect(said).not.toMatch(/metadata|resolves to/i);
      // The address the user typed is theirs already: it may be named.
      const literal = await add('add http://169.254.169.254/latest/meta-data');
      expect(literal).toMatchObject({
        text: expect.stringContaining('169.254.169.254 is a cloud metadata address'),
      });
      // The operator's log keeps where the name pointed, but not the password in the URL.
      const refusal = log.lines.find((line) => String(line.url).includes('wiki.corp.example'));
      expect(refusal).toMatchObject({
        msg: 'source refused by the SSRF guard',
        detail: expect.stringMatching(
          /wiki\.corp\.example resolves to 169\.254\.169\.254, the cloud metadata/,
        ),
      });
      expect(log.text()).not.toContain('hunter2');
      expect(await open.core.sources.list(CONSOLE_TENANT)).toEqual([]);
    } finally {
      await open.close();
    }
  });

  it('keeps what a refused host resolved to in the log, for the operator', async () => {
    await run('add http://intranet.example/feed.xml');
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        msg: 'source refused by the SSRF guard',
        detail: expect.stringMatching(/intranet\.example resolves to 10\.1\.2\.3, a private address/),
      }),
    );
  });

  it('given a host that later resolves privately, /sources list shows the refusal without the address', async () => {
    expect(await run('add https://feeds.example/policy.xml Policy')).toMatchObject({ level: 'success' });
    table['feeds.example'] = '10.9.8.7';
    const poller = createPoller({
      sources: t.core.sources,
      writer: t.core.writer,
      articles: t.core.articles,
      extractor: testExtractor,
      fetcher: createFetcher({
        limits: { timeoutMs: 1000, maxBytes: 1000, userAgent: 'test' },
        guard: createSsrfGuard({ allowPrivate: false, resolve: dns }),
      }),
      clock: t.clock,
      logger: createSilentLogger(),
    });
    const [result] = await poller.pollDue({ all: true });
    expect(result?.status).toBe('failed');
    const list = await run('list');
    const detail = list.kind === 'list' ? (list.items[0]?.detail ?? '') : '';
    expect(detail).toContain('feeds.example is not a public address');
    expect(detail).not.toContain('10.9.8.7');
  });

  it('adds a public feed and lists it with its health', async () => {
    expect(await run('add https://feeds.example/policy.xml?utm_source=x Policy Feed')).toMatchObject({
      level: 'success',
    });
    const [source] = await t.core.sources.list(CONSOLE_TENANT);
    expect(source?.url).toBe('https://feeds.example/policy.xml');
    await t.core.sources.put(CONSOLE_TENANT, source!.id, {
      ...source!,
      health: {
        itemsSeen: 12,
        failures: 2,
        lastSuccessAt: '2024-03-01T10:00:00.000Z',
        lastErrorAt: '2024-03-01T11:00:00.000Z',
        lastError: 'https://feeds.example/policy.xml answered HTTP 503',
        nextPollAt: '2024-03-01T12:00:00.000Z',
      },
    });
    const list = await run('list');
    expect(list.kind).toBe('list');
    const detail = list.kind === 'list' ? list.items[0]?.detail : '';
    expect(detail).toContain('last success 2024-03-01T10:00:00.000Z');
    expect(detail).toContain(
      'last error 2024-03-01T11:00:00.000Z: https://feeds.example/policy.xml answered HTTP 503',
    );
    expect(detail).toContain('12 items seen');
    expect(detail).toContain('next poll 2024-03-01T12:00:00.000Z');
    expect(detail).toContain('2 failures in a row');
  });

  it('lists a source that was polled and failed every time as such, not as "not polled yet"', async () => {
    await run('add https://feeds.example/gone.xml');
    const [source] = await t.core.sources.list(CONSOLE_TENANT);
    await t.core.sources.put(CONSOLE_TENANT, source!.id, {
      ...source!,
      health: {
        itemsSeen: 0,
        failures: 3,
        lastErrorAt: '2024-03-01T11:00:00.000Z',
        lastError: 'https://feeds.example/gone.xml answered HTTP 404',
      },
    });
    const list = await run('list');
    const detail = list.kind === 'list' ? list.items[0]?.detail : '';
    expect(detail).not.toContain('not polled yet');
    expect(detail).toContain('no successful poll yet');
    expect(detail).toContain('answered HTTP 404');
    expect(detail).toContain('3 failures in a row');
    await t.core.sources.put(CONSOLE_TENANT, source!.id, {
      ...source!,
      health: { itemsSeen: 1, failures: 1, lastSuccessAt: '2024-03-01T10:00:00.000Z' },
    });
    const one = await run('list');
    const singular = one.kind === 'list' ? one.items[0]?.detail : '';
    expect(singular).toContain('1 item seen');
    expect(singular).toContain('1 failure in a row');
  });

  it('accepts a host with no DNS answer right now, saying it will be retried (the guard runs again on every fetch)', async () => {
    const reply = await run('add https://offline.example/feed.xml');
    expect(reply).toMatchObject({
      level: 'success',
      hint: expect.stringMatching(/could not resolve offline\.example .*retried/),
    });
  });

  it('given POLL_INTERVAL_MINUTES=30, a new source is polled every 30 minutes and the hint says so', async () => {
    await t.close();
    t = await createTestCore({
      sourceGuard: createSsrfGuard({ allowPrivate: false, resolve: dns }),
      pollIntervalMinutes: 30,
    });
    const reply = await run('add https://feeds.example/policy.xml');
    expect(reply).toMatchObject({ level: 'success', hint: expect.stringMatching(/then every 30 minutes/) });
    const [source] = await t.core.sources.list(CONSOLE_TENANT);
    expect(source?.intervalMinutes).toBe(30);
  });

  it('given an empty name, says the name cannot be empty and how to leave it out', async () => {
    const reply = await run('add https://feeds.example/policy.xml ""');
    expect(reply).toMatchObject({
      level: 'error',
      text: 'Invalid input: a source name cannot be empty (leave it out to use the host name).',
    });
    expect(await t.core.sources.list(CONSOLE_TENANT)).toEqual([]);
  });

  it('given a source removed by someone else meanwhile, does not claim to have removed it', async () => {
    await run('add https://feeds.example/policy.xml Policy');
    const sources = t.core.sources;
    // Another admin's /sources remove lands between this one's lookup and its delete.
    const raced = {
      ...sources,
      delete: async (tenant: typeof CONSOLE_TENANT, id: string) => {
        await sources.delete(tenant, id);
        return sources.delete(tenant, id);
      },
    };
    const reply = await dispatch(
      { name: 'sources', text: 'remove Policy' },
      { ...ctx(), core: { ...t.core, sources: raced } },
    );
    expect(reply).toMatchObject({ level: 'info', text: 'Policy was already removed.' });
    expect(await t.core.sources.list(CONSOLE_TENANT)).toEqual([]);
  });

  it('removes a source and says so', async () => {
    await run('add https://feeds.example/policy.xml Policy');
    expect(await run('remove Policy')).toMatchObject({
      level: 'success',
      text: expect.stringMatching(/^Removed source Policy\./),
    });
    expect(await t.core.sources.list(CONSOLE_TENANT)).toEqual([]);
  });

  it('is for admins only', async () => {
    expect(await run('list', false)).toMatchObject({
      level: 'error',
      text: expect.stringMatching(/Only workspace admins/),
    });
  });
});
