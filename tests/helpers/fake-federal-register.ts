import type { PolicyApiBases } from '../../src/core/policy/follow-queries.ts';
import type { FakeWeb } from '../fakes/http-server.ts';
import { fakePolicySettings } from './policy-sources.ts';

/** One Federal Register document in the documents.json result shape. */
export interface FrDocument {
  document_number: string;
  title: string;
  type: 'Rule' | 'Proposed Rule' | 'Notice' | 'Presidential Document';
  docket_ids: string[];
  publication_date: string;
  comments_close_on: string | null;
  agency?: { name: string; slug: string };
}

/** A document as the API returns it, with its links built from the number, like the real ones. */
function resultOf(doc: FrDocument): Record<string, unknown> {
  const agency = doc.agency ?? {
    name: 'Environmental Protection Agency',
    slug: 'environmental-protection-agency',
  };
  const [year, month, day] = doc.publication_date.split('-');
  const slug = doc.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    abstract: `${doc.title}: the agency explains what it proposes and why.`,
    action: `${doc.type}.`,
    agencies: [{ raw_name: agency.name.toUpperCase(), name: agency.name, slug: agency.slug }],
    citation: `91 FR ${8000 + Number(doc.document_number.slice(-4))}`,
    comment_url: doc.comments_close_on
      ? `https://www.regulations.gov/commenton/${doc.docket_ids[0] ?? 'X'}-${doc.document_number.slice(-4)}`
      : null,
    comments_close_on: doc.comments_close_on,
    docket_ids: doc.docket_ids,
    document_number: doc.document_number,
    effective_on: null,
    html_url: `https://www.federalregister.gov/documents/${year}/${month}/${day}/${doc.document_number}/${slug}`,
    pdf_url: `https://www.govinfo.gov/content/pkg/FR-${doc.publication_date}/pdf/${doc.document_number}.pdf`,
    publication_date: doc.publication_date,
    regulation_id_numbers: [],
    title: doc.title,
    type: doc.type,
  };
}

/**
 * Serves `/fr/api/v1/documents.json` on the fake web: the documents whose docket_ids hold the
 * `conditions[docket_id]` asked for (all of them without one), newest first, in one page. `documents`
 * is read on every request, so a test adds a document by pushing to its array; `failWith(500)` makes
 * every request fail with that status until `failWith(undefined)`.
 */
export function serveFederalRegister(
  web: FakeWeb,
  documents: FrDocument[],
): { requests: string[]; failWith(status: number | undefined): void } {
  const requests: string[] = [];
  let failure: number | undefined;
  web.route('/fr/api/v1/documents.json', (req, res) => {
    requests.push(req.url ?? '');
    if (failure !== undefined) {
      res.writeHead(failure, { 'content-type': 'text/plain' }).end('the service is failing');
      return;
    }
    const docket = new URL(req.url ?? '/', 'http://x').searchParams.get('conditions[docket_id]');
    const results = documents
      .filter((doc) => !docket || doc.docket_ids.includes(docket))
      .sort((a, b) => b.publication_date.localeCompare(a.publication_date))
      .map(resultOf);
    res
      .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ count: results.length, description: 'Documents', total_pages: 1, results }));
  });
  return {
    requests,
    failWith(status) {
      failure = status;
    },
  };
}

/** Where follows poll in a test: every policy API on the fake web, as fakePolicySettings lays them out. */
export function fakeFollowApis(web: FakeWeb, keys: { congressGov?: boolean } = {}): PolicyApiBases {
  const settings = fakePolicySettings(web);
  return {
    federalRegister: settings.federalRegisterUrl,
    regulationsGov: settings.regulationsGovUrl,
    congressGov: settings.congressGovUrl,
    euOeil: web.url('/oeil'),
    ukBills: web.url('/uk'),
    keys: { regulationsGov: false, congressGov: keys.congressGov ?? false },
  };
}
