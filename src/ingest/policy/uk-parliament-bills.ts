import { z } from 'zod';
import type { PolicyRecord } from '../../core/policy/policy-record.ts';
import {
  asRecord,
  documentText,
  isoDay,
  isoInstant,
  optionalText,
  type PolicyDocument,
  type PolicyReading,
  readEach,
} from './policy-document.ts';

/**
 * The UK Parliament bills API (bills-api.parliament.uk/api/v1, no key): `GET /Bills` answers
 * `{items: [bill…], totalResults, itemsPerPage}` and `GET /Bills/{id}` one bill; pages by `Skip`/`Take`.
 */

const text = optionalText;
const stageSchema = z
  .object({
    description: text,
    abbreviation: text,
    house: text,
    stageSittings: z.array(z.object({ date: text }).passthrough()).nullish(),
  })
  .passthrough();
const billSchema = z
  .object({
    billId: z.number().int().positive(),
    shortTitle: z.string().min(1),
    longTitle: text,
    summary: text,
    currentHouse: text,
    originatingHouse: text,
    lastUpdate: text,
    billWithdrawn: text,
    isDefeated: z.boolean().nullish(),
    isAct: z.boolean().nullish(),
    currentStage: stageSchema.nullish(),
  })
  .passthrough();

const PARLIAMENT = { name: 'UK Parliament', slug: 'uk-parliament' };

/** The record id of a UK bill: `uk-bill-3921`. */
export function ukBillId(billId: number): string {
  return `uk-bill-${billId}`;
}

const isBill = (value: unknown) => {
  const record = asRecord(value);
  return typeof record?.billId === 'number' && typeof record.shortTitle === 'string';
};

/** True when a parsed answer is a bills list or one bill of the UK Parliament bills API. */
export function isUkBillsAnswer(data: unknown): boolean {
  const answer = asRecord(data);
  if (!answer) return false;
  if (isBill(answer)) return true;
  return (
    Array.isArray(answer.items) &&
    'totalResults' in answer &&
    (answer.items.length === 0 || answer.items.some(isBill))
  );
}

/** Reads a UK bills answer into bill documents; undefined when it is not one. */
export function readUkParliamentBills(data: unknown, pageUrl: string): PolicyReading {
  if (!isUkBillsAnswer(data)) return undefined;
  const answer = data as Record<string, unknown>;
  const bills = Array.isArray(answer.items) ? answer.items : [answer];
  const { documents, skipped } = readEach(bills, billSchema, 'UK bill', toDocument);
  const next = Array.isArray(answer.items) ? nextPage(answer, bills.length, pageUrl) : undefined;
  return {
    ok: true,
    page: {
      origin: 'uk-parliament',
      label: 'UK Parliament bills',
      documents,
      skipped,
      ...(next ? { next } : {}),
    },
  };
}

/** The next page by Skip/Take while `totalResults` says there are more. */
function nextPage(answer: Record<string, unknown>, count: number, pageUrl: string): string | undefined {
  const total = typeof answer.totalResults === 'number' ? answer.totalResults : 0;
  const url = new URL(pageUrl);
  const skip = Number(url.searchParams.get('Skip') ?? url.searchParams.get('skip') ?? '0') || 0;
  const take =
    typeof answer.itemsPerPage === 'number' && answer.itemsPerPage > 0 ? answer.itemsPerPage : count;
  if (count === 0 || skip + count >= total) return undefined;
  url.searchParams.delete('skip');
  url.searchParams.set('Skip', String(skip + count));
  url.searchParams.set('Take', String(take));
  return url.href;
}

function toDocument(bill: z.infer<typeof billSchema>): PolicyDocument {
  const stage = bill.currentStage;
  const sittings = (stage?.stageSittings ?? [])
    .map((s) => isoDay(s.date))
    .filter((d): d is string => Boolean(d));
  const lastSitting = sittings.sort().at(-1);
  const status = bill.billWithdrawn
    ? 'Withdrawn'
    : bill.isDefeated
      ? 'Defeated'
      : bill.isAct
        ? 'Act of Parliament (Royal Assent)'
        : stage?.description
          ? `${stage.description}${stage.house ? `, ${stage.house}` : ''}`
          : undefined;
  const statusOn = isoDay(bill.billWithdrawn) ?? lastSitting ?? isoDay(bill.lastUpdate, 'Europe/London');
  const html = `https://bills.parliament.uk/bills/${bill.billId}`;
  const policy: PolicyRecord = {
    kind: 'bill',
    origin: 'uk-parliament',
    documentNumber: ukBillId(bill.billId),
    docketIds: [],
    agencies: [PARLIAMENT],
    jurisdiction: 'uk',
    ...(status ? { status } : {}),
    ...(statusOn ? { statusOn } : {}),
    links: { html },
  };
  const publishedAt = isoInstant(lastSitting ?? bill.lastUpdate);
  const modifiedAt = isoInstant(bill.lastUpdate);
  return {
    id: `uk-parliament:${bill.billId}`,
    url: html,
    title: bill.shortTitle.trim(),
    text: documentText([
      bill.longTitle ?? undefined,
      bill.summary ?? undefined,
      `A bill of the UK Parliament${bill.originatingHouse ? `, starting in the ${bill.originatingHouse}` : ''}.`,
      status ? `Current stage${statusOn ? ` (${statusOn})` : ''}: ${status}.` : undefined,
    ]),
    ...(publishedAt ? { publishedAt } : {}),
    ...(modifiedAt ? { modifiedAt } : {}),
    policy,
  };
}
