import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../commands/dispatch.ts';
import type { StoryCard } from '../../../src/core/reply.ts';
import { parseFeedText } from '../../../src/ingest/feeds/parse-feed.ts';
import { readEurLex } from '../../../src/ingest/policy/eur-lex.ts';
import { readFederalRegister } from '../../../src/ingest/policy/federal-register.ts';
import type { PolicyDocument } from '../../../src/ingest/policy/policy-document.ts';
import { readRegulationsGov } from '../../../src/ingest/policy/regulations-gov.ts';
import { contextFor } from '../../helpers/context.ts';
import { policyFixture } from '../../helpers/policy-sources.ts';
import { createTestCore, type TestCore } from '../../helpers/temp-store.ts';

let t: TestCore;
beforeEach(async () => {
  t = await createTestCore({ now: '2026-12-02T12:00:00Z' });
  const pages = [
    readFederalRegister(
      JSON.parse(policyFixture('federal-register-page-1.json')),
      'https://www.federalregister.gov/api/v1/documents.json',
    ),
    readFederalRegister(
      JSON.parse(policyFixture('federal-register-page-2.json')),
      'https://www.federalregister.gov/api/v1/documents.json',
    ),
    readRegulationsGov(
      JSON.parse(policyFixture('regulations-gov-documents-page-2.json')),
      'https://api.regulations.gov/v4/documents',
    ),
    readEurLex((parseFeedText(policyFixture('eur-lex.xml')) as unknown as { ok: true; feed: never }).feed),
  ];
  const documents: PolicyDocument[] = pages.flatMap((reading) => (reading?.ok ? reading.page.documents : []));
  for (const d of documents)
    await t.core.writer.save({
      url: d.url,
      title: d.title,
      text: d.text,
      publishedAt: d.publishedAt,
      source: 'Primary',
      policy: d.policy,
    });
});
afterEach(async () => t.close());

async function urls(query: string): Promise<string[]> {
  const reply = await dispatch({ name: 'news', text: query }, contextFor(t));
  return reply.kind === 'stories' ? reply.stories.flatMap((s: StoryCard) => s.url).sort() : [];
}

const FR = 'https://www.federalregister.gov/documents/2026/11';
const RULE = `${FR}/27/2026-12345/broadband-data-collection`;
const EUR_LEX = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A';

describe('primary-source taxonomy in /news filters', () => {
  it.each([
    ['agency:fcc kind:proposed-rule', [RULE]],
    ['broadband kind:rule', [`${FR}/25/2026-12201/broadband-labels`]],
    ['kind:presidential', [`${FR}/18/2026-11800/expanding-rural-broadband`]],
    ['agency:epa', ['https://www.regulations.gov/document/EPA-HQ-OAR-2026-0001-0107']],
    // jurisdiction: comes from the record: the EU acts are eu, the US documents are not.
    ['jurisdiction:eu kind:legislation', [`${EUR_LEX}32024R1689`]],
    ['jurisdiction:eu kind:proposed-rule', [`${EUR_LEX}52023PC0360`]],
    // ref: finds a document by any identifier it carries: number, citation or docket.
    ['ref:2026-12345', [RULE]],
    ['ref:fr-91-81234', [RULE]],
    ['ref:gn-26-118', [RULE]],
  ])('/news %s finds exactly the documents with those tags', async (query, expected) => {
    expect(await urls(query)).toEqual(expected);
  });

  it('agency: takes the official slug as well as the short name', async () => {
    expect(await urls('agency:federal-communications-commission')).toEqual(
      [
        RULE,
        `${FR}/25/2026-12201/broadband-labels`,
        `${FR}/20/2026-11987/broadband-deployment-advisory-committee`,
      ].sort(),
    );
  });
});
