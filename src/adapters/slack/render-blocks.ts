import { primarySourceDetail, primarySourceLabel } from '../../core/policy/primary-sources.ts';
import type { Reply, StoryCard } from '../../core/reply.ts';
import { dropControls } from '../../core/text/printable.ts';
import { truncate } from '../../core/text/truncate.ts';
import { BLOCK_KIT_LIMITS, type Block, type SlackMessage, type TextObject } from './block-kit.ts';

const L = BLOCK_KIT_LIMITS;
const ICONS = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  error: ':x:',
} as const;
/** Longest headline we show; real headlines are far shorter, scraped ones sometimes are not. */
const MAX_TITLE = 300;
/** List lines per section: short sections read better than one wall of text. */
const LIST_LINES_PER_SECTION = 10;

/** A run of blocks that must stay in one message, e.g. a story's section and its context. */
interface Unit {
  blocks: Block[];
  /** Set when the unit continues a digest topic, so a new message can repeat the topic's name. */
  topic?: string;
  startsTopic?: boolean;
}

/**
 * Renders a reply as Block Kit messages within Slack's limits: ≤50 blocks each, sections ≤3,000
 * characters, headers ≤150. Long replies are split into several messages that keep their order.
 */
export function renderSlackMessages(reply: Reply): SlackMessage[] {
  switch (reply.kind) {
    case 'notice': {
      const blocks: Block[] = [section(`${ICONS[reply.level]} ${escapeMrkdwn(reply.text)}`)];
      if (reply.hint) blocks.push(context([escapeMrkdwn(reply.hint)]));
      return [{ text: fallback(reply.text), blocks }];
    }
    case 'stories': {
      const units = reply.stories.map((story) => ({ blocks: storyBlocks(story) }));
      return pack(reply.title, [header(reply.title)], units, footerBlocks(reply.footer), (n) =>
        n === 1 ? `${reply.title}: ${countOf(reply.stories.length, 'story', 'stories')}` : reply.title,
      );
    }
    case 'list': {
      const lines = reply.items.map((item) =>
        truncate(
          item.detail
            ? `• *${escapeMrkdwn(item.label)}* — ${escapeMrkdwn(item.detail)}`
            : `• ${escapeMrkdwn(item.label)}`,
          L.sectionText,
        ),
      );
      const units: Unit[] = [];
      let current: string[] = [];
      for (const line of lines) {
        const joined = [...current, line].join('\n');
        if (
          current.length > 0 &&
          (current.length >= LIST_LINES_PER_SECTION || joined.length > L.sectionText)
        ) {
          units.push({ blocks: [section(current.join('\n'))] });
          current = [];
        }
        current.push(line);
      }
      if (current.length > 0) units.push({ blocks: [section(current.join('\n'))] });
      return pack(reply.title, [header(reply.title)], units, footerBlocks(reply.footer), () => reply.title);
    }
    case 'digest': {
      const title = reply.late ? `${reply.title} (late)` : reply.title;
      const opening: Block[] = [header(title)];
      if (reply.subtitle) opening.push(context([escapeMrkdwn(reply.subtitle)]));
      const units: Unit[] = [];
      for (const [sectionIndex, digestSection] of reply.sections.entries()) {
        for (const [i, story] of digestSection.stories.entries()) {
          const blocks = storyBlocks(story);
          if (i === 0) {
            const heading = section(topicHeading(digestSection.topic, digestSection.stories.length));
            blocks.unshift(...(sectionIndex > 0 ? [{ type: 'divider' } as const] : []), heading);
          }
          units.push({ blocks, topic: digestSection.topic, startsTopic: i === 0 });
        }
      }
      const stories = reply.sections.reduce((sum, s) => sum + s.stories.length, 0);
      if (units.length === 0) {
        units.push({ blocks: [section(':zzz: No new stories on your topics since the last digest.')] });
      }
      return pack(title, opening, units, footerBlocks(reply.footer), () =>
        stories > 0 ? `${title}: ${countOf(stories, 'story', 'stories')}` : title,
      );
    }
  }
}

// Slack has no escape for its formatting marks, so a mark that could open or close formatting becomes a
// look-alike (see docs/escaping.md). Marks inside a word (`ADMIN_USER_IDS`, `2*3`) cannot format and stay.
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217',
  _: '\uff3f',
  '~': '\u223c',
  '`': '\u02cb',
};
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Makes text inert in Slack mrkdwn: control and bidi-override characters dropped, `&`, `<` and `>` as entities (so `<!channel>` or `<url|label>` in an
 * article pings and links nobody), formatting marks as look-alikes, and a leading `>` kept from quoting.
 */
