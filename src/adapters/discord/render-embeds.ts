import type { APIEmbed } from 'discord.js';
import { primarySourceDetail, primarySourceLabel } from '../../core/policy/primary-sources.ts';
import type { Reply, StoryCard } from '../../core/reply.ts';
import { dropControls } from '../../core/text/printable.ts';
import { truncate } from '../../core/text/truncate.ts';
import { DISCORD_LIMITS as LIMITS } from './limits.ts';

/** One Discord message as we send it: optional text above up to ten embeds. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
}

const COLORS = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
  story: 0x1f6feb,
} as const;
const ICONS = { info: 'ℹ️', success: '✅', warning: '⚠️', error: '❌' } as const;
/** A list item never takes more than this, so one long source URL cannot crowd out the rest. */
const LIST_LINE_MAX = 1000;

/** Renders a reply as Discord messages within every embed limit; long replies split across messages in order. */
export function renderReply(reply: Reply): DiscordMessage[] {
  switch (reply.kind) {
    case 'notice': {
      const hint = reply.hint ? `\n\n*${escapeMarkdown(reply.hint)}*` : '';
      const embed: APIEmbed = {
        color: COLORS[reply.level],
        description: `${ICONS[reply.level]} ${escapeMarkdown(reply.text)}${hint}`,
      };
      return [{ embeds: [fitEmbed(embed)] }];
    }
    case 'list':
      return withText(pack(listEmbeds(reply.title, reply.items, reply.footer)), undefined, undefined);
    case 'stories':
      return withText(
        pack(reply.stories.map((story) => storyEmbed(story))),
        `**${escapeMarkdown(reply.title)}**`,
        reply.footer,
      );
    case 'digest': {
      const embeds: APIEmbed[] = [];
      for (const section of reply.sections) {
        if (section.stories.length === 0) {
          embeds.push(
            fitEmbed({
              color: COLORS.info,
              author: { name: section.topic },
              description: 'Nothing new on this topic.',
            }),
          );
        }
        for (const story of section.stories) embeds.push(storyEmbed(story, section.topic));
      }
      const header = [
        `**${escapeMarkdown(reply.title)}**${reply.late ? ' (late)' : ''}`,
        ...(reply.subtitle ? [escapeMarkdown(reply.subtitle)] : []),
      ].join('\n');
      return withText(pack(embeds), header, reply.footer);
    }
  }
}

/** One embed per story: headline linking to the article, the verbatim summary, outlet and date. */
export function storyEmbed(story: StoryCard, topic?: string): APIEmbed {
  const url = httpUrl(story.url);
  const timestamp = isoTimestamp(story.publishedAt);
  const embed: APIEmbed = {
    color: COLORS.story,
    title: escapeMarkdown(story.title.trim() || story.url),
    ...(url ? { url } : {}),
    description: escapeMarkdown(story.summary.trim() || 'No summary available.'),
    // Without a timestamp Discord shows no date at all; the footer says the article is undated instead.
    footer: { text: timestamp ? story.source : `${story.source} · undated` },
    ...(timestamp ? { timestamp } : {}),
    ...(topic ? { author: { name: topic } } : {}),
  };
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (story.alsoCoveredBy.length > 0)
    fields.push({ name: 'Also covered by', value: coveredBy(story.alsoCoveredBy) });
  const cited = story.primarySources ?? [];
  if (cited.length > 0) {
    const lines = cited.map((source) => {
      const url = httpUrl(source.url);
      const id = escapeMarkdown(source.id);
      return `${url ? `[${id}](${url})` : id}${escapeMarkdown(primarySourceDetail(source))}`;
    });
    fields.push({
      name: primarySourceLabel(cited.length),
      value: lines.join('\n').slice(0, LIMITS.fieldValue),
    });
  }
  if (fields.length > 0) embed.fields = fields;
  return fitEmbed(embed);
}

