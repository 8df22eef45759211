/** One entry of a feed, in the shape the rest of Policy Wire reads, whatever the feed format. */
export interface FeedItem {
  /** guid / atom:id / JSON Feed id; the item URL when the feed gives none. */
  id: string;
  title?: string;
  /** Absolute http(s) URL of the story, resolved against xml:base and the feed URL. */
  url?: string;
  publishedAt?: string;
  updatedAt?: string;
  /** Plain-text teaser or description. */
  summary?: string;
  /** The fullest body the feed carries, as HTML (content:encoded, atom:content, content_html). */
  contentHtml?: string;
  author?: string;
}

/** The feed formats we read. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** A parsed feed. */
export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  link?: string;
  items: FeedItem[];
}

/** Parse outcome: a feed (maybe recovered from broken markup, then `recovered` says so) or why not. */
export type FeedParseResult =
  | { ok: true; feed: ParsedFeed; recovered: boolean }
  | { ok: false; reason: string };
