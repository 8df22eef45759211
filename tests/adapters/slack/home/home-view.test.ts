import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../../../digests/subscription.ts';
import type { HomeData } from '../../../../src/adapters/slack/home/home-data.ts';
import { HOME_FORM_LIST } from '../../../../src/adapters/slack/home/home-forms.ts';
import { buildHomeView, HOME_LIMITS } from '../../../../src/adapters/slack/home/home-view.ts';
import type { Incident } from '../../../../src/core/incidents.ts';
import { notice } from '../../../../src/core/reply.ts';
import type { Source } from '../../../../src/core/sources.ts';
import { viewViolations } from '../../../helpers/block-kit-views.ts';

const NOW = new Date('2026-12-02T06:00:00Z');
const tenant = { platform: 'slack', id: 'T0MANY' } as const;

function subscription(i: number, topicLength = 12): Subscription {
  return {
    tenant,
    channelId: `C${String(i).padStart(8, '0')}`,
    topics: Array.from({ length: 20 }, (_, t) => `${t}-${'t'.repeat(topicLength)}`.slice(0, 200)),
    time: '08:00',
    timeZone: 'Europe/London',
    weekdays: [1, 2, 3, 4, 5],
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

function source(i: number): Source {
  return {
    id: `src${i}`,
    url: `https://feeds.example.org/${'p'.repeat(1900)}/${i}.xml`,
    name: `Source ${i} ${'n'.repeat(80)}`,
    intervalMinutes: 15,
    createdAt: '2026-11-01T00:00:00Z',
    health: {
      itemsSeen: i,
      failures: i % 3,
      lastErrorAt: '2026-12-01T00:00:00Z',
      lastError: `<!channel> ${'&<>'.repeat(1000)}`,
    },
  };
}

function incident(i: number): Incident {
  return {
    kind: 'source',
    subject: `src${i}`,
    label: `Source ${i}`,
    since: '2026-11-30T00:00:00Z',
    openedAt: `2026-11-30T${String(i % 24).padStart(2, '0')}:00:00Z`,
    lastError: 'x'.repeat(400),
    notified: [],
    status: i % 2 ? 'open' : 'resolved',
  };
}

/** A big tenant: 200 digests of 20 long topics, 100 sources with long URLs and errors, 50 incidents. */
function bigTenant(): HomeData {
  const incidents = Array.from({ length: 50 }, (_, i) => incident(i));
  return {
    subscriptions: Array.from({ length: 200 }, (_, i) => ({
      subscription: subscription(i, 190),
      state: {
        status: 'failing',
        lastError: 'y'.repeat(400),
        failingSince: NOW.toISOString(),
        recentArticleIds: [],
      },
      personal: false,
    })),
    sources: Array.from({ length: 100 }, (_, i) => source(i)),
    openIncidents: new Map(incidents.filter((x) => x.status === 'open').map((x) => [x.subject, x])),
    incidents,
  };
}

const overlong = (extra: Record<string, unknown>) => ({ type: 'home', blocks: [], ...extra });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, actionId = 'a') => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text },
});

