import { countOf } from '../text/plural.ts';
import type { PolicyArticle } from './follow-match.ts';

const DAY_MS = 86_400_000;

/** One open comment period, as `/deadlines`, digests and `policywire deadlines --json` show it. */
export interface CommentDeadline {
  articleId: string;
  documentNumber?: string;
  title: string;
  url: string;
  commentUrl?: string;
  /** The last day comments are taken, YYYY-MM-DD. */
  closesOn: string;
  /** Whole days from today to the closing day: 0 when it closes today. */
  daysLeft: number;
  docketIds: string[];
  agencies: string[];
}

/** Days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** True when the article's comment period is open on `today` (opened, if an opening day is known, and not closed). */
export function commentsOpen(article: PolicyArticle, today: string): boolean {
  const { commentsOpenOn, commentsCloseOn } = article.policy;
  if (!commentsCloseOn || commentsCloseOn < today) return false;
  return !commentsOpenOn || commentsOpenOn <= today;
}

/** The comment deadline of one open document. */
export function deadlineOf(article: PolicyArticle, today: string): CommentDeadline {
  const { policy } = article;
  const closesOn = policy.commentsCloseOn as string;
  return {
    articleId: article.id,
    ...(policy.documentNumber ? { documentNumber: policy.documentNumber } : {}),
    title: article.title,
    url: policy.links.html ?? article.canonicalUrl,
    ...(policy.links.comment ? { commentUrl: policy.links.comment } : {}),
    closesOn,
    daysLeft: daysBetween(today, closesOn),
    docketIds: [...policy.docketIds],
    agencies: policy.agencies.map((agency) => agency.name),
  };
}

/**
 * Open comment periods among the articles, soonest first, closed ones left out; with `withinDays`, only
 * those closing within that many days. The same document read from two sources (the Federal Register
 * and regulations.gov) is listed once, preferring the copy with a comment link.
 */
export function openDeadlines(
  articles: Iterable<PolicyArticle>,
  today: string,
  options: { withinDays?: number } = {},
): CommentDeadline[] {
  const byDocument = new Map<string, CommentDeadline>();
  for (const article of articles) {
    if (!commentsOpen(article, today)) continue;
    const deadline = deadlineOf(article, today);
    if (options.withinDays !== undefined && deadline.daysLeft > options.withinDays) continue;
    const key = deadline.documentNumber ?? deadline.articleId;
    const held = byDocument.get(key);
    if (!held || (!held.commentUrl && deadline.commentUrl)) byDocument.set(key, deadline);
  }
  return [...byDocument.values()].sort(
    (a, b) => a.closesOn.localeCompare(b.closesOn) || a.title.localeCompare(b.title),
  );
}

/** `closes 28 Dec (5 days left)` for one deadline. */
export function describeDeadline(deadline: CommentDeadline): string {
  const day = new Date(`${deadline.closesOn}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const left = deadline.daysLeft === 0 ? 'closes today' : `${countOf(deadline.daysLeft, 'day')} left`;
  return `comments close ${day} (${left})`;
}
