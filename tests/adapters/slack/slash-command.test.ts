import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { routeSlashText, slackifyCommandMentions } from '../../../src/adapters/slack/slash-command.ts';

describe('routeSlashText', () => {
  it.each([
    ['huawei', { name: 'news', text: 'huawei' }],
    ['  export controls page:2 ', { name: 'news', text: 'export controls page:2' }],
    ['', { name: 'help', text: '' }],
    ['help', { name: 'help', text: '' }],
    ['HELP sources', { name: 'help', text: 'sources' }],
    [
      'sources add https://a.example/feed.xml A feed',
      { name: 'sources', text: 'add https://a.example/feed.xml A feed' },
    ],
    ['/sources list', { name: 'sources', text: 'list' }],
    ['news help', { name: 'news', text: 'help' }],
    ['"sources"', { name: 'news', text: '"sources"' }],
    ['sourcing rules', { name: 'news', text: 'sourcing rules' }],
    ['AT&amp;T &lt;merger&gt;', { name: 'news', text: 'AT&T <merger>' }],
    [
      'sources add https://x.example/f?a=1&amp;b=2',
      { name: 'sources', text: 'add https://x.example/f?a=1&b=2' },
    ],
    // A user who typed the entity itself gets it back: &amp; is decoded last, once.
    ['&amp;lt;', { name: 'news', text: '&lt;' }],
  ])('maps /news %j to %o', (text, expected) => {
    expect(routeSlashText(text, commands)).toEqual(expected);
  });

  it('routes any command the registry gains, without changes here', () => {
    const registry = [...commands, { ...commands[0], name: 'subscribe' } as (typeof commands)[number]];
    expect(routeSlashText('subscribe ai-act daily', registry)).toEqual({
      name: 'subscribe',
      text: 'ai-act daily',
    });
  });
});

describe('slackifyCommandMentions', () => {
  it('rewrites /help and /sources mentions to the /news form, but not /news itself or URLs', () => {
    const reply = slackifyCommandMentions(
      {
        kind: 'notice',
        level: 'info',
        text: 'See https://example.org/sources and type /help.',
        hint: 'Add one with /sources add <url> (or "/help sources"); search with /news huawei.',
      },
      commands,
    );
    expect(reply).toMatchObject({
      text: 'See https://example.org/sources and type /news help.',
      hint: 'Add one with /news sources add <url> (or "/news help sources"); search with /news huawei.',
    });
  });
});