describe('the Block Kit view checker (tests/helpers/block-kit-views.ts) refuses what Slack refuses', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      '101 blocks in a Home tab',
      overlong({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }),
      /^blocks: /,
    ],
    ['a section of 3,001 characters', overlong({ blocks: [section('s'.repeat(3001))] }), /^blocks\.0\.text/],
    [
      'a header of 151 characters',
      overlong({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }),
      /^blocks\.0\.text\.text/,
    ],
    [
      'a button text of 76 characters',
      overlong({ blocks: [{ type: 'actions', elements: [button('b'.repeat(76))] }] }),
      /elements\.0\.text\.text/,
    ],
    [
      'an action_id of 256 characters',
      overlong({ blocks: [{ type: 'actions', elements: [button('ok', 'a'.repeat(256))] }] }),
      /action_id/,
    ],
    [
      'a block_id of 256 characters',
      overlong({ blocks: [{ type: 'divider', block_id: 'b'.repeat(256) }] }),
      /block_id/,
    ],
    [
      'two blocks with one block_id',
      overlong({
        blocks: [
          { type: 'divider', block_id: 'x' },
          { type: 'divider', block_id: 'x' },
        ],
      }),
      /duplicate block_id/,
    ],
    [
      'a context of 11 elements',
      overlong({
        blocks: [
          { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) },
        ],
      }),
      /elements/,
    ],
    [
      '11 section fields',
      overlong({
        blocks: [
          { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        ],
      }),
      /fields/,
    ],
    [
      'a section field of 2,001 characters',
      overlong({ blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }] }),
      /fields\.0/,
    ],
    ['an empty section text', overlong({ blocks: [section('')] }), /text/],
    ['a block type Slack does not know', overlong({ blocks: [{ type: 'banner' }] }), /type/],
    [
      'an unknown field on a block',
      overlong({ blocks: [{ type: 'divider', colour: 'red' }] }),
      /colour|Unrecognized/,
    ],
    [
      'a modal title of 25 characters',
      { type: 'modal', title: { type: 'plain_text', text: 't'.repeat(25) }, blocks: [] },
      /^title/,
    ],
    [
      'a modal submit of 25 characters',
      {
        type: 'modal',
        title: { type: 'plain_text', text: 'ok' },
        submit: { type: 'plain_text', text: 's'.repeat(25) },
        blocks: [],
      },
      /^submit/,
    ],
    [
      'a modal close of 25 characters',
      {
        type: 'modal',
        title: { type: 'plain_text', text: 'ok' },
        close: { type: 'plain_text', text: 'c'.repeat(25) },
        blocks: [],
      },
      /^close/,
    ],
    [
      'a modal with inputs and no submit',
      {
        type: 'modal',
        title: { type: 'plain_text', text: 'ok' },
        blocks: [
          {
            type: 'input',
            label: { type: 'plain_text', text: 'l' },
            element: { type: 'plain_text_input', action_id: 'v' },
          },
        ],
      },
      /submit/,
    ],
  ];
  for (const [what, view, where] of cases) {
    it(`fails ${what}`, () => {
      const problems = viewViolations(view);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.join('\n')).toMatch(where);
    });
  }

  it('passes a small valid Home tab and modal', () => {
    expect(
      viewViolations(overlong({ blocks: [section('hello'), { type: 'actions', elements: [button('Go')] }] })),
    ).toEqual([]);
    expect(
      viewViolations({ type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [section('hi')] }),
    ).toEqual([]);
  });
});

describe('the Home tab view', () => {
  it("stays within Block Kit's limits for a tenant with 200 digests, 100 sources and 50 incidents, saying how many more there are", () => {
    const view = buildHomeView(bigTenant(), {
      isAdmin: true,
      now: NOW,
      outcome: notice('success', 'Added source X.', 'hint'),
    });
    expect(viewViolations(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view);
    expect(text).toContain(`…and ${200 - HOME_LIMITS.subscriptionRows} more digests`);
    expect(text).toContain(`…and ${100 - HOME_LIMITS.sourceRows} more sources`);
    expect(text).toContain(`…and ${50 - HOME_LIMITS.incidentRows} older incidents`);
    // Text from feeds is inert: Slack's control sequences cannot ping anyone.
    expect(text).not.toContain('<!channel>');
  });

  it("a non-admin's view of the same tenant has no buttons and no sources", () => {
    const view = buildHomeView(bigTenant(), { isAdmin: false, now: NOW });
    expect(viewViolations(view)).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).not.toContain('"action_id"');
    expect(text).not.toContain('Source 1 ');
  });

  it('shows a notice answering the last edit on top, and only acknowledges a longer answer that would not fit', () => {
    const data = bigTenant();
    const withNotice = JSON.stringify(
      buildHomeView(data, { isAdmin: true, now: NOW, outcome: notice('error', 'No source named "x".') }),
    );
    expect(withNotice).toContain('No source named \\"x\\".');
    const items = Array.from({ length: 500 }, (_, i) => ({ label: `item ${i}` }));
    const view = buildHomeView(data, {
      isAdmin: true,
      now: NOW,
      outcome: { kind: 'list', title: 'Long', items },
    });
    expect(viewViolations(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('Done.');
    expect(JSON.stringify(view)).not.toContain('item 1');
  });

  it('every Home modal passes the checker', () => {
    for (const form of HOME_FORM_LIST) expect(viewViolations(form.view())).toEqual([]);
  });
});
