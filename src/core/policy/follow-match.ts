import type { Article } from '../article.ts';
import { type FollowTarget, identifierKey, parseFollowId } from './follow-id.ts';
import type { PolicyRecord } from './policy-record.ts';

/** A stored article that is a primary document. */
export type PolicyArticle = Article & { policy: PolicyRecord };

/** True when the article carries a policy record. */
export function isPolicyArticle(article: Article): article is PolicyArticle {
  return article.policy !== undefined;
}

// Articles are immutable records read afresh each run: their canonical number is worked out once each.
const numbers = new WeakMap<PolicyArticle, string | undefined>();

/** A document number in the follow id's canonical form where it has one (`H.R. 1234` → `hr1234-119`). */
function canonicalNumber(article: PolicyArticle): string | undefined {
  if (numbers.has(article)) return numbers.get(article);
  const documentNumber = article.policy.documentNumber;
  const at = new Date(article.publishedAt ?? article.fetchedAt);
  const parsed = documentNumber ? parseFollowId(documentNumber, at) : undefined;
  const number = documentNumber ? identifierKey(parsed?.id ?? documentNumber) : undefined;
  numbers.set(article, number);
  return number;
}

/**
 * True when a primary document belongs to a followed item: a document in the docket, the document itself,
 * an action on the bill, a stage of the procedure or of the UK bill.
 */
export function belongsTo(article: PolicyArticle, target: FollowTarget): boolean {
  const policy = article.policy;
  const wanted = identifierKey(target.id);
  const number = canonicalNumber(article);
  switch (target.kind) {
    case 'docket':
      return policy.docketIds.some((id) => identifierKey(id) === wanted);
    case 'document':
      return number === wanted;
    case 'bill':
    case 'procedure':
      return number === wanted || policy.docketIds.some((id) => identifierKey(id) === wanted);
    case 'uk-bill':
      if (number === wanted) return true;
      // A bill followed by name matches the UK Parliament's own records of it by title.
      return (
        policy.origin === 'uk-parliament' &&
        !/^uk-bill-\d+$/.test(target.id) &&
        article.title.toLowerCase().includes(target.id.toLowerCase())
      );
  }
}
