import { afterAll, describe, expect, it } from 'vitest';
import { createPolicyCatalogue } from '../../../src/core/policy/policy-catalogue.ts';
import { addArticle } from '../../digests/support.ts';
import { storePolicyArticle } from '../../helpers/policy-articles.ts';
import { createTestCore, type TestCore } from '../../helpers/temp-store.ts';

const opened: TestCore[] = [];
afterAll(async () => {
  for (const core of opened) await core.close();
});

describe('the policy catalogue', () => {
  it('sees new, changed (the record alone) and deleted primary documents between reads, and no news articles', async () => {
    const t = await createTestCore();
    opened.push(t);
    // Complete stamps: the catalogue reads by them rather than scanning the store.
    expect((await t.core.articles.stamps()).epoch).toBeDefined();
    const catalogue = createPolicyCatalogue(t.core.articles);
    await addArticle(t.core, { title: 'A news story about a rule' });
    await storePolicyArticle(t, { number: '2026-60001', title: 'First Rule', closesOn: '2026-12-20' });
    expect((await catalogue.read()).map((a) => a.policy.documentNumber)).toEqual(['2026-60001']);
    await storePolicyArticle(t, { number: '2026-60002', title: 'Second Rule' });
    // The same words, a new closing day: only the record changed.
    await storePolicyArticle(t, { number: '2026-60001', title: 'First Rule', closesOn: '2027-01-10' });
    const read = await catalogue.read();
    expect(read.map((a) => a.policy.documentNumber).sort()).toEqual(['2026-60001', '2026-60002']);
    expect(read.find((a) => a.policy.documentNumber === '2026-60001')?.policy.commentsCloseOn).toBe(
      '2027-01-10',
    );
  });
});
