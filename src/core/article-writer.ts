import { type Article, type ArticleDraft, articleIdFor, contentHashFor } from './article.ts';
import { cardFields, cardSummary } from './card-fields.ts';
import type { ArticleHistory } from './ports/article-history.ts';
import type { ArticleStore } from './ports/article-store.ts';
import type { Clock } from './ports/clock.ts';
import type { Summarizer } from './ports/summarizer.ts';
import { detectLanguage } from './text/language.ts';

/** What saving a draft did. */
export type SaveStatus = 'added' | 'updated' | 'skipped';

/** Options for one save. */
export interface SaveOptions {
  /** Tenant key that may see the article; `*` for everyone. Each owner keeps its own copy of a URL. */
  owner?: string;
  /** A new source's existing items: stored and searchable, but never pushed in a digest. */
  backlog?: boolean;
}

/** Turns drafts into stored articles: one record per canonical URL, updated in place on edits. */
export interface ArticleWriter {
  save(draft: ArticleDraft, options?: SaveOptions): Promise<{ status: SaveStatus; article: Article }>;
}

/** Dependencies of the article writer. */
export interface ArticleWriterDeps {
  store: ArticleStore;
  summarizer: Summarizer;
  clock: Clock;
  /** Topic tags for an article; the understanding layer plugs in here. */
  tag?: (article: Article) => string[];
  /** Called after every add or update, e.g. to keep the search index in step. */
  onSaved?: (article: Article) => void;
  /** Keeps each article's versions, so a story update can say what changed. */
  history?: ArticleHistory;
}

/** Creates the writer that every ingest path (files, URLs, feeds) goes through. */
export function createArticleWriter(deps: ArticleWriterDeps): ArticleWriter {
  return {
    async save(draft, options = {}) {
      const owner = options.owner ?? '*';
      // The cleaned headline and outlet are what is stored: preview shows the same through cardFields.
      const { url, canonicalUrl, title, source } = cardFields(draft);
      const id = articleIdFor(canonicalUrl, owner);
      const existing = await deps.store.get(id);
      // A primary document whose record changed (a comment period extended) is an update even when its
      // words are the same; an article without a record hashes as it always did.
      const hash = contentHashFor(
        draft.title,
        draft.policy ? `${draft.text}\u0000${JSON.stringify(draft.policy)}` : draft.text,
        draft.publishedAt,
      );
      const now = deps.clock.now().toISOString();
      if (existing && existing.contentHash === hash) return { status: 'skipped', article: existing };
      // Every path is bounded here, whatever the summarizer.
      const summary = cardSummary(await deps.summarizer.summarize({ title, text: draft.text }));
      const article: Article = {
        id,
        url,
        canonicalUrl,
        title,
        source,
        ...(draft.author ? { author: draft.author } : {}),
        ...(draft.publishedAt ? { publishedAt: draft.publishedAt } : {}),
        ...(draft.modifiedAt ? { modifiedAt: draft.modifiedAt } : {}),
        fetchedAt: existing?.fetchedAt ?? now,
        updatedAt: now,
        text: draft.text,
        summary,
        topics: [],
        language: draft.language?.slice(0, 2).toLowerCase() || detectLanguage(draft.text),
        owners: [owner],
        contentHash: hash,
        // An edit keeps the article's place: backlog stays backlog, news stays news.
        backlog: existing ? existing.backlog : (options.backlog ?? false),
        ...(draft.policy ? { policy: draft.policy } : {}),
      };
      article.topics = deps.tag?.(article) ?? [];
      await deps.store.put(article);
      await deps.history?.record(article);
      deps.onSaved?.(article);
      return { status: existing ? 'updated' : 'added', article };
    },
  };
}
