import { z } from 'zod';
import { billId, billLabel, congressOn } from './bill-ids.ts';

/**
 * Recognises what a person types after `/follow`: a docket, a Federal Register document number, a US bill,
 * an EU procedure or a UK bill. These are whole-input recognisers for ids typed on purpose; finding
 * citations inside news text is a different job (precision over running prose) kept in its own module.
 */

/** The kinds of item a channel can follow. */
export const followKinds = ['docket', 'document', 'bill', 'procedure', 'uk-bill'] as const;

/** What a follow points at: the kind, the canonical id and a label people recognise. */
export const followTargetSchema = z.object({
  kind: z.enum(followKinds),
  /** Canonical id: `EPA-HQ-OAR-2026-0001`, `GN Docket No. 26-118`, `2026-12345`, `hr1234-119`, `2024/0001(COD)`, `3456`. */
  id: z.string().min(1).max(200),
  label: z.string().min(1).max(200),
  /** For a bill: the congress, type and number the id is made of. */
  congress: z.number().int().min(1).max(999).optional(),
  billType: z.string().optional(),
  billNumber: z.number().int().min(1).optional(),
});

/** A followed item. */
export type FollowTarget = z.infer<typeof followTargetSchema>;

/** EU procedure types as the Legislative Observatory writes them. */
const EU_PROCEDURE_TYPES = 'COD|CNS|APP|NLE|INI|BUD|DEC|RSP|INL|RSO|IMM|DEA|RPS|ACI|REG|SYN|AVC|DCE|COS';

const FCC_DOCKET = /^([A-Z]{2,3})\s+Docket\s+No\.?\s*(\d{2}-\d{1,4})$/i;
// Regulations.gov docket ids: agency, optional sub-units, a year, an optional letter code, a sequence.
const REGS_DOCKET = /^([A-Z]{2,10}(?:-[A-Z0-9]{1,10})*)-((?:19|20)\d{2})(-[A-Z]{1,3})?-(\d{3,6})$/i;
const FR_DOCUMENT = /^((?:19|20)\d{2})-(\d{5})$/;
const EU_PROCEDURE = new RegExp(
  `^((?:19|20)\\d{2})\\s*/\\s*(\\d{4})\\s*\\(\\s*(${EU_PROCEDURE_TYPES})\\s*\\)$`,
  'i',
);
const BILL =
  /^(?:(\d{2,3})(?:st|nd|rd|th)?\s*(?:congress)?\s*[,:]?\s*)?(h\.?\s*r\.?|s\.?|h\.?\s*j\.?\s*res\.?|s\.?\s*j\.?\s*res\.?|h\.?\s*con\.?\s*res\.?|s\.?\s*con\.?\s*res\.?|h\.?\s*res\.?|s\.?\s*res\.?)\s*(\d{1,5})(?:\s*[-(/,]?\s*(\d{2,3})(?:st|nd|rd|th)?\s*(?:congress)?\)?)?$/i;
const UK_BILL_ID = /^(?:uk(?:[\s:-]*bill)?[\s:#-]*)(\d{1,6})$/i;
const UK_BILL_NAME = /^(?:uk[\s:-]+)?(.{3,150}?\bBill(?:\s*\[HL\])?)$/i;

function bill(typeText: string, number: string, congress: number): FollowTarget | undefined {
  const id = billId(typeText, number, congress);
  if (!id) return undefined;
  const billNumber = Number(number);
  return {
    kind: 'bill',
    id,
    label: billLabel(id),
    congress,
    billType: id.replace(/\d.*$/, ''),
    billNumber,
  };
}

/**
 * Reads a followable id, or undefined when it is none of the known forms. A bill without a Congress
 * number is the current Congress's, computed from `now`.
 */
export function parseFollowId(input: string, now: Date): FollowTarget | undefined {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 200) return undefined;
  const canonicalBill = /^([a-z]+)(\d{1,5})-(\d{2,3})$/i.exec(text);
  const typed = canonicalBill && bill(canonicalBill[1]!, canonicalBill[2]!, Number(canonicalBill[3]));
  if (typed) return typed;
  const fcc = FCC_DOCKET.exec(text);
  if (fcc) {
    const id = `${fcc[1]!.toUpperCase()} Docket No. ${fcc[2]}`;
    return { kind: 'docket', id, label: id };
  }
  const fr = FR_DOCUMENT.exec(text);
  if (fr) return { kind: 'document', id: text, label: `FR Doc. ${text}` };
  const eu = EU_PROCEDURE.exec(text);
  if (eu) {
    const id = `${eu[1]}/${eu[2]}(${eu[3]!.toUpperCase()})`;
    return { kind: 'procedure', id, label: `EU procedure ${id}` };
  }
  const us = BILL.exec(text);
  if (us) {
    const congress = Number(us[4] ?? us[1] ?? congressOn(now));
    if (congress >= 1 && congress <= congressOn(now) + 1) return bill(us[2]!, us[3]!, congress);
    return undefined;
  }
  const regs = REGS_DOCKET.exec(text);
  if (regs) {
    const id = text.toUpperCase();
    return { kind: 'docket', id, label: `Docket ${id}` };
  }
  const ukId = UK_BILL_ID.exec(text);
  // The id the UK Parliament bills reader gives a bill's record: `uk-bill-3921`.
  if (ukId) return { kind: 'uk-bill', id: `uk-bill-${Number(ukId[1])}`, label: `UK bill ${Number(ukId[1])}` };
  const ukName = UK_BILL_NAME.exec(text);
  if (ukName && /[a-z]/i.test(ukName[1]!)) {
    const name = ukName[1]!.trim();
    return { kind: 'uk-bill', id: name, label: name };
  }
  return undefined;
}

/** Canonical form of an identifier for comparing what sources write with what people typed. */
export function identifierKey(id: string): string {
  return id
    .toUpperCase()
    .replace(/\bNO\b\.?/g, '')
    .replace(/[\s.]/g, '');
}

/** Examples for an error message when an id is not recognised. */
export const FOLLOW_ID_EXAMPLES =
  'a docket (EPA-HQ-OAR-2026-0001, GN Docket No. 26-118), a Federal Register document number (2026-12345), a bill (H.R. 1234, S. 56 119th), an EU procedure (2024/0001(COD)) or a UK bill (uk 3456, Online Safety Bill)';
