import { notice, type Reply } from '../src/core/reply.ts';
import type { Source } from '../src/core/sources.ts';
import { dateFormatter } from '../src/core/text/date-format.ts';
import { countOf } from '../src/core/text/plural.ts';
import type { ComposedDigest } from './compose.ts';

/** What to post when a digest has nothing new: one line saying so, or nothing at all. */
export type WhenEmpty = 'line' | 'skip';

/** The delivery-health footer's figures, from the tenant's sources' health fields. */
export interface SourceHealth {
  total: number;
  /** Sources polled (successfully or not) since the window opened. */
  checked: number;
  /** Names of sources whose last poll failed. */
  failing: string[];
}

/** Summarises the tenant's sources for the footer. */
export function summarizeSourceHealth(sources: readonly Source[], since: Date): SourceHealth {
  const from = since.getTime();
  let checked = 0;
  const failing: string[] = [];
  for (const source of sources) {
    const success = Date.parse(source.health.lastSuccessAt ?? '') || 0;
    const error = Date.parse(source.health.lastErrorAt ?? '') || 0;
    if (Math.max(success, error) >= from) checked++;
    if (source.health.failures > 0 || error > success) failing.push(source.name);
  }
  return { total: sources.length, checked, failing: failing.sort() };
}

/** The footer line: how many sources were checked and which are failing. */
export function healthLine(health: SourceHealth): string {
  if (health.total === 0)
    return 'Delivery health: this workspace follows no sources of its own yet (/sources add).';
  const failing =
    health.failing.length === 0
      ? 'none failing'
      : `${health.failing.length} failing (${health.failing.slice(0, 5).join(', ')}${health.failing.length > 5 ? ', …' : ''})`;
  return `Delivery health: ${health.checked} of ${countOf(health.total, 'source')} checked, ${failing}.`;
}

function formatter(kind: 'long' | 'short', timeZone: string): Intl.DateTimeFormat {
  return dateFormatter(
    'en-GB',
    kind === 'long'
      ? { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
      : {
          timeZone,
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        },
  );
}

/** `Monday 30 March 2026` in the subscriber's zone. */
export function longDate(at: Date, timeZone: string): string {
  return formatter('long', timeZone).format(at).replace(',', '');
}

/** `Sun 29 Mar 08:00` in the subscriber's zone. */
export function shortMoment(at: Date, timeZone: string): string {
  return formatter('short', timeZone).format(at).replace(',', '');
}

/** Options of a digest reply. */
export interface DigestReplyOptions {
  timeZone: string;
  /** The moment the digest is for: its scheduled time, or now for a preview. */
  at: Date;
  late?: boolean;
  health: SourceHealth;
  whenEmpty: WhenEmpty;
  preview?: boolean;
}

/** Turns a composed digest into a platform-neutral reply; undefined when empty and empty digests are skipped. */
export function buildDigestReply(digest: ComposedDigest, options: DigestReplyOptions): Reply | undefined {
  const { timeZone } = options;
  const title = `${options.preview ? 'Preview: ' : ''}Policy Wire digest · ${longDate(options.at, timeZone)}`;
  const since = shortMoment(digest.since, timeZone);
  const topics = digest.sections.map((section) => section.topic);
  if (digest.storyCount === 0) {
    if (options.whenEmpty === 'skip') return undefined;
    // A notice already stays with the person who asked a preview (src/core/reply-visibility.ts).
    return notice(
      'info',
      `${title}${options.late ? ' (late)' : ''} (${timeZone}): nothing new on ${topics.join(', ')} since ${since}.`,
    );
  }
  const quiet = digest.sections.filter((section) => section.stories.length === 0).map((s) => s.topic);
  const footer = [
    ...(quiet.length > 0 ? [`Nothing new on: ${quiet.join(', ')}.`] : []),
    healthLine(options.health),
  ].join('\n');
  return {
    kind: 'digest',
    title,
    subtitle: `${timeZone} · ${countOf(digest.storyCount, 'story', 'stories')} since ${since}`,
    sections: digest.sections
      .filter((section) => section.stories.length > 0)
      .map((section) => ({ topic: section.topic, stories: section.stories.map((story) => story.card) })),
    footer,
    ...(options.late ? { late: true } : {}),
    ...(options.preview ? { visibility: 'ephemeral' as const } : {}),
  };
}
