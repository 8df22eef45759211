import { describe, expect, it } from 'vitest';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import {
  addTestSource,
  createTestPolicySources,
  fakePolicySettings,
  fixtureWith,
  policyFixture,
  usePolicyTestbed,
} from '../../helpers/policy-sources.ts';
import { createTestPoller } from '../../helpers/test-poller.ts';

const bed = usePolicyTestbed();

function serveJson(path: string, body: () => string, status = 200, headers: Record<string, string> = {}) {
  bed.web.route(path, (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(body());
  });
}

const follow = (url: string) => addTestSource(bed.t, CONSOLE_TENANT, url, 'Federal Register');

function pollerFor() {
  return createTestPoller(bed.t, { policy: createTestPolicySources(fakePolicySettings(bed.web)) });
}

const SEARCH =
  '/fr/api/v1/documents.json?conditions%5Bagencies%5D%5B%5D=federal-communications-commission&conditions%5Bterm%5D=broadband&order=newest&per_page=2';

function serveSearch() {
  bed.web.route('/fr/api/v1/documents.json', (req, res) => {
    const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1';
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(fixtureWith(bed.web, policyFixture(`federal-register-page-${page}.json`)));
  });
}

describe('Federal Register documents.json sources', () => {
  it('reads every document type into articles with their policy record, following next_page_url', async () => {
    serveSearch();
    const source = await follow(bed.web.url(SEARCH));
    const result = await pollerFor().pollSource(CONSOLE_TENANT, source);
    expect(result).toMatchObject({ status: 'ok', added: 4, failed: 0 });
    const byNumber = new Map((await bed.t.articles()).map((a) => [a.policy?.documentNumber, a]));
    expect([...byNumber.keys()].sort()).toEqual(['2026-11800', '2026-11987', '2026-12201', '2026-12345']);
    const proposed = byNumber.get('2026-12345')!;
    expect(proposed.url).toBe(
      'https://www.federalregister.gov/documents/2026/11/27/2026-12345/broadband-data-collection',
    );
    expect(proposed.policy).toEqual({
      kind: 'proposed-rule',
      origin: 'federal-register',
      documentNumber: '2026-12345',
      docketIds: ['GN Docket No. 26-118', 'FCC 26-77'],
      agencies: [{ name: 'Federal Communications Commission', slug: 'federal-communications-commission' }],
      jurisdiction: 'us',
      commentsCloseOn: '2026-12-28',
      status: 'Proposed rule.',
      statusOn: '2026-11-27',
      citation: '91 FR 81234',
      links: {
        html: 'https://www.federalregister.gov/documents/2026/11/27/2026-12345/broadband-data-collection',
        pdf: 'https://www.govinfo.gov/content/pkg/FR-2026-11-27/pdf/2026-12345.pdf',
        comment: 'https://www.regulations.gov/commenton/FCC-2026-0412-0001',
      },
    });
    expect(proposed.publishedAt).toBe('2026-11-27T00:00:00.000Z');
    expect(proposed.text).toContain('Comments close on 2026-12-28.');
    expect(byNumber.get('2026-12201')?.policy).toMatchObject({ kind: 'rule', effectiveOn: '2027-01-25' });
    expect(byNumber.get('2026-11987')?.policy?.kind).toBe('notice');
    expect(byNumber.get('2026-11800')?.policy?.kind).toBe('presidential');
    // Two pages, asked in order; the second from the answer's own next_page_url.
    const asked = bed.web.requests.map((r) => r.path).filter((p) => p.startsWith('/fr/'));
    expect(asked).toHaveLength(2);
    expect(asked[1]).toContain('page=2');
  });

  it('a second poll with an extended comment period updates the article rather than adding one', async () => {
    let closes = '2026-12-28';
    bed.web.route('/fr/api/v1/documents.json', (_req, res) => {
      const page = JSON.parse(fixtureWith(bed.web, policyFixture('federal-register-page-1.json')));
      page.next_page_url = null;
      page.results = [{ ...page.results[0], comments_close_on: closes }];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
    });
    const source = await follow(bed.web.url('/fr/api/v1/documents.json?conditions%5Bterm%5D=broadband'));
    const poller = pollerFor();
    expect((await poller.pollSource(CONSOLE_TENANT, source)).added).toBe(1);
    closes = '2027-01-27';
    const again = await poller.pollSource(
      CONSOLE_TENANT,
      (await bed.t.core.sources.get(CONSOLE_TENANT, source.id))!,
    );
    expect(again).toMatchObject({ added: 0, updated: 1 });
    const [article] = await bed.t.articles();
    expect(article?.policy?.commentsCloseOn).toBe('2027-01-27');
  });

  it('reads public-inspection documents, listed before publication, with their filing as the status', async () => {
    serveJson('/fr/api/v1/public-inspection-documents/current.json', () =>
      policyFixture('federal-register-public-inspection.json'),
    );
    const source = await follow(bed.web.url('/fr/api/v1/public-inspection-documents/current.json'));
    expect((await pollerFor().pollSource(CONSOLE_TENANT, source)).added).toBe(1);
    const [article] = await bed.t.articles();
    expect(article?.policy).toMatchObject({
      kind: 'proposed-rule',
      documentNumber: '2026-12990',
      docketIds: ['FTC-2026-0088'],
      agencies: [{ name: 'Federal Trade Commission', slug: 'federal-trade-commission' }],
      status: 'On public inspection since 2026-12-01',
      statusOn: '2026-12-01',
      links: { pdf: 'https://public-inspection.federalregister.gov/2026-12990.pdf' },
    });
    expect(article?.publishedAt).toBe('2026-12-01T13:45:00.000Z');
  });

  it('recognises a Federal Register page by its shape even at a URL that is not the API', async () => {
    serveJson('/mirror/fr.json', () => {
      const page = JSON.parse(policyFixture('federal-register-page-2.json'));
      return JSON.stringify(page);
    });
    const source = await follow(bed.web.url('/mirror/fr.json'));
    const result = await pollerFor().pollSource(CONSOLE_TENANT, source);
    expect(result).toMatchObject({ status: 'ok', added: 2 });
    expect((await bed.t.articles()).every((a) => a.policy?.origin === 'federal-register')).toBe(true);
  });

  it('a 5xx becomes a source-health error saying the API had a server error, and the poll backs off', async () => {
    serveJson('/fr/api/v1/documents.json', () => '{"status":503}', 503);
    const source = await follow(bed.web.url('/fr/api/v1/documents.json?conditions%5Bterm%5D=ai'));
    const result = await pollerFor().pollSource(CONSOLE_TENANT, source);
    expect(result.status).toBe('failed');
    expect(result.error).toBe('Federal Register API had a server error (HTTP 503); it will be retried');
    const stored = await bed.t.core.sources.get(CONSOLE_TENANT, source.id);
    expect(stored?.health).toMatchObject({ failures: 1, lastError: result.error });
  });

  it('a malformed answer (broken JSON, or JSON of another shape) is a clear source error, never a crash', async () => {
    serveJson('/fr/api/v1/documents.json', () => '{"count": 2, "results": [{"document_number": ');
    const source = await follow(bed.web.url('/fr/api/v1/documents.json?conditions%5Bterm%5D=ai'));
    const broken = await pollerFor().pollSource(CONSOLE_TENANT, source);
    expect(broken.status).toBe('failed');
    expect(broken.error).toMatch(/^Federal Register API: the answer is not valid JSON/);
    serveJson('/fr/api/v1/documents.json', () => '{"errors": {"conditions": "unknown agency"}}');
    const odd = await pollerFor().pollSource(CONSOLE_TENANT, source);
    expect(odd.error).toBe('Federal Register API: the answer is JSON in a shape this bot does not know.');
    expect(await bed.t.articles()).toHaveLength(0);
  });

  it('a result missing its document number is skipped and named; the rest of the page is kept', async () => {
    serveJson('/fr/api/v1/documents.json', () => {
      const page = JSON.parse(policyFixture('federal-register-page-2.json'));
      page.results[0].document_number = 42;
      return JSON.stringify(page);
    });
    const source = await follow(bed.web.url('/fr/api/v1/documents.json?x=1'));
    const result = await pollerFor().pollSource(CONSOLE_TENANT, source);
    expect(result).toMatchObject({ status: 'ok', added: 1 });
    expect(result.itemErrors[0]).toMatch(/^Federal Register result 1: /);
  });
});
