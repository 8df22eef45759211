import { expect } from 'vitest';
import { describeHostileInput, type Seen } from '../../helpers/hostile-scenarios.ts';
import { commandFields, sendSlashCommand } from './fake-slack.ts';
import { SIGNING_SECRET, startSlackHarness } from './harness.ts';

type TextObject = { type: string; text: string };
type Body = { text?: string; blocks?: { text?: TextObject; elements?: TextObject[] }[] };

/** The fallback text and every block text of a response (only the mrkdwn ones if asked), one per line. */
function flatten(body: Body, only?: 'mrkdwn'): string {
  const texts = (body.blocks ?? []).flatMap((block) => [block.text, ...(block.elements ?? [])]);
  const shown = texts.filter((t): t is TextObject => t !== undefined && (!only || t.type === only));
  return [body.text ?? '', ...shown.map((t) => t.text)].join('\n');
}

describeHostileInput(
  'Slack',
  async () => {
    const h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-alpha', ADMIN_USER_IDS: 'U0ADMIN' }, (f) =>
      f.addTeam({ teamId: 'T0ALPHA', botToken: 'xoxb-alpha', botUserId: 'U0BOT', botId: 'B0BOT', users: {} }),
    );
    let seq = 0;
    return {
      core: h.app.core,
      stores: h.app.stores,
      tenant: { platform: 'slack', id: 'T0ALPHA' },
      async send(command, text, options = {}) {
        const id = `hostile-${++seq}`;
        const user = options.admin ? 'U0ADMIN' : 'U0MEMBER';
        const fields = commandFields(h.fake, id, { team: 'T0ALPHA', user, text: `${command} ${text}` });
        const res = await sendSlashCommand(h.eventsUrl, SIGNING_SECRET, fields);
        expect(res.status).toBe(200);
        const [answer] = await h.fake.responsesFor(id);
        const body = answer?.body as Body;
        expect(h.fake.violations).toEqual([]);
        return { text: flatten(body), raw: body };
      },
      close: h.close,
    };
  },
  (seen: Seen) => {
    const body = seen.raw as Body;
    // Header blocks are plain_text, which Slack never formats; everything Slack parses is checked.
    for (const text of [body.text ?? '', flatten(body, 'mrkdwn')]) {
      // No mention, link or formatting from the article or query survives, in the blocks or the fallback text.
      expect(text).not.toMatch(/<!channel>|<@U0BOSS>|\*bold\*|_it_|~gone~|`code`/);
      expect(text).not.toContain('\u001b');
    }
    expect(flatten(body)).toContain('&lt;!channel&gt;');
    expect(flatten(body)).toContain('\u2217bold\u2217');
    expect(body.text).toContain('zanzibarquux \u2217bold\u2217');
  },
);
