import { commandFields, sendSlashCommand } from '../adapters/slack/fake-slack.ts';
import { SIGNING_SECRET, type SlackHarness } from '../adapters/slack/harness.ts';

let sequence = 0;

/** What Slack showed for a slash command: its visibility and every text of its first message. */
export interface SlashAnswer {
  responseType: string;
  text: string;
}

/** Sends `/news <text>` as a user in a channel of a workspace, signed, and waits for its answer. */
export async function runSlash(
  h: SlackHarness,
  options: { team: string; user: string; text: string; channel?: string },
): Promise<SlashAnswer> {
  const id = `slash-${++sequence}`;
  const res = await sendSlashCommand(h.eventsUrl, SIGNING_SECRET, commandFields(h.fake, id, options));
  if (res.status !== 200) throw new Error(`the slash command got HTTP ${res.status}`);
  const [answer] = await h.fake.responsesFor(id);
  const body = (answer?.body ?? {}) as { response_type?: string; text?: string; blocks?: unknown };
  return {
    responseType: String(body.response_type),
    text: `${body.text ?? ''} ${JSON.stringify(body.blocks ?? [])}`,
  };
}
