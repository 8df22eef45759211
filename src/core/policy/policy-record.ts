import { z } from 'zod';

/** The kinds of primary document Policy Wire reads: rules, bills, procedures and their steps. */
export const policyKinds = [
  'rule',
  'proposed-rule',
  'notice',
  'presidential',
  'docket',
  'bill',
  'bill-action',
  'procedure',
  'legislation',
  'other',
] as const;

/** One kind of primary document. */
export type PolicyKind = (typeof policyKinds)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** An agency or body that issued or handles a document; `slug` feeds the `agency:` filter. */
export const policyAgencySchema = z.object({ name: z.string().min(1), slug: z.string().min(1) });

/**
 * What a primary source says about one document, kept on its article as `policy`. Identifiers are the
 * official ones (a Federal Register document number, docket ids, a bill as `hr1234-119`, an EU
 * procedure as `2024/0001(COD)`), so news that cites them can be linked to the record.
 */
export const policyRecordSchema = z.object({
  kind: z.enum(policyKinds),
  /** Which public source it came from: `federal-register`, `regulations-gov`, `congress-gov`, `eur-lex`, `eu-oeil`, `legislation-gov-uk`, `uk-parliament`. */
  origin: z.string().min(1),
  documentNumber: z.string().min(1).optional(),
  docketIds: z.array(z.string().min(1)).default([]),
  agencies: z.array(policyAgencySchema).default([]),
  /** ISO country or bloc code: `us`, `eu`, `uk`; feeds the `jurisdiction:` filter. */
  jurisdiction: z.string().min(2).optional(),
  commentsOpenOn: isoDate.optional(),
  commentsCloseOn: isoDate.optional(),
  effectiveOn: isoDate.optional(),
  /** The latest status or action in the source's words ("Passed House", "Comment period extended"). */
  status: z.string().optional(),
  /** When `status` was reached, as YYYY-MM-DD. */
  statusOn: isoDate.optional(),
  citation: z.string().optional(),
  links: z
    .object({
      html: z.string().url().optional(),
      pdf: z.string().url().optional(),
      comment: z.string().url().optional(),
    })
    .default({}),
});

/** A primary document's record. */
export type PolicyRecord = z.infer<typeof policyRecordSchema>;
