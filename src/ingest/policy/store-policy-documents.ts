import { createHash } from 'node:crypto';
import type { ArticleWriter } from '../../core/article-writer.ts';
import { isUserError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { FeedItemsReport } from '../feed-items.ts';
import type { PolicyDocument } from './policy-document.ts';

/** Options for storing one source's documents: owner, backlog, name and its guid memory (updated in place). */
export interface StorePolicyOptions {
  owner: string;
  backlog: boolean;
  sourceName?: string;
  seen: Record<string, string>;
}

/** The guid-memory key of a document, as feed items have theirs. */
export function documentKey(document: PolicyDocument): string {
  return createHash('sha256').update(document.id).digest('hex').slice(0, 16);
}

/**
 * Stores primary documents as articles with their `policy` record. A document seen before keeps its
 * article even when its link moved; a changed record (an extended comment period) is an update.
 */
export async function storePolicyDocuments(
  documents: PolicyDocument[],
  deps: { writer: ArticleWriter; logger: Logger },
  options: StorePolicyOptions,
): Promise<FeedItemsReport> {
  const report: FeedItemsReport = { added: 0, updated: 0, skipped: 0, failed: 0, newItems: 0, errors: [] };
  for (const document of documents) {
    const key = documentKey(document);
    try {
      const saved = await deps.writer.save(
        {
          url: document.url,
          title: document.title,
          text: document.text,
          ...(options.sourceName ? { source: options.sourceName } : {}),
          ...(document.publishedAt ? { publishedAt: document.publishedAt } : {}),
          ...(document.modifiedAt ? { modifiedAt: document.modifiedAt } : {}),
          policy: document.policy,
        },
        { owner: options.owner, backlog: options.backlog },
      );
      if (saved.status === 'added') report.added += 1;
      else if (saved.status === 'updated') report.updated += 1;
      else report.skipped += 1;
      if (!options.seen[key]) report.newItems += 1;
      options.seen[key] = saved.article.id;
    } catch (error) {
      report.failed += 1;
      report.errors.push(isUserError(error) ? error.message : `${document.id}: ${(error as Error).message}`);
      if (!isUserError(error))
        deps.logger.error({ err: error, document: document.id }, 'storing a policy document failed');
    }
  }
  return report;
}
