/** One story as every platform shows it: a headline, a faithful summary, a link and who covered it. */
export interface StoryCard {
  id: string;
  title: string;
  url: string;
  source: string;
  publishedAt?: string;
  summary: string;
  topics: string[];
  /** Other outlets that reported the same event, representative first excluded. */
  alsoCoveredBy: { source: string; url: string }[];
  articleIds: string[];
  score?: number;
}

/** A digest section: one topic and its stories. */
export interface DigestSection {
  topic: string;
  stories: StoryCard[];
}

/** Where a reply should be visible on platforms that can tell the difference. */
export type Visibility = 'ephemeral' | 'channel';

/** A platform-neutral reply; adapters render it as Block Kit, embeds or text within their limits. */
export type Reply =
  | { kind: 'stories'; title: string; stories: StoryCard[]; footer?: string; visibility?: Visibility }
  | {
      kind: 'notice';
      level: 'info' | 'success' | 'warning' | 'error';
      text: string;
      hint?: string;
      visibility?: Visibility;
    }
  | {
      kind: 'list';
      title: string;
      items: { label: string; detail?: string }[];
      footer?: string;
      visibility?: Visibility;
    }
  | {
      kind: 'digest';
      title: string;
      subtitle?: string;
      sections: DigestSection[];
      footer?: string;
      late?: boolean;
      visibility?: Visibility;
    };

/** Builds an informational or error notice. */
export function notice(level: 'info' | 'success' | 'warning' | 'error', text: string, hint?: string): Reply {
  return hint === undefined
    ? { kind: 'notice', level, text, visibility: level === 'error' ? 'ephemeral' : undefined }
    : { kind: 'notice', level, text, hint, visibility: level === 'error' ? 'ephemeral' : undefined };
}
