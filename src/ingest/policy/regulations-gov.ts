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
} from './policy-document.ts';

/**
 * regulations.gov API v4: JSON:API answers, `{data: [...] | {...}, meta, links?}`, each resource
 * `{id, type: "documents" | "dockets" | "comments", attributes: {...}}`. Pages follow `links.next` when
 * given, else `meta.hasNextPage` with `page[number]`.
 */

const text = optionalText;
const attributesSchema = z
  .object({
    title: text,
    agencyId: text,
    docketId: text,
    documentType: text,
    docketType: text,
    frDocNum: text,
    commentStartDate: text,
    commentEndDate: text,
    postedDate: text,
    lastModifiedDate: text,
    modifyDate: text,
    openForComment: z.boolean().nullish(),
    withdrawn: z.boolean().nullish(),
    dkAbstract: text,
    rin: text,
  })
  .passthrough();
const resourceSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['documents', 'dockets', 'comments']),
  attributes: attributesSchema,
});
const TYPES = new Set(['documents', 'dockets', 'comments']);

const KINDS: Record<string, PolicyKind> = {
  rule: 'rule',
  'proposed rule': 'proposed-rule',
  notice: 'notice',
};

/** True when a parsed answer is a regulations.gov JSON:API document: `data` of documents, dockets or comments. */
export function isRegulationsGovAnswer(data: unknown): boolean {
  const answer = asRecord(data);
  if (!answer || !('data' in answer)) return false;
  const resources = Array.isArray(answer.data) ? answer.data : [answer.data];
  if (resources.length === 0) return asRecord(answer.meta)?.totalElements !== undefined;
  return resources.some((resource) => {
    const record = asRecord(resource);
    return (
      typeof record?.type === 'string' && TYPES.has(record.type) && asRecord(record.attributes) !== undefined
    );
  });
}

/** Reads a regulations.gov answer (a list or one resource) into documents; undefined when it is not one. */
export function readRegulationsGov(data: unknown, pageUrl: string): PolicyReading {
  if (!isRegulationsGovAnswer(data)) return undefined;
  const answer = data as Record<string, unknown>;
  const resources = Array.isArray(answer.data) ? answer.data : [answer.data];
  const { documents, skipped } = readEach(resources, resourceSchema, 'regulations.gov resource', toDocument);
  const next = nextPage(answer, pageUrl);
  return {
    ok: true,
    page: {
      origin: 'regulations-gov',
      label: 'regulations.gov',
      documents,
      skipped,
      ...(next ? { next } : {}),
    },
  };
}

/** The next page: `links.next` when the answer gives one, else `page[number]` + 1 while `meta.hasNextPage`. */
function nextPage(answer: Record<string, unknown>, pageUrl: string): string | undefined {
  const linked = httpLink(asRecord(answer.links)?.next, pageUrl);
  if (linked) return linked;
  const meta = asRecord(answer.meta);
  if (meta?.hasNextPage !== true) return undefined;
  const current = typeof meta.pageNumber === 'number' ? meta.pageNumber : 1;
  const url = new URL(pageUrl);
  url.searchParams.set('page[number]', String(current + 1));
  return url.href;
}

type Resource = z.infer<typeof resourceSchema>;

function toDocument(resource: Resource): PolicyDocument {
  const a = resource.attributes;
  const isDocket = resource.type === 'dockets';
  const agencyId = a.agencyId?.trim();
  const docketId = isDocket ? resource.id : a.docketId?.trim();
  const opens = isoDay(a.commentStartDate);
  const closes = isoDay(a.commentEndDate);
  const modified = a.lastModifiedDate ?? a.modifyDate;
  const html = `https://www.regulations.gov/${isDocket ? 'docket' : 'document'}/${encodeURIComponent(resource.id)}`;
  const kind: PolicyKind = isDocket
    ? 'docket'
    : (KINDS[(a.documentType ?? '').trim().toLowerCase()] ?? 'other');
  const status = a.withdrawn
    ? 'Withdrawn'
    : a.openForComment
      ? 'Open for comment'
      : (a.documentType ?? a.docketType ?? undefined)?.trim() || undefined;
  const policy: PolicyRecord = {
    kind,
    origin: 'regulations-gov',
    ...(isDocket ? {} : { documentNumber: a.frDocNum?.trim() || resource.id }),
    docketIds: docketId ? [docketId] : [],
    agencies: agencyId ? [{ name: agencyId, slug: agencyId.toLowerCase() }] : [],
    jurisdiction: 'us',
    ...(opens ? { commentsOpenOn: opens } : {}),
    ...(closes ? { commentsCloseOn: closes } : {}),
    ...(status ? { status } : {}),
    ...(isoDay(modified) ? { statusOn: isoDay(modified) } : {}),
    links: {
      html,
      ...(closes && !isDocket
        ? { comment: `https://www.regulations.gov/commenton/${encodeURIComponent(resource.id)}` }
        : {}),
    },
  };
  const what = isDocket
    ? `${a.docketType ?? 'Docket'} ${resource.id}`
    : `${a.documentType ?? 'Document'} ${resource.id}`;
  const publishedAt = isoInstant(a.postedDate);
  const modifiedAt = isoInstant(modified);
  return {
    id: `regulations-gov:${resource.type}:${resource.id}`,
    url: html,
    title: a.title?.trim() || what,
    text: documentText([
      a.dkAbstract ?? undefined,
      `${what}${docketId && !isDocket ? ` in docket ${docketId}` : ''}${agencyId ? ` (${agencyId})` : ''}.`,
      a.frDocNum ? `Federal Register document ${a.frDocNum}.` : undefined,
      opens || closes
        ? `Comments ${opens ? `open ${opens}` : ''}${opens && closes ? ' and ' : ''}${closes ? `close ${closes}` : ''}.`
        : undefined,
      a.rin ? `RIN: ${a.rin}.` : undefined,
    ]),
    ...(publishedAt ? { publishedAt } : {}),
    ...(modifiedAt ? { modifiedAt } : {}),
    policy,
  };
}
