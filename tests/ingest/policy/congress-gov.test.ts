import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import { createFetcher } from '../../../src/ingest/fetch.ts';
import { createPoller } from '../../../src/ingest/poll.ts';
import { createLogger } from '../../../src/logger.ts';
import {
  addTestSource,
  createTestPolicySources,
  fakePolicySettings,
  fixtureWith,
  policyFixture,
  usePolicyTestbed,
} from '../../helpers/policy-sources.ts';
import { testExtractor } from '../../helpers/test-extractor.ts';
import { createTestPoller } from '../../helpers/test-poller.ts';

const KEY = 'congress-secret-91c2';

const bed = usePolicyTestbed();

const follow = (path: string) => addTestSource(bed.t, CONSOLE_TENANT, bed.web.url(path), 'congress.gov');
const policy = () => createTestPolicySources(fakePolicySettings(bed.web, { congress: KEY }));

function serveActions() {
  bed.web.route('/congress/v3/bill/119/hr/1234/actions', (req, res) => {
    const offset = new URL(req.url ?? '/', 'http://x').searchParams.get('offset');
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(fixtureWith(bed.web, policyFixture(`congress-gov-actions-page-${offset ? 2 : 1}.json`)));
  });
}

describe('congress.gov API v3 sources', () => {
  it('reads a bill with its latest action as status, the key sent as api_key', async () => {
    bed.web.route('/congress/v3/bill/119/hr/1234', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(policyFixture('congress-gov-bill.json')),
    );
    const source = await follow('/congress/v3/bill/119/hr/1234');
    expect(
      (await createTestPoller(bed.t, { policy: policy() }).pollSource(CONSOLE_TENANT, source)).added,
    ).toBe(1);
    expect(new URL(bed.web.requests[0]!.path, 'http://x').searchParams.get('api_key')).toBe(KEY);
    const [bill] = await bed.t.articles();
    expect(bill?.url).toBe('https://www.congress.gov/bill/119th-congress/house-bill/1234');
    expect(bill?.title).toBe('H.R. 1234 (119th Congress): Kids Online Safety and Privacy Act');
    expect(bill?.policy).toEqual({
      kind: 'bill',
      origin: 'congress-gov',
      documentNumber: 'hr1234-119',
      docketIds: [],
      agencies: [{ name: 'United States Congress', slug: 'congress' }],
      jurisdiction: 'us',
      status: 'Passed/agreed to in House: On passage Passed by recorded vote: 301 - 120.',
      statusOn: '2026-11-19',
      citation: 'H.R. 1234',
      links: { html: 'https://www.congress.gov/bill/119th-congress/house-bill/1234' },
    });
  });

  it('reads a bill’s actions as bill-action documents, following pagination.next', async () => {
    serveActions();
    const source = await follow('/congress/v3/bill/119/hr/1234/actions?limit=2');
    const result = await createTestPoller(bed.t, { policy: policy() }).pollSource(CONSOLE_TENANT, source);
    expect(result).toMatchObject({ status: 'ok', added: 3 });
    const actions = (await bed.t.articles())
      .map((a) => a.policy)
      .sort((a, b) => (a!.statusOn! < b!.statusOn! ? -1 : 1));
    expect(actions.map((a) => [a?.kind, a?.documentNumber, a?.statusOn])).toEqual([
      ['bill-action', 'hr1234-119', '2026-02-03'],
      ['bill-action', 'hr1234-119', '2026-09-10'],
      ['bill-action', 'hr1234-119', '2026-11-19'],
    ]);
    expect(actions[0]?.status).toBe('Introduced in House');
    const second = bed.web.requests[1]!.path;
    expect(second).toContain('offset=2');
    // The next page's URL came without the key; it is added to every request.
    expect(new URL(second, 'http://x').searchParams.get('api_key')).toBe(KEY);
  });

  it('without CONGRESS_GOV_API_KEY the source is refused, naming the variable and the sign-up page', async () => {
    const verdict = createTestPolicySources(fakePolicySettings(bed.web)).check(
      bed.web.url('/congress/v3/bill/119/hr/1234'),
    );
    expect(verdict).toMatchObject({ ok: false });
    expect(verdict.ok ? '' : `${verdict.reason} ${verdict.hint}`).toMatch(
      /CONGRESS_GOV_API_KEY is not set.*https:\/\/api\.congress\.gov\/sign-up\//,
    );
  });

  it('never writes the key to a source error or a log line, even when the API fails', async () => {
    bed.web.route('/congress/v3/bill/119/hr/1234/actions', (_req, res) =>
      res.writeHead(403).end('API_KEY_INVALID'),
    );
    const lines: string[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const source = await follow('/congress/v3/bill/119/hr/1234/actions');
    const p = createPoller({
      sources: bed.t.core.sources,
      writer: bed.t.core.writer,
      articles: bed.t.core.articles,
      extractor: testExtractor,
      fetcher: createFetcher({
        limits: { timeoutMs: 2000, maxBytes: 100_000, userAgent: 'T', allowPrivateNetworks: true },
      }),
      clock: bed.t.clock,
      logger,
      policy: policy(),
    });
    const result = await p.pollSource(CONSOLE_TENANT, source);
    expect(result.error).toBe('congress.gov API refused the request (HTTP 403): check CONGRESS_GOV_API_KEY');
    logger.warn(
      { url: `${bed.web.url('/congress/v3/bill')}?api_key=${KEY}&format=json` },
      'a keyed URL in a log',
    );
    const written = lines.join('');
    expect(written).toContain('api_key=[secret]');
    expect(written).not.toContain(KEY);
    expect(JSON.stringify(await bed.t.core.sources.get(CONSOLE_TENANT, source.id))).not.toContain(KEY);
  });

  it('a list of actions that does not say whose they are is a malformed answer', async () => {
    bed.web.route('/congress/v3/bill/actions', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"actions":[{"actionDate":"2026-01-01","text":"x"}],"pagination":{"count":1}}'),
    );
    const source = await follow('/congress/v3/bill/actions');
    const result = await createTestPoller(bed.t, { policy: policy() }).pollSource(CONSOLE_TENANT, source);
    expect(result.error).toBe(
      'congress.gov API: a list of actions that does not say which bill they belong to.',
    );
  });
});
