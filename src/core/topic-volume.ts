import type { Article } from './article.ts';
import { visibleTo } from './article.ts';
import type { ArticleStore } from './ports/article-store.ts';
import type { TopicVolume, TopicVolumeChart } from './ports/chart-renderer.ts';
import type { Topic, TopicService } from './ports/topic-service.ts';
import { type Tenant, tenantKey } from './tenant.ts';

const DAY_MS = 86_400_000;
/** The longest window a chart may span, so one request cannot ask for years of day buckets. */
export const MAX_CHART_DAYS = 365;

/** What the topic-volume composer reads: the article store and the topic service. */
export interface TopicVolumeDeps {
  articles: Pick<ArticleStore, 'all'>;
  topics: Pick<TopicService, 'tag'>;
}

/** Which topics, for whom, over how many days ending on the day of `now`. */
export interface TopicVolumeRequest {
  tenant: Tenant;
  topics: Topic[];
  now: Date;
  /** Days shown, today included; 30 by default, at least 14 so both weeks fit. */
  days?: number;
}

/** The UTC calendar day of an instant. */
function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** When an article counts: its publication, else when we fetched it (an undated article). */
function countedAt(article: Article): number {
  return Date.parse(article.publishedAt ?? article.fetchedAt);
}

// A built-in topic was tagged at ingest; a tenant topic (or a customised built-in, or a free query) is
// matched now, because tenant topics never change the stored, shared tags.
function matcher(topic: Topic, topics: TopicVolumeDeps['topics']): (article: Article) => boolean {
  if (topic.builtIn && !topic.customisesBuiltIn) return (article) => article.topics.includes(topic.name);
  return (article) => topics.tag(article, [topic]).includes(topic.name);
}

/**
 * Counts the tenant's visible stories per UTC day and topic over the window, in one pass over the store,
 * with this week's (the last 7 days) and last week's (the 7 before) totals.
 */
export async function composeTopicVolume(
  deps: TopicVolumeDeps,
  request: TopicVolumeRequest,
): Promise<TopicVolumeChart> {
  const days = Math.min(MAX_CHART_DAYS, Math.max(14, Math.floor(request.days ?? 30)));
  const today = Date.UTC(request.now.getUTCFullYear(), request.now.getUTCMonth(), request.now.getUTCDate());
  const start = today - (days - 1) * DAY_MS;
  const end = today + DAY_MS;
  const owner = tenantKey(request.tenant);
  const matchers = request.topics.map((topic) => matcher(topic, deps.topics));
  const counts = request.topics.map(() => new Array<number>(days).fill(0));
  for await (const article of deps.articles.all()) {
    const at = countedAt(article);
    if (!(at >= start && at < end) || !visibleTo(article, owner)) continue;
    const index = Math.floor((at - start) / DAY_MS);
    matchers.forEach((matches, t) => {
      if (matches(article)) counts[t]![index]! += 1;
    });
  }
  const topics: TopicVolume[] = request.topics.map((topic, t) => {
    const perDay = counts[t]!;
    const sum = (from: number, to: number) => perDay.slice(from, to).reduce((a, b) => a + b, 0);
    return {
      topic: topic.name,
      label: topic.label,
      days: perDay.map((count, i) => ({ day: dayOf(start + i * DAY_MS), count })),
      thisWeek: sum(days - 7, days),
      lastWeek: sum(days - 14, days - 7),
    };
  });
  const names = request.topics.map((topic) => topic.label).join(', ');
  return {
    title: `Stories per day, last ${days} days: ${names}`,
    from: dayOf(start),
    until: dayOf(today),
    topics,
  };
}

/** "12 this week against 8 last week (+50%)": the comparison every chart and caption states. */
export function weekComparison(volume: Pick<TopicVolume, 'thisWeek' | 'lastWeek'>): string {
  const { thisWeek, lastWeek } = volume;
  const change =
    lastWeek === 0
      ? thisWeek === 0
        ? 'no change'
        : 'new'
      : `${thisWeek >= lastWeek ? '+' : ''}${Math.round(((thisWeek - lastWeek) / lastWeek) * 100)}%`;
  return `${thisWeek} this week against ${lastWeek} last week (${change})`;
}
