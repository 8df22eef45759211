import { z } from 'zod';
import type { Article } from '../article.ts';
import type { ArticleHistory, ArticleHistoryRecord, ArticleVersion } from '../ports/article-history.ts';
import type { Clock } from '../ports/clock.ts';
import type { Stores } from '../ports/stores.ts';
import type { Tenant } from '../tenant.ts';
import {
  describeDiff,
  diffFacts,
  isMaterial,
  type KeyFacts,
  keyFactsOf,
  quotableSentences,
} from './key-facts.ts';
import { whatChangedText } from './what-changed.ts';

/** Versions kept per article: an article edited more often than this keeps its first and latest ones. */
export const MAX_VERSIONS = 20;

/**
 * Article histories are global content, like articles (whose ids already carry their owner), but the Stores
 * port offers tenant-scoped namespaces only: one fixed owner key files them all in the `versions`
 * namespace, which nothing tenant-facing lists.
 */
const HISTORY_OWNER: Tenant = { platform: 'console', id: 'article-history' };

const factsSchema = z.object({
  figures: z.array(z.string()),
  dates: z.array(z.string()),
  names: z.array(z.string()),
  verdicts: z.array(z.string()),
});
const versionSchema = z.object({
  at: z.string(),
  title: z.string(),
  hash: z.string(),
  facts: factsSchema,
  sentences: z.array(z.string()),
  changes: z.array(z.string()),
  material: z.boolean(),
  whatChanged: z.string().optional(),
});
const historySchema = z.object({ id: z.string(), versions: z.array(versionSchema) });

/** Dependencies of the history. */
export interface ArticleHistoryDeps {
  stores: Stores;
  clock: Clock;
}

/** Compares two versions: their fact diff, whether it is material, and the sentence saying so. */
export function compareVersions(
  before: Pick<ArticleVersion, 'facts' | 'sentences'>,
  after: Pick<ArticleVersion, 'facts' | 'sentences'>,
) {
  const diff = diffFacts(before.facts as KeyFacts, after.facts as KeyFacts);
  const material = isMaterial(diff);
  return {
    material,
    changes: describeDiff(diff),
    whatChanged: material ? whatChangedText(before, after, diff) : '',
  };
}

/** Creates the history over the store's `versions` namespace. */
export function createArticleHistory(deps: ArticleHistoryDeps): ArticleHistory {
  const store = deps.stores.tenantStore('versions', historySchema);
  return {
    async record(article) {
      const existing = (await store.get(HISTORY_OWNER, article.id)) ?? { id: article.id, versions: [] };
      const last = existing.versions.at(-1);
      if (last?.hash === article.contentHash) return existing;
      const version = versionOf(article, deps.clock.now().toISOString());
      if (last) {
        const compared = compareVersions(last, version);
        version.changes = compared.changes;
        version.material = compared.material;
        if (compared.material) version.whatChanged = compared.whatChanged;
      }
      const versions = [...existing.versions, version];
      // The first version is what the earliest readers saw; keep it with the newest ones.
      if (versions.length > MAX_VERSIONS) versions.splice(1, versions.length - MAX_VERSIONS);
      const next: ArticleHistoryRecord = { id: article.id, versions };
      await store.put(HISTORY_OWNER, article.id, next);
      return next;
    },
    get: (id) => store.get(HISTORY_OWNER, id),
    changeSince(record, since) {
      const from = record.versions.findIndex((version) => version.hash === since);
      const latest = record.versions.at(-1);
      if (from < 0 || !latest || from === record.versions.length - 1) return undefined;
      return compareVersions(record.versions[from]!, latest);
    },
  };
}

function versionOf(article: Article, at: string): ArticleVersion {
  return {
    at,
    title: article.title,
    hash: article.contentHash,
    facts: keyFactsOf(article.title, article.text),
    sentences: quotableSentences(article.title, article.text),
    changes: [],
    material: false,
  };
}
