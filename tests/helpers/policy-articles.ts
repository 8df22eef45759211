import type { PolicyRecord } from '../../src/core/policy/policy-record.ts';
import type { TestCore } from './temp-store.ts';

/** What a test says about one stored primary document; the rest is filled in like a Federal Register notice. */
export interface PolicyArticleSpec {
  number: string;
  title: string;
  closesOn?: string;
  opensOn?: string;
  docketIds?: string[];
  text?: string;
  owner?: string;
}

/** Stores a primary document through the article writer, the path every reader's documents take. */
export async function storePolicyArticle(t: TestCore, spec: PolicyArticleSpec): Promise<void> {
  const policy: PolicyRecord = {
    kind: 'proposed-rule',
    origin: 'federal-register',
    documentNumber: spec.number,
    docketIds: spec.docketIds ?? [],
    agencies: [{ name: 'Federal Trade Commission', slug: 'federal-trade-commission' }],
    jurisdiction: 'us',
    ...(spec.opensOn ? { commentsOpenOn: spec.opensOn } : {}),
    ...(spec.closesOn ? { commentsCloseOn: spec.closesOn } : {}),
    links: {
      html: `https://www.federalregister.gov/d/${spec.number}`,
      ...(spec.closesOn ? { comment: `https://www.regulations.gov/commenton/${spec.number}` } : {}),
    },
  };
  await t.core.writer.save(
    {
      url: `https://www.federalregister.gov/d/${spec.number}`,
      title: spec.title,
      text: spec.text ?? `${spec.title}. The agency proposes a rule and invites comment on it.`,
      source: 'Federal Register',
      publishedAt: '2026-11-25T00:00:00Z',
      policy,
    },
    spec.owner ? { owner: spec.owner } : {},
  );
}
