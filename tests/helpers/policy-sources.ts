import { readFileSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import type { Source } from '../../src/core/sources.ts';
import { sourceIdFor } from '../../src/core/sources.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
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
