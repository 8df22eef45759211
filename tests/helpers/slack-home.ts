import { expect } from 'vitest';
import { type ApiCall, type FakeSlack, sendEvent, sendSlashCommand } from '../adapters/slack/fake-slack.ts';
import { SIGNING_SECRET, type SlackHarness } from '../adapters/slack/harness.ts';

let sequence = 0;

/** Walks Slack's OAuth dance the way a browser does: install link, Slack's consent, redirect back. */
export async function installThroughOAuth(h: SlackHarness, teamId: string): Promise<Response> {
  const install = await fetch(`${h.baseUrl}/slack/install`, { redirect: 'manual' });
  expect(install.status).toBe(302);
  const location = new URL(install.headers.get('location') ?? '');
  const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const state = location.searchParams.get('state') ?? '';
  return fetch(`${h.baseUrl}/slack/oauth_redirect?code=code-${teamId}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
}

/** The view sent by a recorded views.publish or views.open call. */
export function viewOf(call: ApiCall | undefined): Record<string, unknown> & { blocks: unknown[] } {
  const view = call?.params.view;
  return (typeof view === 'string' ? JSON.parse(view) : view) as never;
}

/** Waits until the fake has `count` calls to a method matching `where`, and returns the last. */
export async function waitForCall(
  fake: FakeSlack,
  method: string,
  where: (call: ApiCall) => boolean,
  count: number,
  timeoutMs = 5000,
): Promise<ApiCall> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = fake.callsTo(method).filter(where);
    if (found.length >= count) return found[found.length - 1]!;
    if (Date.now() > deadline) throw new Error(`only ${found.length} of ${count} ${method} calls`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** How many Home tabs were published for a user in a workspace (by its bot token) so far. */
export function publishCount(fake: FakeSlack, token: string, user: string): number {
  return fake.callsTo('views.publish').filter((c) => c.token === token && c.params.user_id === user).length;
}

/** Opens the Home tab as Slack reports it (a signed app_home_opened) and returns the view published next. */
export async function openHome(h: SlackHarness, team: { teamId: string; botToken: string }, user: string) {
  const before = publishCount(h.fake, team.botToken, user);
  const res = await sendEvent(h.eventsUrl, SIGNING_SECRET, team.teamId, {
    type: 'app_home_opened',
    user,
    channel: `D${user.slice(1)}`,
    tab: 'home',
    event_ts: `${Date.now() / 1000}`,
  });
  expect(res.status).toBe(200);
  const call = await waitForCall(
    h.fake,
    'views.publish',
    (c) => c.token === team.botToken && c.params.user_id === user,
    before + 1,
  );
  return viewOf(call);
}

/** The fields every interaction payload carries: who pressed or submitted, in which workspace. */
function envelope(team: string, user: string) {
  return {
    token: 'legacy-verification-token',
    api_app_id: 'A0PW',
    team: { id: team, domain: team.toLowerCase() },
    user: { id: user, username: user.toLowerCase(), team_id: team },
  };
}

/** Sends an interaction payload (block_actions, view_submission) to Bolt's receiver, signed, form-encoded as Slack does. */
export function sendInteraction(h: SlackHarness, payload: Record<string, unknown>): Promise<Response> {
  return sendSlashCommand(h.eventsUrl, SIGNING_SECRET, { payload: JSON.stringify(payload) });
}

/** A press of a button on a user's Home tab; returns its trigger_id. */
export async function pressHomeButton(
  h: SlackHarness,
  options: { team: string; user: string; actionId: string; value?: string },
): Promise<{ res: Response; triggerId: string }> {
  const triggerId = `trigger-home-${++sequence}`;
  const res = await sendInteraction(h, {
    type: 'block_actions',
    ...envelope(options.team, options.user),
    trigger_id: triggerId,
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home', blocks: [], state: { values: {} } },
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'home_actions',
        text: { type: 'plain_text', text: 'button' },
        ...(options.value ? { value: options.value } : {}),
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  });
  return { res, triggerId };
}

/** A modal's submission with the given input values; returns what Bolt answered (the ack's body). */
export async function submitModal(
  h: SlackHarness,
  options: {
    team: string;
    user: string;
    callbackId: string;
    values: Record<string, Record<string, unknown>>;
  },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await sendInteraction(h, {
    type: 'view_submission',
    ...envelope(options.team, options.user),
    trigger_id: `trigger-submit-${++sequence}`,
    view: {
      id: `VMODAL${sequence}`,
      type: 'modal',
      callback_id: options.callbackId,
      team_id: options.team,
      blocks: [],
      private_metadata: '',
      state: { values: options.values },
    },
    response_urls: [],
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A text input's submitted state, as `view.state.values[block]` holds it. */
export const typed = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