/** The characters Discord counts towards a message's 6,000 embed total. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/**
 * Escapes Discord markdown so article text shows as written and cannot forge links, formatting, lists,
 * headings or mentions (control and bidi-override characters are dropped): `<@id>` loses its `<`, and `@everyone`/`@here` get a zero-width space.
 */
export function escapeMarkdown(text: string): string {
  return dropControls(text)
    .replace(/([\\*_~`|[\]<>])/g, '\\$1')
    .replace(/^(\s*)(#{1,3}|-#|[-+]|\d+\.)(?=\s)/gm, '$1\\$2')
    .replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** Cuts every part of an embed to its own limit, then the description so the whole fits one message. */
function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncate(fitted.title, LIMITS.title);
  if (fitted.description !== undefined) fitted.description = truncate(fitted.description, LIMITS.description);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, LIMITS.footer) };
  if (fitted.author)
    fitted.author = { ...fitted.author, name: truncate(fitted.author.name, LIMITS.authorName) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, LIMITS.fields).map((field) => ({
      ...field,
      name: truncate(field.name, LIMITS.fieldName),
      value: truncate(field.value, LIMITS.fieldValue),
    }));
  }
  const excess = embedLength(fitted) - LIMITS.embedTotal;
  if (excess > 0 && fitted.description) {
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - excess));
  }
  return fitted;
}

/** Packs embeds into messages in order: at most ten each and 6,000 counted characters. */
function pack(embeds: APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    if (
      current.length > 0 &&
      (current.length >= LIMITS.embedsPerMessage || size + length > LIMITS.embedTotal)
    ) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += length;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** Puts a header above the first message and the footer as small text on the last. */
function withText(
  groups: APIEmbed[][],
  header: string | undefined,
  footer: string | undefined,
): DiscordMessage[] {
  const messages: DiscordMessage[] = groups.map((embeds) => ({ embeds }));
  if (messages.length === 0) messages.push({ embeds: [] });
  const first = messages[0]!;
  const last = messages[messages.length - 1]!;
  if (header) first.content = header;
  if (footer) {
    const small = `-# ${escapeMarkdown(footer.replace(/\s+/g, ' '))}`;
    last.content = last.content ? `${last.content}\n${small}` : small;
  }
  for (const message of messages) {
    if (message.content !== undefined) message.content = truncate(message.content, LIMITS.content);
  }
  return messages;
}

function listEmbeds(title: string, items: { label: string; detail?: string }[], footer?: string): APIEmbed[] {
  const lines = items.map((item) =>
    truncate(
      item.detail
        ? `• **${escapeMarkdown(item.label)}** — ${escapeMarkdown(item.detail)}`
        : `• ${escapeMarkdown(item.label)}`,
      LIST_LINE_MAX,
    ),
  );
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > LIMITS.description) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current || chunks.length === 0) chunks.push(current || 'Nothing to show.');
  return chunks.map((description, index) =>
    fitEmbed({
      color: COLORS.info,
      ...(index === 0 ? { title: escapeMarkdown(title) } : {}),
      description,
      ...(footer && index === chunks.length - 1 ? { footer: { text: footer } } : {}),
    }),
  );
}

function coveredBy(outlets: { source: string; url: string }[]): string {
  const parts: string[] = [];
  let length = 0;
  for (const [index, outlet] of outlets.entries()) {
    const url = httpUrl(outlet.url);
    const part = url ? `[${escapeMarkdown(outlet.source)}](${url})` : escapeMarkdown(outlet.source);
    const more = ` and ${outlets.length - index} more`;
    if (length + part.length + 2 + more.length > LIMITS.fieldValue) {
      return `${parts.join(', ')}${more}`;
    }
    parts.push(part);
    length += part.length + 2;
  }
  return parts.join(', ');
}

/** Only http(s) links are valid in an embed; a file:// link from a local ingest is left out. */
function httpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function isoTimestamp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
