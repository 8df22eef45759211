import { createHash } from 'node:crypto';
import { type Article, visibleTo } from '../src/core/article.ts';
import type { Core } from '../src/core/core.ts';
import type { ArticleHistory } from '../src/core/ports/article-history.ts';
import type { ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { DeliveryLedger } from '../src/core/ports/delivery-ledger.ts';
import { notice } from '../src/core/reply.ts';
import { type Platform, type Tenant, tenantKey } from '../src/core/tenant.ts';
import { type KeyFacts, keyFactsOf } from '../src/core/versions/key-facts.ts';
import type { Logger } from '../src/logger.ts';
import type { DigestServices } from './services.ts';
import { FOLLOW_MS, type PostedStory } from './story-posts.ts';
import { subscriptionKey } from './subscription.ts';

/** How long before a story's post a joining article may have arrived and still be news to the channel. */
const ARRIVAL_SLACK_MS = 86_400_000;
/** Outlets named in one "also covered by" reply. */
const MAX_OUTLETS = 5;
/** Key facts (names, figures, dates) a joining article must share with the story: see `corroborates`. */
const MIN_SHARED_FACTS = 2;

/**
 * True when two articles share enough key facts to be the same event. The clusterer groups a batch, and
 * a small batch can group two thin articles on one shared name; a reply to a channel is a claim that
 * another outlet reports *its* story, so it also needs two names, figures or dates in common.
 */
function corroborates(a: KeyFacts, b: KeyFacts): boolean {
  let shared = 0;
  for (const kind of ['names', 'figures', 'dates'] as const) {
    for (const fact of a[kind]) if (b[kind].includes(fact)) shared++;
  }
  return shared >= MIN_SHARED_FACTS;
}

/** What the update pass needs; the digest job hands over its own. */
export interface StoryUpdateDeps {
  core: Pick<Core, 'articles' | 'history' | 'stories'>;
  services: DigestServices;
  adapters: Partial<Record<Platform, ChatAdapter>>;
  ledger: DeliveryLedger;
  log: Logger;
  owner: string;
  leaseMs: number;
}

/** How one pass went. */
export interface StoryUpdateReport {
  followed: number;
  /** Ledger keys of the updates this pass posted. */
  posted: string[];
  /** Updates another instance holds or that failed for now: the next pass tries again. */
  pending: number;
}

/** One reply to post under a card, and what the channel then knows. */
interface Update {
  kind: 'edit' | 'outlets';
  fingerprint: string;
  text: string;
  apply: (story: PostedStory) => void;
}

type Followed = { tenant: Tenant; story: PostedStory };

/** Story members by article id: the followed stories' articles clustered with everything that arrived since. */
async function clusterAround(
  core: StoryUpdateDeps['core'],
  followed: Followed[],
): Promise<Map<string, Article[]>> {
  const ids = new Set(followed.flatMap(({ story }) => story.articleIds));
  const from = Math.min(...followed.map(({ story }) => Date.parse(story.postedAt))) - ARRIVAL_SLACK_MS;
  const pool = new Map<string, Article>();
  for (const article of await core.articles.getMany([...ids])) if (article) pool.set(article.id, article);
  for await (const article of core.articles.all()) {
    if (!article.backlog && Date.parse(article.fetchedAt) >= from) pool.set(article.id, article);
  }
  const members = new Map<string, Article[]>();
  for (const story of core.stories.cluster([...pool.values()])) {
    for (const article of story.articles) members.set(article.id, story.articles);
  }
  return members;
}

/** Replies for material edits since what the channel saw; silent advances for the rest. */
async function editUpdates(
  history: ArticleHistory,
  story: PostedStory,
  silent: ((s: PostedStory) => void)[],
): Promise<Update[]> {
  const updates: Update[] = [];
  for (const [articleId, seenHash] of Object.entries(story.seen)) {
    const record = await history.get(articleId);
    const latest = record?.versions.at(-1);
    if (!record || !latest || latest.hash === seenHash) continue;
    const advance = (s: PostedStory) => {
      s.seen[articleId] = latest.hash;
    };
    const change = history.changeSince(record, seenHash);
    // A typo fix or a reworded sentence moves what the channel has seen on, without a word to it.
    if (!change?.material) silent.push(advance);
    else
      updates.push({
        kind: 'edit',
        fingerprint: `${articleId}:${latest.hash}`,
        text: change.whatChanged,
        apply: advance,
      });
  }
  return updates;
}

/** Every article a channel has received, in any story: one it got as a story of its own is not news joining another. */
async function receivedBy(services: DigestServices, followed: Followed[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const { tenant, story } of followed) {
    const key = subscriptionKey(tenant, story.channelId);
    let ids = out.get(key);
    if (!ids) {
      const state = await services.stores.deliveries.get(tenant, story.channelId);
      ids = new Set(state?.recentArticleIds ?? []);
      out.set(key, ids);
    }
    for (const id of story.articleIds) ids.add(id);
  }
  return out;
}

/** The "also covered by" reply for outlets that joined the story, if any did. */
function outletUpdate(
  tenant: Tenant,
  story: PostedStory,
  members: Map<string, Article[]>,
  received: ReadonlySet<string>,
): Update | undefined {
  const known = new Set(story.sources.map((source) => source.toLowerCase()));
  const owner = tenantKey(tenant);
  const joining: Article[] = [];
  const seen = new Set<string>();
  const facts = (article: Article) => keyFactsOf(article.title, article.text.slice(0, 2000));
  for (const articleId of story.articleIds) {
    const group = members.get(articleId) ?? [];
    const own = group.find((article) => article.id === articleId);
    for (const article of group) {
      if (received.has(article.id) || seen.has(article.id)) continue;
      seen.add(article.id);
      if (article.backlog || !visibleTo(article, owner) || known.has(article.source.toLowerCase())) continue;
      if (!own || !corroborates(facts(own), facts(article))) continue;
      known.add(article.source.toLowerCase());
      joining.push(article);
    }
  }
  if (joining.length === 0) return undefined;
  const names = joining.map((article) => article.source);
  const shown =
    names.slice(0, MAX_OUTLETS).join(', ') +
    (names.length > MAX_OUTLETS ? ` and ${names.length - MAX_OUTLETS} more` : '');
  return {
    kind: 'outlets',
    fingerprint: joining
      .map((article) => article.id)
      .sort()
      .join(','),
    text: `Also covered by: ${shown}.`,
    apply: (s) => {
      s.articleIds = [...s.articleIds, ...joining.map((article) => article.id)];
      s.sources = [...s.sources, ...names];
      for (const article of joining) s.seen[article.id] = article.contentHash;
    },
  };
}

/**
 * The story update pass: for every story a channel received this week, a material edit of one of its
 * articles or a new outlet joining it becomes exactly one thread reply under the card. Each reply is
 * claimed in the delivery ledger and posted with its ledger key, so restarts and other instances add nothing.
 */
export function createStoryUpdates(deps: StoryUpdateDeps): { run(now: Date): Promise<StoryUpdateReport> } {
  const { services, ledger, log, owner } = deps;
  const { posts } = services;

  const listFollowed = async (now: Date): Promise<Followed[]> => {
    const out: Followed[] = [];
    for await (const { tenant, value } of posts.stories.listAll()) {
      if (!deps.adapters[tenant.platform]) continue;
      if (Date.parse(value.postedAt) + FOLLOW_MS <= now.getTime()) continue;
      out.push({ tenant, story: value });
    }
    return out;
  };

  /** Claims, posts and completes one update; true when the channel now has it (posted here or before). */
  const deliver = async ({ tenant, story }: Followed, update: Update, report: StoryUpdateReport) => {
    const fingerprint = createHash('sha256').update(update.fingerprint).digest('hex').slice(0, 16);
    const key = `update:${subscriptionKey(tenant, story.channelId)}/${story.storyId}/${update.kind}/${fingerprint}`;
    const outcome = await ledger.claim(key, owner, deps.leaseMs);
    if (outcome.status === 'done' || outcome.status === 'exhausted') return true;
    if (outcome.status === 'held') return false;
    const adapter = deps.adapters[tenant.platform]!;
    const result = await adapter
      .post({ tenant, id: story.channelId }, notice('info', update.text), { key, threadOf: story.messageId })
      .catch((error: unknown) => ({ ok: false as const, retryable: true, error: String(error) }));
    if (!result.ok && result.retryable) {
      // The claim stays and expires: a later pass tries again, at most MAX_ATTEMPTS times in all.
      log.warn({ key, error: result.error }, 'story update not posted; will retry');
      return false;
    }
    await ledger.complete(key, owner, { state: result.ok ? 'delivered' : 'failed' });
    if (result.ok) report.posted.push(key);
    else log.warn({ key, error: result.error }, 'story update could not be posted; given up');
    return true;
  };

  return {
    async run(now) {
      const report: StoryUpdateReport = { followed: 0, posted: [], pending: 0 };
      const followed = await listFollowed(now);
      report.followed = followed.length;
      if (followed.length === 0) return report;
      const members = await clusterAround(deps.core, followed);
      const received = await receivedBy(services, followed);
      for (const entry of followed) {
        const silent: ((s: PostedStory) => void)[] = [];
        const updates = await editUpdates(deps.core.history, entry.story, silent);
        const channelKey = subscriptionKey(entry.tenant, entry.story.channelId);
        const outlets = outletUpdate(
          entry.tenant,
          entry.story,
          members,
          received.get(channelKey) ?? new Set(),
        );
        if (outlets) updates.push(outlets);
        const next: PostedStory = { ...entry.story, seen: { ...entry.story.seen } };
        for (const apply of silent) apply(next);
        for (const update of updates) {
          if (await deliver(entry, update, report)) update.apply(next);
          else report.pending++;
        }
        if (silent.length > 0 || updates.length > 0) await posts.save(entry.tenant, next, now);
      }
      return report;
    },
  };
}
