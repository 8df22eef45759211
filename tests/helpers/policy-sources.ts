import { readFileSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import type { ArticleWriter } from '../../src/core/article-writer.ts';
import type { Source } from '../../src/core/sources.ts';
import { sourceIdFor } from '../../src/core/sources.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { readFederalRegister } from '../../src/ingest/policy/federal-register.ts';
import type { PolicyApiSettings } from '../../src/ingest/policy/policy-apis.ts';
import { createPolicySources, type PolicySources } from '../../src/ingest/policy/policy-sources.ts';
import { type FakeWeb, startFakeWeb } from '../fakes/http-server.ts';
import { createTestCore, type TestCore } from './temp-store.ts';

/** Settings pointing every US policy API at the fake web: /fr/api/v1/, /regs/v4/, /congress/v3/. */
export function fakePolicySettings(
  web: FakeWeb,
  keys: { regulations?: string; congress?: string } = {},
): PolicyApiSettings {
  return {
    federalRegisterUrl: web.url('/fr/api/v1/'),
    regulationsGovUrl: web.url('/regs/v4/'),
    congressGovUrl: web.url('/congress/v3/'),
    ...(keys.regulations ? { regulationsGovKey: keys.regulations } : {}),
    ...(keys.congress ? { congressGovKey: keys.congress } : {}),
  };
}

/** Policy readers over a loopback-allowed fetcher, with the quota clock a test may drive. */
export function createTestPolicySources(
  settings: PolicyApiSettings,
  options: { now?: () => number; maxPages?: number } = {},
): PolicySources {
  const fetcher = createFetcher({
    limits: { timeoutMs: 2000, maxBytes: 2_000_000, userAgent: 'PolicyWireTest', allowPrivateNetworks: true },
  });
  return createPolicySources({ fetcher, settings, ...options });
}

/** Serves a fixture with `{{BASE}}` replaced by the fake web's origin, so its paging links point back at it. */
export function fixtureWith(web: FakeWeb, text: string): string {
  return text.replaceAll('{{BASE}}', web.url(''));
}

/** Follows `url` as a source of `tenant` in a test core, never polled yet. */
export async function addTestSource(t: TestCore, tenant: Tenant, url: string, name: string): Promise<Source> {
  const source: Source = {
    id: sourceIdFor(url),
    url,
    name,
    intervalMinutes: 15,
    createdAt: t.clock.now().toISOString(),
    health: { itemsSeen: 0, failures: 0 },
  };
  await t.core.sources.put(tenant, source.id, source);
  return source;
}

/** The text of a fixture in tests/fixtures/policy/. */
export function policyFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/policy/${name}`, import.meta.url), 'utf8');
}

/** A fake web and a test core made fresh for each test of the calling file (vitest hooks), closed after. */
export function usePolicyTestbed(now = '2026-12-02T12:00:00Z'): {
  readonly web: FakeWeb;
  readonly t: TestCore;
} {
  let web: FakeWeb | undefined;
  let t: TestCore | undefined;
  beforeEach(async () => {
    web = await startFakeWeb();
    t = await createTestCore({ now });
  });
  afterEach(async () => {
    await web?.close();
    await t?.close();
  });
  return {
    get web() {
      if (!web) throw new Error('the testbed is only ready inside a test');
      return web;
    },
    get t() {
      if (!t) throw new Error('the testbed is only ready inside a test');
      return t;
    },
  };
}

/** What a card citing the seeded proposed rule must say, and where it must link. */
export const CITED_RULE = {
  url: 'https://www.federalregister.gov/documents/2026/11/27/2026-12345/broadband-data-collection',
  line: '91 FR 81234, proposed rule, comments close 28 Dec',
  story: 'Acme Wireless vows to fight the FCC coverage map rules',
};

/**
 * Stores the Federal Register's proposed rule 2026-12345 (read from the fixture by the real reader) and a
 * news story that cites it only by its document number, both public.
 */
export async function seedCitedStory(writer: ArticleWriter): Promise<void> {
  const reading = readFederalRegister(
    JSON.parse(policyFixture('federal-register-page-1.json')),
    'https://www.federalregister.gov/api/v1/documents.json',
  );
  const rule = reading?.ok
    ? reading.page.documents.find((d) => d.policy.documentNumber === '2026-12345')
    : undefined;
  if (!rule) throw new Error('the Federal Register fixture lost document 2026-12345');
  await writer.save({
    url: rule.url,
    title: rule.title,
    text: rule.text,
    source: 'Federal Register',
    publishedAt: rule.publishedAt,
    policy: rule.policy,
  });
  await writer.save({
    url: 'https://telecomwire.example/acme-fights-map-rules',
    title: CITED_RULE.story,
    source: 'Telecom Wire',
    publishedAt: '2026-12-01T09:00:00Z',
    text: [
      'Acme Wireless said on Tuesday that it would oppose the Federal Communications Commission plan to change how fixed wireless coverage is shown on the national broadband map.',
      'The proposal, published last week as FR Doc. 2026-12345, asks carriers to file new propagation data and opens a challenge process for towns that say the map overstates service.',
      'Acme, which serves rural customers in three states, said the rules would cost small providers millions of dollars and would not make the map more accurate.',
      'Consumer groups welcomed the plan and urged the agency to finish it before the next round of subsidy grants.',
    ].join(' '),
  });
}