export function escapeMrkdwn(text: string): string {
  const marks = dropControls(text).replace(/[*_~`]/g, (mark, at: number, all: string) =>
    WORD_CHAR.test(all[at - 1] ?? '') && WORD_CHAR.test(all[at + 1] ?? '')
      ? mark
      : (LOOK_ALIKES[mark] ?? mark),
  );
  return marks
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)&gt;/gm, '$1\u00ad&gt;');
}

/** A Slack link, or plain bold text when the URL is not a web address (e.g. a bundled sample file). */
function link(url: string, label: string): string {
  const safeLabel = escapeMrkdwn(label.replace(/\s+/g, ' ').trim());
  if (!/^https?:\/\//i.test(url)) return safeLabel;
  const safeUrl = url.replace(/[|<> ]/g, (c) => encodeURIComponent(c));
  return `<${safeUrl}|${safeLabel}>`;
}

function storyBlocks(story: StoryCard): Block[] {
  const headline = `*${link(story.url, truncate(story.title, MAX_TITLE))}*`;
  const room = L.sectionText - headline.length - 1;
  const summary = truncate(escapeMrkdwn(story.summary.trim()), room);
  const meta = [`*${escapeMrkdwn(truncate(story.source, 200))}*`];
  meta.push(slackDate(story.publishedAt) ?? 'undated');
  const elements = [meta.join(' · ')];
  if (story.alsoCoveredBy.length > 0) {
    const shown = story.alsoCoveredBy.slice(0, 8).map((other) => link(other.url, truncate(other.source, 80)));
    const more = story.alsoCoveredBy.length - shown.length;
    elements.push(
      truncate(`Also covered by ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`, L.contextText),
    );
  }
  const cited = story.primarySources ?? [];
  if (cited.length > 0) {
    const shown = cited.map(
      (source) => `${link(source.url, source.id)}${escapeMrkdwn(primarySourceDetail(source))}`,
    );
    elements.push(truncate(`${primarySourceLabel(cited.length)}: ${shown.join('; ')}`, L.contextText));
  }
  return [section(summary ? `${headline}\n${summary}` : headline), context(elements)];
}

/** A date Slack shows in each reader's own locale, with an ISO fallback for old clients. */
function slackDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return `<!date^${Math.floor(time / 1000)}^{date_short}|${new Date(time).toISOString().slice(0, 10)}>`;
}

function topicHeading(topic: string, count: number): string {
  return `:bookmark: *${escapeMrkdwn(truncate(topic, 200))}* · ${countOf(count, 'story', 'stories')}`;
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, L.sectionText) || ' ' } };
}

function context(texts: string[]): Block {
  const elements: TextObject[] = texts
    .filter((text) => text.length > 0)
    .slice(0, L.contextElements)
    .map((text) => ({ type: 'mrkdwn', text: truncate(text, L.contextText) }));
  return { type: 'context', elements };
}

function header(text: string): Block {
  const clean = text.replace(/\s+/g, ' ').trim() || 'Policy Wire';
  return { type: 'header', text: { type: 'plain_text', text: truncate(clean, L.headerText), emoji: true } };
}

function footerBlocks(footer: string | undefined): Block[] {
  return footer ? [context([escapeMrkdwn(footer)])] : [];
}

/** Slack parses the top-level text as mrkdwn too: escaped, so echoed input like `<!channel>` pings nobody. */
function fallback(text: string): string {
  return truncate(escapeMrkdwn(text), L.fallbackText);
}

function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Packs units into messages of at most 50 blocks, in order. A continuation message opens with a
 * "continued" line, and repeats the digest topic when a topic runs across the break.
 */
function pack(
  title: string,
  opening: Block[],
  units: Unit[],
  closing: Block[],
  summaryText: (parts: number) => string,
): SlackMessage[] {
  const max = L.blocksPerMessage;
  const messages: Block[][] = [[...opening]];
  const continuation = (unit: Unit, part: number): Block[] => {
    const blocks: Block[] = [context([`${escapeMrkdwn(truncate(title, 200))} · continued (part ${part})`])];
    if (unit.topic && !unit.startsTopic) {
      blocks.push(section(`:bookmark: *${escapeMrkdwn(truncate(unit.topic, 200))}* (continued)`));
    }
    return blocks;
  };
  for (const unit of units) {
    let current = messages[messages.length - 1] as Block[];
    if (current.length + unit.blocks.length > max) {
      current = continuation(unit, messages.length + 1);
      messages.push(current);
    }
    current.push(...unit.blocks.slice(0, max - current.length));
  }
  const last = messages[messages.length - 1] as Block[];
  if (closing.length > 0) {
    if (last.length + closing.length <= max) last.push(...closing);
    else messages.push(closing);
  }
  const total = messages.length;
  const text = truncate(escapeMrkdwn(summaryText(total)), L.fallbackText - 20);
  return messages.map((blocks, i) => ({
    text: total === 1 ? text : `${text} (part ${i + 1} of ${total})`,
    blocks,
  }));
}
