import type { PolicyKind } from './policy/policy-record.ts';
import type { Platform } from './tenant.ts';

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
  /** Primary documents the story cites (a rule, docket, bill, EU procedure), linked to their records. */
  primarySources?: PrimarySource[];
}

/** A primary document a story cites: `kind` is its record's kind when stored, else what its identifier says. */
export interface PrimarySource {
  /** As cited: "91 FR 81234", "FCC-2026-0412", "H.R. 1234", "2024/0001(COD)". */
  id: string;
  kind: PolicyKind;
  url: string;
  title?: string;
  /** YYYY-MM-DD, when the document has a comment period. */
  commentsCloseOn?: string;
}

/** A digest section: one topic and its stories. */
export interface DigestSection {
  topic: string;
  stories: StoryCard[];
}

/** A picture sent with a reply (a chart): PNG bytes, a file name, and the text shown where pictures are not. */
export interface ReplyImage {
  /** A file name ending in .png. */
  name: string;
  title: string;
  alt: string;
  png: Uint8Array;
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
      /** A chart posted after the digest's messages (a weekly digest's topic volume). */
      image?: ReplyImage;
    };

/** How serious a notice is; adapters pick its icon and colour from it. */
export type NoticeLevel = 'info' | 'success' | 'warning' | 'error';

/** Builds a notice: the one way every layer writes a one-line answer, with an optional how-to-fix hint. */
export function notice(level: NoticeLevel, text: string, hint?: string): Reply {
  return hint === undefined ? { kind: 'notice', level, text } : { kind: 'notice', level, text, hint };
}

/** Who counts as an admin on each platform, in the words its users know. */
const ADMINS: Record<Platform, { who: string; hint: string }> = {
  slack: { who: 'workspace admins', hint: 'Ask an admin, or ask one to add you to ADMIN_USER_IDS.' },
  discord: {
    who: 'members with the Manage Server permission',
    hint: 'Ask a server admin, or ask the bot operator to add your user id to ADMIN_USER_IDS.',
  },
  // The person at the terminal is its admin; the words only matter to tests and piped scripts.
  console: { who: 'workspace admins', hint: 'Ask an admin, or ask one to add you to ADMIN_USER_IDS.' },
};

/** The refusal of an admin-only action (`use /sources`, `add topics`) to someone who is not an admin. */
export function adminRefusal(action: string, platform: Platform, hint?: string): Reply {
  const admins = ADMINS[platform];
  return notice('error', `Only ${admins.who} can ${action}.`, hint ?? admins.hint);
}

/** The apology for a failure that is ours, with the reference that finds its log line. */
export function apology(ref: string): Reply {
  return notice(
    'error',
    `Sorry, something went wrong on our side (ref ${ref}).`,
    'Please try again in a minute.',
  );
}
