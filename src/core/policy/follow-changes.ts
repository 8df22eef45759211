import { createHash } from 'node:crypto';
import { commentsOpen, daysBetween } from './comment-deadlines.ts';
import type { PolicyArticle } from './follow-match.ts';
import type { KnownDocument } from './follow-record.ts';

/** One thing to say in a followed item's thread; `key` names it, so it is said once. */
export interface FollowChange {
  key: string;
  articleId: string;
  text: string;
  url: string;
}

const KIND_WORDS: Record<string, string> = {
  rule: 'Final rule',
  'proposed-rule': 'Proposed rule',
  notice: 'Notice',
  presidential: 'Presidential document',
  docket: 'Docket',
  bill: 'Bill',
  'bill-action': 'Bill action',
  procedure: 'Procedure stage',
  legislation: 'Legislation',
  other: 'Document',
};

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** A day as `28 Dec 2026`. */
export function dayLabel(isoDate: string): string {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** What the thread remembers about a document. */
export function knownOf(article: PolicyArticle): KnownDocument {
  const { status, statusOn, commentsCloseOn } = article.policy;
  return {
    ...(status ? { status } : {}),
    ...(statusOn ? { statusOn } : {}),
    ...(commentsCloseOn ? { closesOn: commentsCloseOn } : {}),
  };
}

function newDocument(article: PolicyArticle): FollowChange {
  const { policy } = article;
  const kind = KIND_WORDS[policy.kind] ?? 'Document';
  const parts = [
    `New: ${kind.toLowerCase() === 'bill action' ? 'action' : kind.toLowerCase()} — ${article.title}`,
  ];
  if (policy.status)
    parts.push(`Status: ${policy.status}${policy.statusOn ? ` (${dayLabel(policy.statusOn)})` : ''}.`);
  if (policy.commentsCloseOn) parts.push(`Comments close ${dayLabel(policy.commentsCloseOn)}.`);
  return {
    key: `doc:${article.id}`,
    articleId: article.id,
    text: parts.join(' '),
    url: policy.links.comment ?? policy.links.html ?? article.canonicalUrl,
  };
}

function changesOf(article: PolicyArticle, before: KnownDocument): FollowChange[] {
  const now = knownOf(article);
  const url = article.policy.links.comment ?? article.policy.links.html ?? article.canonicalUrl;
  const out: FollowChange[] = [];
  if (now.closesOn && now.closesOn !== before.closesOn) {
    const text = !before.closesOn
      ? `Comment period opened on ${article.title}: comments close ${dayLabel(now.closesOn)}.`
      : now.closesOn > before.closesOn
        ? `Comment period extended on ${article.title}: now closes ${dayLabel(now.closesOn)} (was ${dayLabel(before.closesOn)}).`
        : `Comment period shortened on ${article.title}: now closes ${dayLabel(now.closesOn)} (was ${dayLabel(before.closesOn)}).`;
    out.push({ key: `closes:${article.id}:${now.closesOn}`, articleId: article.id, text, url });
  }
  if (now.status && (now.status !== before.status || now.statusOn !== before.statusOn)) {
    const on = now.statusOn ? ` (${dayLabel(now.statusOn)})` : '';
    out.push({
      key: `status:${article.id}:${shortHash(`${now.status}\n${now.statusOn ?? ''}`)}`,
      articleId: article.id,
      text: `${article.title}: ${now.status}${on}.`,
      url,
    });
  }
  return out;
}

/**
 * What changed in a followed item since the thread last heard: new documents (a document in the docket,
 * an action on the bill, a stage of the procedure), comment periods opened, extended or shortened, and new
 * statuses; a document first seen as backlog (what a new source already carried) is taken in silently.
 * Returns the changes, oldest document first, and what the thread knows afterwards.
 */
export function detectChanges(
  matches: readonly PolicyArticle[],
  known: Readonly<Record<string, KnownDocument>>,
): { changes: FollowChange[]; known: Record<string, KnownDocument> } {
  const next: Record<string, KnownDocument> = { ...known };
  const changes: FollowChange[] = [];
  const ordered = [...matches].sort((a, b) =>
    (a.publishedAt ?? a.fetchedAt).localeCompare(b.publishedAt ?? b.fetchedAt),
  );
  for (const article of ordered) {
    const before = known[article.id];
    // What a source already held when it was first read is backlog: the starting point, not news.
    if (before) changes.push(...changesOf(article, before));
    else if (!article.backlog) changes.push(newDocument(article));
    next[article.id] = knownOf(article);
  }
  return { changes, known: next };
}

/** When reminders go out on their day, in the channel's zone. */
export const REMINDER_TIME = '09:00';

/**
 * Reminders due now for open comment periods: the N-day reminder is due from REMINDER_TIME local time N
 * days before the closing day until the next (smaller) reminder is due, so a bot that was down posts only
 * the most imminent one. `today` and `time` are the channel's local date and HH:MM.
 */
export function dueReminders(
  matches: readonly PolicyArticle[],
  reminderDays: readonly number[],
  today: string,
  time: string,
): FollowChange[] {
  const days = [...new Set(reminderDays)].sort((a, b) => b - a);
  const seen = new Set<string>();
  const out: FollowChange[] = [];
  const reached = (daysBefore: number, closesOn: string) => {
    const left = daysBetween(today, closesOn);
    return left < daysBefore || (left === daysBefore && time >= REMINDER_TIME);
  };
  for (const article of matches) {
    if (!commentsOpen(article, today)) continue;
    const closesOn = article.policy.commentsCloseOn as string;
    const documentKey = article.policy.documentNumber ?? article.id;
    if (seen.has(documentKey)) continue;
    seen.add(documentKey);
    const due = days.filter((n) => reached(n, closesOn)).at(-1);
    if (due === undefined) continue;
    const left = daysBetween(today, closesOn);
    const when = left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`;
    const link = article.policy.links.comment ?? article.policy.links.html ?? article.canonicalUrl;
    out.push({
      key: `remind:${shortHash(documentKey)}:${closesOn}:${due}`,
      articleId: article.id,
      text: `Reminder: comments on ${article.title} close ${when} (${dayLabel(closesOn)}). Comment: ${link}`,
      url: link,
    });
  }
  return out;
}
