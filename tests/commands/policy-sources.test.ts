import { describe, expect, it } from 'vitest';
import { dispatch } from '../../commands/dispatch.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { contextFor } from '../helpers/context.ts';
import { createTestPolicySources } from '../helpers/policy-sources.ts';
import { createTestCore } from '../helpers/temp-store.ts';

const OFFICIAL = {
  federalRegisterUrl: 'https://www.federalregister.gov/api/v1/',
  regulationsGovUrl: 'https://api.regulations.gov/v4/',
  congressGovUrl: 'https://api.congress.gov/v3/',
};
// Public addresses for the official hosts, so the SSRF guard lets them by without a real DNS answer.
const dns = async () => [{ address: '93.184.216.34', family: 4 as const }];

async function withCore(
  keys: { regulationsGovKey?: string; congressGovKey?: string },
  body: (
    run: (text: string) => ReturnType<typeof dispatch>,
    list: () => Promise<{ url: string; name: string }[]>,
  ) => Promise<void>,
) {
  const t = await createTestCore({
    sourceGuard: createSsrfGuard({ allowPrivate: false, resolve: dns }),
    policySources: createTestPolicySources({ ...OFFICIAL, ...keys }),
  });
  try {
    await body(
      (text) => dispatch({ name: 'sources', text }, contextFor(t)),
      () => t.core.sources.list(CONSOLE_TENANT),
    );
  } finally {
    await t.close();
  }
}

describe('/sources add with policy sources', () => {
  it('refuses a regulations.gov URL when REGULATIONS_GOV_API_KEY is missing, saying where to get a key', async () => {
    await withCore({}, async (run, list) => {
      const reply = await run('add https://api.regulations.gov/v4/documents?filter[docketId]=FCC-2026-0412');
      expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
      expect(reply.kind === 'notice' ? `${reply.text} ${reply.hint}` : '').toMatch(
        /REGULATIONS_GOV_API_KEY is not set\..*https:\/\/api\.data\.gov\/signup\//,
      );
      expect(await list()).toEqual([]);
    });
  });

  it('follows a congress.gov bill page through the API’s actions for that bill, named congress.gov', async () => {
    await withCore({ congressGovKey: 'k' }, async (run, list) => {
      const reply = await run('add https://www.congress.gov/bill/119th-congress/house-bill/1234');
      expect(reply).toMatchObject({ kind: 'notice', level: 'success' });
      expect(await list()).toMatchObject([
        { url: 'https://api.congress.gov/v3/bill/119/hr/1234/actions', name: 'congress.gov' },
      ]);
    });
  });

  it('follows a regulations.gov docket page through its documents, and a Federal Register search through documents.json', async () => {
    await withCore({ regulationsGovKey: 'k' }, async (run, list) => {
      await run('add https://www.regulations.gov/docket/FCC-2026-0412');
      await run(
        'add https://www.federalregister.gov/documents/search?conditions%5Bagencies%5D%5B%5D=federal-communications-commission',
      );
      const urls = (await list()).map((s) => [s.name, s.url]).sort();
      expect(urls).toEqual([
        [
          'Federal Register',
          'https://www.federalregister.gov/api/v1/documents.json?conditions%5Bagencies%5D%5B%5D=federal-communications-commission',
        ],
        [
          'regulations.gov',
          'https://api.regulations.gov/v4/documents?filter%5BdocketId%5D=FCC-2026-0412&sort=-lastModifiedDate',
        ],
      ]);
    });
  });

  it('never stores an api_key pasted into a URL: keys come from the environment', async () => {
    await withCore({ congressGovKey: 'k' }, async (run, list) => {
      await run('add https://api.congress.gov/v3/bill/119/s/56?api_key=PASTED-SECRET');
      const [source] = await list();
      expect(source?.url).toBe('https://api.congress.gov/v3/bill/119/s/56');
    });
  });
});
