import type { Article } from '../article.ts';
import type { ArticleStore } from '../ports/article-store.ts';
import type { SearchIndex } from '../ports/search-index.ts';
import type { PrimarySource } from '../reply.ts';
import { findPolicyCitations, type PolicyCitation } from './policy-citations.ts';
import { policyRefKeys } from './policy-tags.ts';

/** At most this many primary documents on one card: the first ones the story cites. */
const MAX_PER_CARD = 3;
/** Citations are looked for in the title and the start of the text, where stories name what they are about. */
const SCAN_CHARS = 20_000;

/** Finds the primary documents a story cites, as stored records where the tenant has them. */
export interface PrimarySourceFinder {
  find(article: Article, options: { owner: string; now: Date }): Promise<PrimarySource[]>;
}

/**
 * Creates the finder over the search index (policy articles carry `ref:<key>` tags) and the article
 * store; a citation with no stored record still links its official page.
 */
export function createPrimarySourceFinder(deps: {
  index: SearchIndex;
  articles: Pick<ArticleStore, 'getMany'>;
}): PrimarySourceFinder {
  async function resolve(cited: PolicyCitation, owner: string, now: Date): Promise<PrimarySource> {
    const { hits } = deps.index.search(`ref:${cited.key}`, { owner, limit: 5, now });
    const loaded = await deps.articles.getMany(hits.map((hit) => hit.id));
    const records = loaded.filter((a): a is Article & { policy: NonNullable<Article['policy']> } =>
      Boolean(a?.policy),
    );
    // The Federal Register's own record is the fullest for a document it published; else the first found.
    const best = records.find((a) => a.policy.origin === 'federal-register') ?? records[0];
    if (!best) return { id: cited.id, kind: cited.kind ?? 'other', url: cited.url };
    const policy = best.policy;
    return {
      id: policy.citation && cited.type.startsWith('fr-') ? policy.citation : cited.id,
      kind: policy.kind,
      url: policy.links.html ?? best.canonicalUrl,
      title: best.title,
      ...(policy.commentsCloseOn ? { commentsCloseOn: policy.commentsCloseOn } : {}),
    };
  }
  return {
    async find(article, { owner, now }) {
      const own = new Set(article.policy ? policyRefKeys(article.policy) : []);
      const on = article.publishedAt ? new Date(article.publishedAt) : now;
      const cited = findPolicyCitations(`${article.title}\n${article.text.slice(0, SCAN_CHARS)}`, on)
        .filter((citation) => !own.has(citation.key))
        .slice(0, MAX_PER_CARD);
      const found = await Promise.all(cited.map((citation) => resolve(citation, owner, now)));
      // A document cited both by number and by citation ("2026-12345", "91 FR 81234") is one source.
      const seen = new Set<string>();
      return found.filter((source) => !seen.has(source.url) && Boolean(seen.add(source.url)));
    },
  };
}

const KIND_WORDS: Record<string, string> = {
  'proposed-rule': 'proposed rule',
  'bill-action': 'bill action',
  presidential: 'presidential document',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What follows a source's id on a card: ", proposed rule, comments close 28 Dec" (empty when nothing is known). */
export function primarySourceDetail(source: PrimarySource): string {
  const parts: string[] = [];
  if (source.kind !== 'other') parts.push(KIND_WORDS[source.kind] ?? source.kind);
  const closes = /^\d{4}-(\d{2})-(\d{2})$/.exec(source.commentsCloseOn ?? '');
  if (closes) parts.push(`comments close ${Number(closes[2])} ${MONTHS[Number(closes[1]) - 1]}`);
  return parts.map((part) => `, ${part}`).join('');
}

/** "91 FR 81234, proposed rule, comments close 28 Dec": one primary source in words, for every platform. */
export function describePrimarySource(source: PrimarySource): string {
  return `${source.id}${primarySourceDetail(source)}`;
}

/** "Primary source" or "Primary sources", as a card's label. */
export function primarySourceLabel(count: number): string {
  return count === 1 ? 'Primary source' : 'Primary sources';
}
