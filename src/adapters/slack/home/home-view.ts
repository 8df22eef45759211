import type { types } from '@slack/bolt';
import { describeHealth } from '../../../../commands/sources.ts';
import { describeSubscription } from '../../../../digests/describe.ts';
import { describeIncident, type Incident, sourceFailure } from '../../../core/incidents.ts';
import type { Reply } from '../../../core/reply.ts';
import type { Source } from '../../../core/sources.ts';
import { countOf } from '../../../core/text/plural.ts';
import { truncate } from '../../../core/text/truncate.ts';
import { escapeMrkdwn, renderSlackMessages } from '../render-blocks.ts';
import type { HomeData, HomeSubscription } from './home-data.ts';
import { HOME_ACTIONS } from './home-ids.ts';

type KnownBlock = types.KnownBlock;

/** Slack's limits for a Home tab, and how many rows of each list fit within them. */
export const HOME_LIMITS = {
  blocks: 100,
  sectionText: 3000,
  /** Rows shown before "and N more": 42 digests, 30 sources and 14 framing blocks at most make 86 of the 100. */
  subscriptionRows: 42,
  sourceRows: 30,
  incidentRows: 5,
} as const;

/** Room left in a row's section once its bold title line is written. */
const DETAIL_CHARS = 2600;

/**
 * The Home tab of one viewer: their digests with schedule, next run and last delivery; for admins
 * also every source's health and the recent incidents, with buttons to add or remove. A non-admin's
 * view has no buttons at all. `outcome` is the answer to the viewer's last edit, shown on top.
 */
export function buildHomeView(
  data: HomeData,
  options: { isAdmin: boolean; now: Date; outcome?: Reply },
): types.HomeView {
  const { isAdmin, now } = options;
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Policy Wire' } }];
  if (options.outcome) blocks.push(...outcomeBlocks(options.outcome));
  blocks.push(isAdmin ? adminActions() : readOnlyNote());
  blocks.push({ type: 'divider' }, sectionHeader(`Daily digests (${data.subscriptions.length})`));
  if (data.subscriptions.length === 0) {
    blocks.push(
      text(
        isAdmin
          ? 'No digests yet. *Add subscription* starts one in a channel.'
          : 'None of your channels has a digest. `/news subscribe <topic> dm` starts your own.',
      ),
    );
  }
  for (const row of data.subscriptions.slice(0, HOME_LIMITS.subscriptionRows))
    blocks.push(subscriptionRow(row, now, isAdmin));
  blocks.push(
    ...more(data.subscriptions.length - HOME_LIMITS.subscriptionRows, 'digests', '/news subscriptions'),
  );
  if (isAdmin && data.sources) {
    blocks.push({ type: 'divider' }, sectionHeader(`Sources (${data.sources.length})`));
    if (data.sources.length === 0) blocks.push(text('No sources yet. *Add source* follows a feed or page.'));
    for (const source of data.sources.slice(0, HOME_LIMITS.sourceRows))
      blocks.push(sourceRow(source, data.openIncidents.get(source.id), now));
    blocks.push(...more(data.sources.length - HOME_LIMITS.sourceRows, 'sources', '/news sources list'));
    blocks.push({ type: 'divider' }, sectionHeader('Incidents'), incidentsSection(data.incidents));
  }
  return { type: 'home', blocks };
}

/** The answer to the last edit as the chat shows a notice; a longer answer (a list) is only acknowledged, as it would not fit. */
function outcomeBlocks(reply: Reply): KnownBlock[] {
  const shown: Reply = reply.kind === 'notice' ? reply : { kind: 'notice', level: 'success', text: 'Done.' };
  return renderSlackMessages(shown)[0]?.blocks ?? [];
}

function adminActions(): KnownBlock {
  return {
    type: 'actions',
    block_id: 'home_actions',
    elements: [
      button('Add source', HOME_ACTIONS.addSource, 'primary'),
      button('Add subscription', HOME_ACTIONS.addSubscription),
    ],
  };
}

function readOnlyNote(): KnownBlock {
  return {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: 'Read-only: only workspace admins can add or remove sources and digests here. `/news subscribe <topic> dm` starts a digest of your own.',
      },
    ],
  };
}

