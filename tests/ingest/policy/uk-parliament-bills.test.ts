import { describe, expect, it } from 'vitest';
import { CONSOLE_TENANT } from '../../../src/core/tenant.ts';
import {
  addTestSource,
  createTestPolicySources,
  fakePolicySettings,
  policyFixture,
  usePolicyTestbed,
} from '../../helpers/policy-sources.ts';
import { createTestPoller } from '../../helpers/test-poller.ts';

const bed = usePolicyTestbed();

const LAST_PAGE = {
  items: [
    {
      billId: 3950,
      shortTitle: 'Artificial Intelligence (Regulation) Bill [HL]',
      currentHouse: 'Lords',
      originatingHouse: 'Lords',
      lastUpdate: '2026-11-02T10:00:00',
      billWithdrawn: '2026-11-02T00:00:00',
      isDefeated: false,
      isAct: false,
      currentStage: null,
    },
  ],
  totalResults: 3,
  itemsPerPage: 2,
};

describe('UK Parliament bills API sources', () => {
  it('reads bills with their current stage, paging by Skip and Take', async () => {
    bed.web.route('/api/v1/Bills', (req, res) => {
      const skip = new URL(req.url ?? '/', 'http://x').searchParams.get('Skip');
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(skip === '2' ? JSON.stringify(LAST_PAGE) : policyFixture('uk-parliament-bills.json'));
    });
    const source = await addTestSource(
      bed.t,
      CONSOLE_TENANT,
      bed.web.url('/api/v1/Bills?SortOrder=DateUpdatedDescending&Take=2'),
      'UK bills',
    );
    const policy = createTestPolicySources(fakePolicySettings(bed.web));
    const result = await createTestPoller(bed.t, { policy }).pollSource(CONSOLE_TENANT, source);
    expect(result).toMatchObject({ status: 'ok', added: 3 });
    const byNumber = new Map((await bed.t.articles()).map((a) => [a.policy?.documentNumber, a]));
    expect(byNumber.get('uk-bill-3921')?.policy).toEqual({
      kind: 'bill',
      origin: 'uk-parliament',
      documentNumber: 'uk-bill-3921',
      docketIds: [],
      agencies: [{ name: 'UK Parliament', slug: 'uk-parliament' }],
      jurisdiction: 'uk',
      status: '2nd reading, Lords',
      statusOn: '2026-11-25',
      links: { html: 'https://bills.parliament.uk/bills/3921' },
    });
    expect(byNumber.get('uk-bill-3874')?.policy?.status).toBe('Act of Parliament (Royal Assent)');
    expect(byNumber.get('uk-bill-3950')?.policy).toMatchObject({
      status: 'Withdrawn',
      statusOn: '2026-11-02',
    });
    expect(bed.web.requests[1]?.path).toContain('Skip=2');
  });

  it('a bill without a numeric billId is named as skipped and the others are kept', async () => {
    const page = JSON.parse(policyFixture('uk-parliament-bills.json'));
    page.items[1].billId = 'x';
    page.totalResults = 2;
    bed.web.route('/api/v1/Bills', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page)),
    );
    const source = await addTestSource(bed.t, CONSOLE_TENANT, bed.web.url('/api/v1/Bills'), 'UK bills');
    const policy = createTestPolicySources(fakePolicySettings(bed.web));
    const result = await createTestPoller(bed.t, { policy }).pollSource(CONSOLE_TENANT, source);
    expect(result).toMatchObject({ status: 'ok', added: 1 });
    expect(result.itemErrors).toEqual([expect.stringMatching(/^UK bill 2: /)]);
  });
});
