import { describePrimarySource, primarySourceLabel } from '../../core/policy/primary-sources.ts';
import type { Reply, StoryCard } from '../../core/reply.ts';

const ICONS = { info: 'ℹ', success: '✓', warning: '!', error: '✗' } as const;

/**
 * Makes text safe to print on a terminal: C0 controls other than newline and tab show as their control
 * pictures (ESC as ␛), so an article or topic cannot recolour, move the cursor or retitle the window;
 * C1 controls and bidi overrides, which can reorder what is shown, become U+FFFD.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n' || c === '\t') return c;
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Renders a reply as plain text for a terminal, readable without colour and free of control characters. */
export function renderText(reply: Reply): string {
  return terminalSafe(renderRaw(reply));
}

function renderRaw(reply: Reply): string {
  switch (reply.kind) {
    case 'notice':
      return [`${ICONS[reply.level]} ${reply.text}`, ...(reply.hint ? [`  ${reply.hint}`] : [])].join('\n');
    case 'list':
      return [
        reply.title,
        ...reply.items.map((item) =>
          item.detail ? `  • ${item.label} — ${item.detail}` : `  • ${item.label}`,
        ),
        ...(reply.footer ? [reply.footer] : []),
      ].join('\n');
    case 'stories':
      return [
        reply.title,
        '',
        ...reply.stories.map((story, i) => renderStory(story, i + 1)),
        ...(reply.footer ? [reply.footer] : []),
      ].join('\n');
    case 'digest': {
      const lines = [
        reply.title + (reply.late ? ' (late)' : ''),
        ...(reply.subtitle ? [reply.subtitle] : []),
        '',
      ];
      for (const section of reply.sections) {
        lines.push(`== ${section.topic} ==`, '');
        for (const [i, story] of section.stories.entries()) lines.push(renderStory(story, i + 1));
      }
      if (reply.footer) lines.push(reply.footer);
      return lines.join('\n');
    }
  }
}

function renderStory(story: StoryCard, position: number): string {
  // An article with no findable date says so rather than passing its fetch time off as one.
  const meta = [story.source, story.publishedAt ? story.publishedAt.slice(0, 10) : 'undated']
    .filter(Boolean)
    .join(' · ');
  const also =
    story.alsoCoveredBy.length > 0
      ? `\n   Also covered by: ${story.alsoCoveredBy.map((o) => o.source).join(', ')}`
      : '';
  const cited = story.primarySources ?? [];
  const primary =
    cited.length > 0
      ? `\n   ${primarySourceLabel(cited.length)}: ${cited.map((s) => `${describePrimarySource(s)} <${s.url}>`).join('; ')}`
      : '';
  return `${position}. ${story.title}\n   ${meta}\n   ${story.summary}\n   ${story.url}${also}${primary}\n`;
}
