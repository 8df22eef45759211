import type { Article } from '../article.ts';

/** What one version of an article said, as far as "did it change?" needs to know. */
export interface ArticleVersion {
  at: string;
  title: string;
  /** The article's contentHash at this version. */
  hash: string;
  facts: { figures: string[]; dates: string[]; names: string[]; verdicts: string[] };
  /** The title and opening sentences, so an update can quote the old and the new wording. */
  sentences: string[];
  /** The fact changes against the version before ("verdict added: reject"); empty for the first. */
  changes: string[];
  /** True when a fact changed: not a typo fix or a reworded sentence. */
  material: boolean;
  /** One or two sentences on a material change, quoting both versions. */
  whatChanged?: string;
}

/** Every version of one article seen so far, oldest first. */
export interface ArticleHistoryRecord {
  id: string;
  versions: ArticleVersion[];
}

/** The change between two versions of an article, for a story update. */
export interface VersionChange {
  material: boolean;
  changes: string[];
  whatChanged: string;
}

/** The version history port: kept in step by the article writer, read by story updates and the CLI. */
export interface ArticleHistory {
  /** Records the article's current version (nothing when its hash is the latest already); the new record. */
  record(article: Article): Promise<ArticleHistoryRecord>;
  /** The history of one article, or undefined when none was kept. */
  get(id: string): Promise<ArticleHistoryRecord | undefined>;
  /** What changed from the version with hash `since` to the latest; undefined when `since` is unknown or latest. */
  changeSince(record: ArticleHistoryRecord, since: string): VersionChange | undefined;
}
