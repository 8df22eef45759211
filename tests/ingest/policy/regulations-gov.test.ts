import { describe, expect, it } from 'vitest';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import { startFakeWeb } from '../../fakes/http-server.ts';
import {
  addTestSource,
  createTestPolicySources,
  fakePolicySettings,
  fixtureWith,
  policyFixture,
  usePolicyTestbed,
} from '../../helpers/policy-sources.ts';
import { createTestPoller } from '../../helpers/test-poller.ts';

const KEY = 'test-regs-key-7f3a';

const bed = usePolicyTestbed();

const follow = (path: string) => addTestSource(bed.t, CONSOLE_TENANT, bed.web.url(path), 'regulations.gov');
const poller = (key: string | undefined = KEY, now?: () => number) =>
  createTestPoller(bed.t, {
    policy: createTestPolicySources(
      fakePolicySettings(bed.web, key ? { regulations: key } : {}),
      now ? { now } : {},
    ),
  });

function serveDocuments() {
  bed.web.route('/regs/v4/documents', (req, res) => {
    const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page[number]') ?? '1';
    res
      .writeHead(200, { 'content-type': 'application/vnd.api+json' })
      .end(fixtureWith(bed.web, policyFixture(`regulations-gov-documents-page-${page}.json`)));
  });
}

