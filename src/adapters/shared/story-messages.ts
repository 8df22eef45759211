import type { Reply, StoryCard } from '../../core/reply.ts';

/** The story cards a reply carries, in the order shown. */
export function cardsOf(reply: Reply): StoryCard[] {
  if (reply.kind === 'stories') return reply.stories;
  if (reply.kind === 'digest') return reply.sections.flatMap((section) => section.stories);
  return [];
}

/** The forms a card's link takes inside a rendered message (Slack escapes `|<> `, Discord normalises). */
function linkForms(url: string): string[] {
  const forms = new Set([url, url.replace(/[|<> ]/g, (c) => encodeURIComponent(c))]);
  try {
    forms.add(new URL(url).toString());
  } catch {
    // Not a URL: the card is found by its raw link or not at all.
  }
  return [...forms];
}

/**
 * Which posted message carries each card: the first rendered message whose content holds the card's link.
 * A one-message reply carries every card. Renderers split by size, so this reads where they put each card
 * rather than predicting it.
 */
export function storyMessagesOf(
  reply: Reply,
  rendered: readonly unknown[],
  messageIds: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  const cards = cardsOf(reply);
  if (cards.length === 0 || messageIds.length === 0) return out;
  const texts = rendered.map((message) => JSON.stringify(message));
  for (const card of cards) {
    if (messageIds.length === 1) {
      out[card.id] = messageIds[0]!;
      continue;
    }
    const forms = linkForms(card.url);
    const index = texts.findIndex((text) =>
      forms.some((form) => text.includes(JSON.stringify(form).slice(1, -1))),
    );
    const id = index >= 0 ? messageIds[index] : undefined;
    if (id) out[card.id] = id;
  }
  return out;
}
