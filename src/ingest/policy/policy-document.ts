import { z } from 'zod';
import type { PolicyRecord } from '../../core/policy/policy-record.ts';

/** One primary document read from a policy source, ready to become an article. */
export interface PolicyDocument {
  /** Stable identity across polls (the source's own id), remembered in the source's guid memory. */
  id: string;
  url: string;
  title: string;
  /** What the article's text will be: abstract, action, dates, in words. */
  text: string;
  publishedAt?: string;
  modifiedAt?: string;
  policy: PolicyRecord;
}

/** Which public source a response came from; the names are `PolicyRecord.origin` values. */
export type PolicyOrigin =
  | 'federal-register'
  | 'regulations-gov'
  | 'congress-gov'
  | 'eur-lex'
  | 'eu-oeil'
  | 'legislation-gov-uk'
  | 'uk-parliament';

/** One page of a policy source: its documents and, when the source pages, the next page's URL. */
export interface PolicyPage {
  origin: PolicyOrigin;
  /** A human name for the source, e.g. "Federal Register", for a source's default name. */
  label: string;
  documents: PolicyDocument[];
  next?: string;
  /** Documents the page held that could not be read (kept out, counted as item errors). */
  skipped: string[];
}

/** What a reader made of a response: its page, not its shape, or its shape with bad contents. */
export type PolicyReading = { ok: true; page: PolicyPage } | { ok: false; reason: string } | undefined;

/** A text field a policy API may leave out or send as null. */
export const optionalText = z.string().nullish();

/** `2026-12-28` from a date or date-time, in the time zone that the source's deadlines are set in. */
export function isoDay(value: unknown, timeZone = 'America/New_York'): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  // A bare local date-time (no offset) is already in the source's zone: its date is the day.
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text)) return text.slice(0, 10);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  // regulations.gov ends a comment period at 23:59:59 Eastern, written as 04:59:59Z the next day.
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** An ISO date-time for a day or a date-time, or undefined when it is not one. */
export function isoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00.000Z`;
  const at = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** An http(s) URL, or undefined: links from an API are checked before they reach a card. */
export function httpLink(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A slug for an agency name: `Federal Communications Commission` → `federal-communications-commission`. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The article text for a document: its sentences, then the dates and ids a reader looks for. */
export function documentText(parts: (string | undefined)[]): string {
  return parts
    .map((part) => part?.replace(/\s+/g, ' ').trim())
    .filter((part): part is string => Boolean(part))
    .join('\n\n');
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Validates each entry of an answer and builds its document; an entry that fails validation, or that
 * `build` turns down with a reason, is named in `skipped` so one bad entry never loses the page.
 */
export function readEach<T>(
  entries: unknown[],
  schema: z.ZodType<T>,
  what: string,
  build: (entry: T) => PolicyDocument | string,
): { documents: PolicyDocument[]; skipped: string[] } {
  const documents: PolicyDocument[] = [];
  const skipped: string[] = [];
  for (const [index, raw] of entries.entries()) {
    const parsed = schema.safeParse(raw);
    const built = parsed.success ? build(parsed.data) : (parsed.error.issues[0]?.message ?? 'unreadable');
    if (typeof built === 'string') skipped.push(`${what} ${index + 1}: ${built}`);
    else documents.push(built);
  }
  return { documents, skipped };
}
