import { z } from 'zod';
import type { PolicyKind, PolicyRecord } from '../../core/policy/policy-record.ts';
import {
  asRecord,
  documentText,
  httpLink,
  isoDay,
  isoInstant,
  optionalText,
  type PolicyDocument,
  type PolicyReading,
  readEach,
  slugOf,
} from './policy-document.ts';

/**
 * The Federal Register API v1 (`/api/v1/documents.json`, `/api/v1/public-inspection-documents.json`): a
 * page is `{count, total_pages, next_page_url, results: [...]}`, each result a document with the fields
 * asked for by `fields[]` (document_number, type, dates, agencies, docket_ids, links, citation).
 */

const text = optionalText;
const agencySchema = z.object({ name: text, raw_name: text, slug: text }).passthrough();
const resultSchema = z
  .object({
    document_number: z.string().min(1),
    title: z.string().nullish(),
    type: text,
    abstract: text,
    action: text,
    publication_date: text,
    effective_on: text,
    comments_close_on: text,
    docket_ids: z.array(z.string()).nullish(),
    docket_numbers: z.array(z.string()).nullish(),
    regulation_id_numbers: z.array(z.string()).nullish(),
    agencies: z.array(agencySchema).nullish(),
    html_url: text,
    pdf_url: text,
    comment_url: text,
    citation: text,
    // Public inspection: filed before publication, with its own PDF.
    filed_at: text,
    filing_type: text,
    public_inspection_pdf_url: text,
  })
  .passthrough();

const KINDS: Record<string, PolicyKind> = {
  rule: 'rule',
  'proposed rule': 'proposed-rule',
  notice: 'notice',
  'presidential document': 'presidential',
};

/** The policy kind of a Federal Register `type` ("Proposed Rule" → proposed-rule). */
export function federalRegisterKind(type: string | null | undefined): PolicyKind {
  return KINDS[(type ?? '').trim().toLowerCase()] ?? 'other';
}

/** True when a parsed JSON answer has the Federal Register's page shape. */
export function isFederalRegisterPage(data: unknown): boolean {
  const page = asRecord(data);
  if (!page || !('count' in page || 'total_pages' in page || 'next_page_url' in page)) return false;
  if (!Array.isArray(page.results)) return page.count === 0 && typeof page.description === 'string';
  if (page.results.length === 0) return 'total_pages' in page;
  return page.results.some((result) => typeof asRecord(result)?.document_number === 'string');
}

/** Reads a Federal Register page into documents; undefined when the answer is not one. */
export function readFederalRegister(data: unknown, pageUrl: string): PolicyReading {
  if (!isFederalRegisterPage(data)) return undefined;
  const page = data as Record<string, unknown>;
  const results = Array.isArray(page.results) ? page.results : [];
  const { documents, skipped } = readEach(
    results,
    resultSchema,
    'Federal Register result',
    (result) => toDocument(result, pageUrl) ?? `document ${result.document_number} has no usable link`,
  );
  const next = httpLink(page.next_page_url, pageUrl);
  return {
    ok: true,
    page: {
      origin: 'federal-register',
      label: 'Federal Register',
      documents,
      skipped,
      ...(next ? { next } : {}),
    },
  };
}

type Result = z.infer<typeof resultSchema>;

function toDocument(result: Result, pageUrl: string): PolicyDocument | undefined {
  const number = result.document_number.trim();
  const html = httpLink(result.html_url, pageUrl);
  const pdf = httpLink(result.pdf_url ?? result.public_inspection_pdf_url, pageUrl);
  const url = html ?? pdf;
  if (!url) return undefined;
  const kind = federalRegisterKind(result.type);
  const onInspection = Boolean(result.filed_at || result.public_inspection_pdf_url || result.filing_type);
  const published = isoDay(result.publication_date);
  const closes = isoDay(result.comments_close_on);
  const effective = isoDay(result.effective_on);
  const docketIds = unique([...(result.docket_ids ?? []), ...(result.docket_numbers ?? [])]);
  const agencies = (result.agencies ?? []).flatMap((agency) => {
    const name = (agency.name ?? agency.raw_name ?? '').trim();
    return name ? [{ name, slug: agency.slug?.trim() || slugOf(name) }] : [];
  });
  const comment = httpLink(result.comment_url, pageUrl);
  const status = onInspection
    ? `On public inspection${isoDay(result.filed_at) ? ` since ${isoDay(result.filed_at)}` : ''}`
    : result.action?.trim() || undefined;
  const policy: PolicyRecord = {
    kind,
    origin: 'federal-register',
    documentNumber: number,
    docketIds,
    agencies,
    jurisdiction: 'us',
    ...(closes ? { commentsCloseOn: closes } : {}),
    ...(effective ? { effectiveOn: effective } : {}),
    ...(status ? { status } : {}),
    ...(onInspection ? isoDayField(result.filed_at) : published ? { statusOn: published } : {}),
    ...(result.citation?.trim() ? { citation: result.citation.trim() } : {}),
    links: { ...(html ? { html } : {}), ...(pdf ? { pdf } : {}), ...(comment ? { comment } : {}) },
  };
  const title = result.title?.trim() || `Federal Register document ${number}`;
  // A document on public inspection is news the day it is filed, a business day before it is published.
  const publishedAt = isoInstant(
    onInspection ? (result.filed_at ?? result.publication_date) : result.publication_date,
  );
  return {
    id: `federal-register:${number}`,
    url,
    title,
    text: documentText([
      result.abstract ?? undefined,
      result.action ?? undefined,
      `${result.type ?? 'Document'} ${number}${policy.citation ? ` (${policy.citation})` : ''}${
        agencies.length ? ` from ${agencies.map((a) => a.name).join(', ')}` : ''
      }.`,
      onInspection
        ? `On public inspection before publication${published ? ` on ${published}` : ''}.`
        : undefined,
      closes ? `Comments close on ${closes}.` : undefined,
      effective ? `Effective on ${effective}.` : undefined,
      docketIds.length ? `Docket: ${docketIds.join(', ')}.` : undefined,
      result.regulation_id_numbers?.length ? `RIN: ${result.regulation_id_numbers.join(', ')}.` : undefined,
    ]),
    ...(publishedAt ? { publishedAt } : {}),
    policy,
  };
}

function isoDayField(value: string | null | undefined): { statusOn?: string } {
  const day = isoDay(value);
  return day ? { statusOn: day } : {};
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter(Boolean))];
}
