import { createHash } from 'node:crypto';
import { z } from 'zod';
import { billId, billLabel, congressGovBillUrl } from '../../core/policy/bill-ids.ts';
import type { PolicyRecord } from '../../core/policy/policy-record.ts';
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
 * congress.gov API v3: a bill list `{bills: [...], pagination: {count, next}}`, one bill `{bill: {...}}`,
 * or a bill's actions `{actions: [...], pagination, request: {congress, billType, billNumber}}`; at most
 * 250 items a page, the next page's URL in `pagination.next` (without the key, which is added per request).
 */

const text = optionalText;
const latestSchema = z.object({ actionDate: text, text }).passthrough();
const billSchema = z
  .object({
    congress: z.coerce.number().int().positive(),
    type: z.string().min(1),
    number: z.union([z.string().min(1), z.number()]),
    title: text,
    originChamber: text,
    introducedDate: text,
    updateDate: text,
    latestAction: latestSchema.nullish(),
    policyArea: z.object({ name: text }).passthrough().nullish(),
  })
  .passthrough();
const actionSchema = z
  .object({
    actionDate: z.string().min(1),
    text: z.string().min(1),
    type: text,
    actionCode: text,
    sourceSystem: z.object({ name: text }).passthrough().nullish(),
  })
  .passthrough();

const CONGRESS = { name: 'United States Congress', slug: 'congress' };

/** True when a parsed answer has a congress.gov bills, bill or actions shape. */
export function isCongressGovAnswer(data: unknown): boolean {
  const answer = asRecord(data);
  if (!answer) return false;
  if (asRecord(answer.bill)?.congress !== undefined) return true;
  const paged = asRecord(answer.pagination) !== undefined || asRecord(answer.request) !== undefined;
  return paged && (Array.isArray(answer.bills) || Array.isArray(answer.actions));
}

/** Reads a congress.gov answer into bill and bill-action documents; undefined when it is not one. */
export function readCongressGov(data: unknown, pageUrl: string): PolicyReading {
  if (!isCongressGovAnswer(data)) return undefined;
  const answer = data as Record<string, unknown>;
  let read: { documents: PolicyDocument[]; skipped: string[] };
  if (Array.isArray(answer.actions)) {
    const bill = billOfActions(answer, pageUrl);
    if (!bill) return { ok: false, reason: 'a list of actions that does not say which bill they belong to' };
    read = readEach(answer.actions, actionSchema, 'congress.gov action', (action) =>
      actionDocument(bill, action),
    );
  } else {
    const bills = Array.isArray(answer.bills) ? answer.bills : [answer.bill];
    read = readEach(
      bills,
      billSchema,
      'congress.gov bill',
      (bill) => billDocument(bill) ?? 'an unknown bill type',
    );
  }
  const { documents, skipped } = read;
  const next = httpLink(asRecord(answer.pagination)?.next, pageUrl);
  return {
    ok: true,
    page: { origin: 'congress-gov', label: 'congress.gov', documents, skipped, ...(next ? { next } : {}) },
  };
}

/** The bill a page of actions is about: from the answer's `request`, else from the URL's path. */
function billOfActions(answer: Record<string, unknown>, pageUrl: string): string | undefined {
  const request = asRecord(answer.request);
  if (request?.congress && request.billType && request.billNumber)
    return billId(String(request.billType), String(request.billNumber), Number(request.congress));
  const match = /\/bill\/(\d+)\/([a-z]+)\/(\d+)\/actions/i.exec(new URL(pageUrl).pathname);
  return match ? billId(match[2] as string, match[3] as string, Number(match[1])) : undefined;
}

function billDocument(bill: z.infer<typeof billSchema>): PolicyDocument | undefined {
  const id = billId(bill.type, bill.number, bill.congress);
  const url = id ? congressGovBillUrl(id) : undefined;
  if (!id || !url) return undefined;
  const label = billLabel(id);
  const status = bill.latestAction?.text?.trim();
  const statusOn = isoDay(bill.latestAction?.actionDate);
  const policy: PolicyRecord = {
    kind: 'bill',
    origin: 'congress-gov',
    documentNumber: id,
    docketIds: [],
    agencies: [CONGRESS],
    jurisdiction: 'us',
    ...(status ? { status } : {}),
    ...(statusOn ? { statusOn } : {}),
    citation: label.replace(/ \(.*\)$/, ''),
    links: { html: url },
  };
  const publishedAt = isoInstant(bill.introducedDate ?? bill.latestAction?.actionDate);
  const modifiedAt = isoInstant(bill.updateDate);
  return {
    id: `congress-gov:${id}`,
    url,
    title: `${label}: ${bill.title?.trim() || 'untitled bill'}`,
    text: documentText([
      bill.title ?? undefined,
      `${label}${bill.originChamber ? `, introduced in the ${bill.originChamber}` : ''}${
        bill.introducedDate ? ` on ${isoDay(bill.introducedDate)}` : ''
      }.`,
      status ? `Latest action${statusOn ? ` (${statusOn})` : ''}: ${status}` : undefined,
      bill.policyArea?.name ? `Policy area: ${bill.policyArea.name}.` : undefined,
    ]),
    ...(publishedAt ? { publishedAt } : {}),
    ...(modifiedAt ? { modifiedAt } : {}),
    policy,
  };
}

function actionDocument(bill: string, action: z.infer<typeof actionSchema>): PolicyDocument {
  const label = billLabel(bill);
  const url = congressGovBillUrl(bill) as string;
  const day = isoDay(action.actionDate);
  const words = action.text.replace(/\s+/g, ' ').trim();
  const key = createHash('sha256')
    .update(`${action.actionDate}\n${action.actionCode ?? ''}\n${words}`)
    .digest('hex');
  const publishedAt = isoInstant(action.actionDate);
  return {
    id: `congress-gov:${bill}:action:${key.slice(0, 16)}`,
    // Each action is its own article, so its link says which one (a fragment would be dropped as canonical).
    url: `${url}/all-actions?action=${key.slice(0, 12)}`,
    title: `${label}: ${words.length > 160 ? `${words.slice(0, 157)}…` : words}`,
    text: documentText([
      `${label}, ${day ?? action.actionDate}: ${words}`,
      action.sourceSystem?.name ? `Recorded by ${action.sourceSystem.name}.` : undefined,
      action.type ? `Action type: ${action.type}.` : undefined,
    ]),
    ...(publishedAt ? { publishedAt } : {}),
    policy: {
      kind: 'bill-action',
      origin: 'congress-gov',
      documentNumber: bill,
      docketIds: [],
      agencies: [CONGRESS],
      jurisdiction: 'us',
      status: words,
      ...(day ? { statusOn: day } : {}),
      citation: label.replace(/ \(.*\)$/, ''),
      links: { html: url },
    },
  };
}
