/** Slack's documented Block Kit limits; every message we send stays inside them. */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  /** The top-level `text` is the notification and screen-reader fallback; Slack truncates very long ones. */
  fallbackText: 4000,
} as const;

/** A Block Kit text object. */
export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}

/** The four block types Policy Wire renders. */
export type Block =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: TextObject }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' };

/** One Slack message: fallback text plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Every way a message breaks Block Kit's limits; empty when it is fine. Accepts untrusted JSON, as a fake Slack receives it. */
export function blockKitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const L = BLOCK_KIT_LIMITS;
  if (typeof message.text === 'string' && message.text.length > L.fallbackText) {
    problems.push(`fallback text has ${message.text.length} characters (max ${L.fallbackText})`);
  }
  if (message.blocks === undefined) return problems;
  if (!Array.isArray(message.blocks)) return [...problems, 'blocks is not an array'];
  if (message.blocks.length > L.blocksPerMessage) {
    problems.push(`${message.blocks.length} blocks (max ${L.blocksPerMessage})`);
  }
  message.blocks.forEach((raw: unknown, i) => {
    const block = raw as { type?: unknown; text?: { text?: unknown }; elements?: unknown };
    const textLength = typeof block.text?.text === 'string' ? block.text.text.length : -1;
    switch (block.type) {
      case 'header':
        if (textLength < 1 || textLength > L.headerText)
          problems.push(`block ${i}: header text length ${textLength} (1..${L.headerText})`);
        break;
      case 'section':
        if (textLength < 1 || textLength > L.sectionText)
          problems.push(`block ${i}: section text length ${textLength} (1..${L.sectionText})`);
        break;
      case 'context': {
        const elements = Array.isArray(block.elements) ? (block.elements as { text?: unknown }[]) : [];
        if (elements.length < 1 || elements.length > L.contextElements)
          problems.push(`block ${i}: ${elements.length} context elements (1..${L.contextElements})`);
        for (const element of elements) {
          const length = typeof element.text === 'string' ? element.text.length : -1;
          if (length < 1 || length > L.contextText)
            problems.push(`block ${i}: context text length ${length} (1..${L.contextText})`);
        }
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`block ${i}: unexpected type ${String(block.type)}`);
    }
  });
  return problems;
}
