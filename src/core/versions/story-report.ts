import type { Article } from '../article.ts';
import type { ArticleHistory } from '../ports/article-history.ts';
import type { ArticleStore } from '../ports/article-store.ts';
import type { StoryClusterer } from '../ports/story-clusterer.ts';

/** How far either side of an article its story's other reports are looked for. */
const STORY_SPAN_MS = 3 * 86_400_000;

/** An article's versions, the outlets of its story and what changed since it was first seen. */
export interface StoryReport {
  id: string;
  title: string;
  versions: { at: string; title: string; changes: string[] }[];
  outlets: string[];
  whatChanged: string;
}

/** What the report reads. */
export interface StoryReportDeps {
  articles: ArticleStore;
  history: ArticleHistory;
  clusterer: StoryClusterer;
}

const timeOf = (article: Article) => Date.parse(article.publishedAt ?? article.fetchedAt);

/**
 * The report for one stored article (undefined when there is none): its versions oldest first, the outlets
 * the clusterer puts in its story among articles from three days either side, and, when a fact changed
 * since the first version, the one or two sentences saying what.
 */
export async function storyReport(deps: StoryReportDeps, id: string): Promise<StoryReport | undefined> {
  const article = await deps.articles.get(id);
  if (!article) return undefined;
  const record = await deps.history.get(id);
  const versions = record?.versions ?? [];
  const at = timeOf(article);
  const nearby: Article[] = [];
  for await (const other of deps.articles.all()) {
    if (other.id !== id && Math.abs(timeOf(other) - at) <= STORY_SPAN_MS && !other.backlog)
      nearby.push(other);
  }
  const story = deps.clusterer.cluster([article, ...nearby]).find((s) => s.articles.some((a) => a.id === id));
  const outlets = [...new Set([article.source, ...(story?.articles ?? []).map((member) => member.source)])];
  const first = versions[0];
  const change = record && first ? deps.history.changeSince(record, first.hash) : undefined;
  return {
    id,
    title: article.title,
    versions: versions.map((version) => ({ at: version.at, title: version.title, changes: version.changes })),
    outlets,
    whatChanged: change?.material ? change.whatChanged : '',
  };
}