describe('regulations.gov API v4 sources', () => {
  it('reads JSON:API documents with the key in X-Api-Key, following links.next', async () => {
    serveDocuments();
    const source = await follow('/regs/v4/documents?filter%5BdocketId%5D=FCC-2026-0412&page%5Bsize%5D=2');
    const result = await poller().pollSource(CONSOLE_TENANT, source);
    expect(result).toMatchObject({ status: 'ok', added: 3 });
    const asked = bed.web.requests.filter((r) => r.path.startsWith('/regs/'));
    expect(asked).toHaveLength(2);
    expect(asked.every((r) => r.headers['x-api-key'] === KEY)).toBe(true);
    const byId = new Map((await bed.t.articles()).map((a) => [a.url, a]));
    const proposed = byId.get('https://www.regulations.gov/document/FCC-2026-0412-0001');
    expect(proposed?.policy).toEqual({
      kind: 'proposed-rule',
      origin: 'regulations-gov',
      documentNumber: '2026-12345',
      docketIds: ['FCC-2026-0412'],
      agencies: [{ name: 'FCC', slug: 'fcc' }],
      jurisdiction: 'us',
      commentsOpenOn: '2026-11-27',
      // 04:59:59Z on the 29th is 23:59:59 Eastern on the 28th: the day people are told.
      commentsCloseOn: '2026-12-28',
      status: 'Open for comment',
      statusOn: '2026-11-27',
      links: {
        html: 'https://www.regulations.gov/document/FCC-2026-0412-0001',
        comment: 'https://www.regulations.gov/commenton/FCC-2026-0412-0001',
      },
    });
    expect(byId.get('https://www.regulations.gov/document/FCC-2026-0412-0002')?.policy?.kind).toBe('other');
    expect(byId.get('https://www.regulations.gov/document/EPA-HQ-OAR-2026-0001-0107')?.policy).toMatchObject({
      kind: 'rule',
      docketIds: ['EPA-HQ-OAR-2026-0001'],
      agencies: [{ name: 'EPA', slug: 'epa' }],
    });
  });

  it('pages by page[number] when the answer has meta.hasNextPage but no links.next', async () => {
    bed.web.route('/regs/v4/documents', (req, res) => {
      const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page[number]') ?? '1';
      const body = JSON.parse(
        fixtureWith(bed.web, policyFixture(`regulations-gov-documents-page-${page}.json`)),
      );
      delete body.links;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const source = await follow('/regs/v4/documents?filter%5BdocketId%5D=FCC-2026-0412');
    expect((await poller().pollSource(CONSOLE_TENANT, source)).added).toBe(3);
    expect(bed.web.requests.at(-1)?.path).toContain('page%5Bnumber%5D=2');
  });

  it('reads a docket as a docket record', async () => {
    bed.web.route('/regs/v4/dockets/FCC-2026-0412', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(policyFixture('regulations-gov-docket.json')),
    );
    const source = await follow('/regs/v4/dockets/FCC-2026-0412');
    expect((await poller().pollSource(CONSOLE_TENANT, source)).added).toBe(1);
    const [docket] = await bed.t.articles();
    expect(docket?.title).toBe('Broadband Data Collection');
    expect(docket?.policy).toMatchObject({
      kind: 'docket',
      docketIds: ['FCC-2026-0412'],
      status: 'Rulemaking',
      links: { html: 'https://www.regulations.gov/docket/FCC-2026-0412' },
    });
    expect(docket?.policy?.documentNumber).toBeUndefined();
    expect(docket?.text).toContain('Rulemaking on the accuracy of the National Broadband Map');
  });

  it('without REGULATIONS_GOV_API_KEY the source fails saying which variable and where to get a key, asking nothing', async () => {
    serveDocuments();
    const source = await follow('/regs/v4/documents?filter%5BdocketId%5D=FCC-2026-0412');
    const policy = createTestPolicySources(fakePolicySettings(bed.web));
    expect(policy.check(source.url)).toEqual({
      ok: false,
      reason: 'regulations.gov API sources need an API key, and REGULATIONS_GOV_API_KEY is not set',
      hint: 'Get a free key at https://api.data.gov/signup/, set REGULATIONS_GOV_API_KEY in the environment and restart.',
    });
    const result = await createTestPoller(bed.t, { policy }).pollSource(CONSOLE_TENANT, source);
    expect(result.status).toBe('failed');
    expect(result.error).toContain('REGULATIONS_GOV_API_KEY is not set');
    expect(bed.web.requests).toHaveLength(0);
  });

  it('a 429 with Retry-After is honoured: the source waits that long and other sources of the API wait too', async () => {
    bed.web.route('/regs/v4/documents', (_req, res) =>
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' })
        .end('{"error":{"code":"OVER_RATE_LIMIT"}}'),
    );
    let now = Date.parse('2026-12-02T12:00:00Z');
    const p = poller(KEY, () => now);
    const first = await follow('/regs/v4/documents?filter%5BdocketId%5D=FCC-2026-0412');
    const result = await p.pollSource(CONSOLE_TENANT, first);
    expect(result.status).toBe('failed');
    expect(result.error).toBe('regulations.gov API is rate limiting us (HTTP 429); retrying after 3600 s');
    expect(Date.parse(result.nextPollAt)).toBeGreaterThanOrEqual(Date.parse('2026-12-02T13:00:00Z'));
    const second = await follow('/regs/v4/documents?filter%5BagencyId%5D=EPA');
    now += 60_000;
    const waited = await p.pollSource(CONSOLE_TENANT, second);
    expect(waited.error).toMatch(/^regulations\.gov API quota reached: waiting 35\d\d s$/);
    expect(bed.web.requests).toHaveLength(1);
  });

  it('a 5xx and a malformed answer become source errors, and the key never follows a redirect to another host', async () => {
    bed.web.route('/regs/v4/documents', (_req, res) => res.writeHead(502).end('bad gateway'));
    const source = await follow('/regs/v4/documents?filter%5BagencyId%5D=FCC');
    expect((await poller().pollSource(CONSOLE_TENANT, source)).error).toBe(
      'regulations.gov API had a server error (HTTP 502); it will be retried',
    );
    bed.web.route('/regs/v4/documents', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": {"id": 7}}'),
    );
    expect((await poller().pollSource(CONSOLE_TENANT, source)).error).toBe(
      'regulations.gov API: the answer is JSON in a shape this bot does not know.',
    );
    const other = await startFakeWeb();
    try {
      other.route('/elsewhere', (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
      );
      bed.web.route('/regs/v4/documents', (_req, res) =>
        res.writeHead(302, { location: other.url('/elsewhere') }).end(),
      );
      await poller().pollSource(CONSOLE_TENANT, source);
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0]?.headers['x-api-key']).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('stays under the stated 1,000 requests an hour across sources', async () => {
    serveDocuments();
    let now = Date.parse('2026-12-02T12:00:00Z');
    const policy = createTestPolicySources(fakePolicySettings(bed.web, { regulations: KEY }), {
      now: () => now,
      maxPages: 1,
    });
    const url = bed.web.url('/regs/v4/documents?filter%5BdocketId%5D=FCC-2026-0412');
    for (let i = 0; i < 1000; i++) await policy.read(url);
    await expect(policy.read(url)).rejects.toThrow(/quota reached: waiting 3600 s/);
    now += 3_600_001;
    await expect(policy.read(url)).resolves.toMatchObject({ pages: 1 });
  }, 60_000);
});
