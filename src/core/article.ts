import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type PolicyRecord, policyRecordSchema } from './policy/policy-record.ts';

/** A stored news article: the unit the store, the summarizer and search work on. */
export const articleSchema = z.object({
  id: z.string().regex(/^[a-f0-9]{16}$/),
  url: z.string().min(1),
  canonicalUrl: z.string().min(1),
  title: z.string().min(1),
  source: z.string().min(1),
  author: z.string().optional(),
  /** When the outlet first published it; absent for an undated article, which then goes by `fetchedAt`. */
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  /** When the outlet last changed it, kept apart from `publishedAt`; absent in records stored before it existed. */
  modifiedAt: z.iso.datetime({ offset: true }).optional(),
  fetchedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  text: z.string().min(1),
  summary: z.string(),
  topics: z.array(z.string()).default([]),
  language: z.string().default('und'),
  /** Tenant keys allowed to see this article; `*` means everyone. */
  owners: z.array(z.string()).default(['*']),
  /** Hash of title and text, so a re-ingest can tell an edit from a repeat. */
  contentHash: z.string().default(''),
  /** True when the article arrived as a new source's backlog: searchable, never pushed in a digest. */
  backlog: z.boolean().default(false),
  /** Present when the article is a primary document (a rule, docket, bill or procedure) from a policy source. */
  policy: policyRecordSchema.optional(),
});

/** A stored article. */
export type Article = z.infer<typeof articleSchema>;

/** What extraction hands to the store before ids, dates and summaries are filled in. */
export interface ArticleDraft {
  url: string;
  canonicalUrl?: string;
  title: string;
  source?: string;
  author?: string;
  publishedAt?: string;
  modifiedAt?: string;
  text: string;
  language?: string;
  policy?: PolicyRecord;
}

/**
 * The article id: the first 16 hex digits of SHA-256 over the canonical URL. A tenant's own sources get
 * ids of their own, so no workspace can rewrite an article that others read (or read one they cannot).
 */
export function articleIdFor(canonicalUrl: string, owner = '*'): string {
  const key = owner === '*' ? canonicalUrl : `${owner}\n${canonicalUrl}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Hash of what a reader sees, so an unchanged re-ingest is a skip and an edit is an update. */
export function contentHashFor(title: string, text: string, publishedAt?: string): string {
  return createHash('sha256')
    .update(`${title}\n${publishedAt ?? ''}\n${text}`)
    .digest('hex')
    .slice(0, 16);
}

/** True when the article may be shown to the tenant with this key. */
export function visibleTo(article: Pick<Article, 'owners'>, ownerKey: string): boolean {
  return article.owners.includes('*') || article.owners.includes(ownerKey);
}

/**
 * Stamp of everything search indexes about an article (texts, dates, source, tags, owners), kept beside it
 * in the store: a saved search index compares stamps to re-index only articles changed since it was saved.
 */
export function articleStamp(article: Article): string {
  const hash = createHash('sha1');
  for (const part of [
    article.id,
    article.title,
    article.summary,
    article.source,
    article.publishedAt ?? '',
    article.fetchedAt,
    article.topics.join('\u0001'),
    article.owners.join('\u0001'),
    article.text,
    // The policy record feeds the kind:, agency: and jurisdiction: tags, so a change must re-index; an
    // article without one keeps the stamp it always had, so saved indexes are not rebuilt for nothing.
    ...(article.policy ? [JSON.stringify(article.policy)] : []),
  ]) {
    hash.update(part);
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 16);
}