function subscriptionRow(row: HomeSubscription, now: Date, isAdmin: boolean): KnownBlock {
  const { subscription, state } = row;
  const where = row.personal ? 'Your direct messages' : channelMention(subscription.channelId);
  const detail = inert(describeSubscription(subscription, state, now), DETAIL_CHARS);
  const block: types.SectionBlock = { type: 'section', text: mrkdwn(`*${where}*\n${detail}`) };
  // A personal digest is its owner's to change, with /news unsubscribe … dm; the button is for channels.
  if (isAdmin && !row.personal) {
    block.accessory = {
      ...button('Remove', HOME_ACTIONS.removeSubscription, 'danger', subscription.channelId),
      confirm: confirm(
        'Stop this digest?',
        `The digest of ${where} stops; its topics are forgotten.`,
        'Stop it',
      ),
    };
  }
  return block;
}

function sourceRow(source: Source, incident: Incident | undefined, now: Date): KnownBlock {
  const name = inert(source.name, 200);
  const detail = incident
    ? `${describeIncident(incident)} · ${describeHealth(source)}`
    : describeHealth(source);
  return {
    type: 'section',
    text: mrkdwn(`*${name}* ${status(source, incident, now)}\n${inert(detail, DETAIL_CHARS)}`),
    accessory: {
      ...button('Remove', HOME_ACTIONS.removeSource, 'danger', source.id),
      confirm: confirm(
        'Remove this source?',
        `Policy Wire stops polling ${name}; its articles stay searchable.`,
        'Remove',
      ),
    },
  };
}

/** ok, not polled yet, or failing since when. */
function status(source: Source, incident: Incident | undefined, now: Date): string {
  const h = source.health;
  if (incident) return `:rotating_light: failing since ${incident.since}`;
  if (h.failures > 0) {
    const since = sourceFailure(source, now)?.since ?? h.lastErrorAt ?? 'the last poll';
    return `:warning: failing since ${since}`;
  }
  return h.lastSuccessAt ? ':white_check_mark: ok' : ':hourglass_flowing_sand: not polled yet';
}

function incidentsSection(incidents: readonly Incident[]): KnownBlock {
  if (incidents.length === 0) return text('No incidents so far.');
  const lines = incidents.slice(0, HOME_LIMITS.incidentRows).map((incident) => {
    const state =
      incident.status === 'open'
        ? ':rotating_light: open'
        : `:white_check_mark: resolved ${incident.resolvedAt ?? ''}`.trimEnd();
    const line = `${incident.label} (${incident.kind}) since ${incident.since}: ${incident.lastError}`;
    return `• ${state} — ${inert(line, 500)}`;
  });
  const rest = incidents.length - lines.length;
  if (rest > 0) lines.push(`…and ${countOf(rest, 'older incident')}.`);
  return text(lines.join('\n'));
}

/** The "and N more" line under a list cut to fit the view. */
function more(rest: number, what: string, command: string): KnownBlock[] {
  if (rest <= 0) return [];
  return [
    { type: 'context', elements: [mrkdwn(`…and ${rest} more ${what}: \`${command}\` lists them all.`)] },
  ];
}

/** A channel as Slack shows it to the viewer (a name, or "private channel"); anything odd as plain text. */
function channelMention(channelId: string): string {
  return /^[CG][A-Z0-9]{2,20}$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
}

/**
 * Text from feeds and users made inert for mrkdwn and cut to `max` characters as sent: escaping can
 * make `&` five characters long, so the cut is made before escaping, shorter until it fits.
 */
function inert(value: string, max: number): string {
  let budget = max;
  for (;;) {
    const escaped = escapeMrkdwn(truncate(value, budget));
    if (escaped.length <= max || budget <= 1) return escaped;
    budget = Math.floor(budget * (max / escaped.length) * 0.95);
  }
}

function sectionHeader(title: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } };
}

function text(value: string): KnownBlock {
  return { type: 'section', text: mrkdwn(truncate(value, HOME_LIMITS.sectionText)) };
}

function mrkdwn(value: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: value };
}

/** A button; `value` is what the handler gets back (an id, never trusted without a lookup). */
export function button(
  label: string,
  actionId: string,
  style?: 'primary' | 'danger',
  value?: string,
): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label },
    ...(style ? { style } : {}),
    ...(value ? { value } : {}),
  };
}

function confirm(title: string, body: string, yes: string): types.ConfirmationDialog {
  return {
    title: { type: 'plain_text', text: title },
    text: { type: 'mrkdwn', text: truncate(body, 300) },
    confirm: { type: 'plain_text', text: yes },
    deny: { type: 'plain_text', text: 'Cancel' },
    style: 'danger',
  };
}
