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

async function pollFeed(path: string, file: string, type: string) {
  bed.web.route(path, (_req, res) => res.writeHead(200, { 'content-type': type }).end(policyFixture(file)));
  const source = await addTestSource(bed.t, CONSOLE_TENANT, bed.web.url(path), 'feed');
  const policy = createTestPolicySources(fakePolicySettings(bed.web));
  const result = await createTestPoller(bed.t, { policy, fetchTeasers: false }).pollSource(
    CONSOLE_TENANT,
    source,
  );
  return { result, articles: await bed.t.articles() };
}

describe('EU and UK policy feeds, recognised by their contents', () => {
  it('an EUR-Lex RSS feed becomes legislation and proposals keyed by CELEX number', async () => {
    const { result, articles } = await pollFeed('/eurlex.rss', 'eur-lex.xml', 'application/rss+xml');
    expect(result).toMatchObject({ status: 'ok', added: 2 });
    const byCelex = new Map(articles.map((a) => [a.policy?.documentNumber, a]));
    expect(byCelex.get('32024R1689')?.policy).toEqual({
      kind: 'legislation',
      origin: 'eur-lex',
      documentNumber: '32024R1689',
      docketIds: [],
      agencies: [{ name: 'European Union', slug: 'eu' }],
      jurisdiction: 'eu',
      status: 'Published',
      statusOn: '2024-07-12',
      citation: 'CELEX 32024R1689',
      links: { html: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R1689' },
    });
    expect(byCelex.get('52023PC0360')?.policy?.kind).toBe('proposed-rule');
  });

  it('a Legislative Observatory procedure feed becomes one procedure record per stage of 2024/0001(COD)', async () => {
    const { result, articles } = await pollFeed('/oeil.rss', 'eu-oeil-procedure.xml', 'application/rss+xml');
    expect(result).toMatchObject({ status: 'ok', added: 2 });
    const stages = articles.map((a) => a.policy).sort((a, b) => (a!.statusOn! < b!.statusOn! ? -1 : 1));
    expect(stages.map((p) => [p?.kind, p?.documentNumber, p?.status, p?.statusOn])).toEqual([
      ['procedure', '2024/0001(COD)', 'Vote in committee, 1st reading', '2026-11-12'],
      ['procedure', '2024/0001(COD)', 'Committee report tabled for plenary, 1st reading', '2026-11-26'],
    ]);
    expect(stages[0]).toMatchObject({
      jurisdiction: 'eu',
      agencies: [{ name: 'European Parliament', slug: 'european-parliament' }],
      links: {
        html: 'https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference=2024/0001(COD)',
      },
    });
  });

  it('a legislation.gov.uk Atom feed becomes legislation with its SI or Act citation', async () => {
    const { result, articles } = await pollFeed(
      '/new/data.feed',
      'legislation-gov-uk.atom',
      'application/atom+xml',
    );
    expect(result).toMatchObject({ status: 'ok', added: 2 });
    const byNumber = new Map(articles.map((a) => [a.policy?.documentNumber, a]));
    expect(byNumber.get('uksi/2026/1234')?.policy).toMatchObject({
      kind: 'legislation',
      origin: 'legislation-gov-uk',
      jurisdiction: 'uk',
      status: 'Made',
      citation: 'S.I. 2026/1234',
      links: { html: 'https://www.legislation.gov.uk/uksi/2026/1234' },
    });
    expect(byNumber.get('ukpga/2026/12')?.policy).toMatchObject({
      status: 'Enacted',
      citation: '2026 c. 12',
    });
  });

  it('an ordinary news feed is still read as news, with no policy record', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
      <item><title>FCC votes</title><link>https://wire.example/fcc</link><guid>1</guid><pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate>
      <description>The FCC voted on Tuesday.</description></item></channel></rss>`;
    bed.web.route('/news.rss', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
    );
    const source = await addTestSource(bed.t, CONSOLE_TENANT, bed.web.url('/news.rss'), 'Wire');
    const policy = createTestPolicySources(fakePolicySettings(bed.web));
    const result = await createTestPoller(bed.t, { policy, fetchTeasers: false }).pollSource(
      CONSOLE_TENANT,
      source,
    );
    expect(result.added).toBe(1);
    expect((await bed.t.articles())[0]?.policy).toBeUndefined();
  });
});
