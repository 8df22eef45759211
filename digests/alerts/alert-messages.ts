import type { Incident } from '../../src/core/incidents.ts';
import { directUserOf } from '../../src/core/ports/chat-adapter.ts';
import { notice, type Reply } from '../../src/core/reply.ts';

/** `2026-12-01 09:30 UTC`: alerts go to one person whose time zone we do not know. */
function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Where a digest goes, as an admin reads it: a channel, or someone's direct messages. */
export function placeOf(channelId: string): string {
  const user = directUserOf(channelId);
  return user ? 'your direct messages' : `channel #${channelId}`;
}

/** How to fix a delivery failure, by the platform's error code in the message. */
function deliveryFix(error: string): string {
  if (/is_archived/.test(error))
    return 'The channel was archived: unarchive it, or run /unsubscribe all there and subscribe another channel.';
  if (/channel_not_found|10003|Unknown Channel/.test(error))
    return 'The bot cannot see that channel (deleted, or private without the bot): invite Policy Wire to it, or /unsubscribe all there.';
  if (/not_in_channel|50001|50013|Missing (Access|Permissions)/.test(error))
    return 'Invite Policy Wire to the channel, or give it the View Channel, Send Messages and Embed Links permissions there.';
  if (/invalid_auth|token_revoked|account_inactive|not_installed/.test(error))
    return 'The app lost its installation: reinstall Policy Wire in this workspace.';
  return 'Check that Policy Wire can post there; /subscriptions shows every digest and its state.';
}

/** How to fix a followed item's broken source, by what its API answered. */
function followFix(error: string): string {
  if (/\b(401|403)\b|API key|api_key|key is not set/i.test(error))
    return 'The API refuses the request: ask the bot operator to check its API key (REGULATIONS_GOV_API_KEY or CONGRESS_GOV_API_KEY) and restart.';
  if (/\b404\b|not found/i.test(error))
    return 'The API no longer knows the item: check its id on the agency or parliament page, then /unfollow it and /follow the right id.';
  if (/\b429\b|quota|rate limit/i.test(error))
    return 'The API’s quota is used up: checks resume by themselves within the hour; fewer follows on the same API use less of it.';
  return 'The API is down or unreachable: usually it comes back by itself; if it lasts, ask the bot operator to check the API’s URL setting and the network.';
}

/** The direct message that opens an incident: what failed, since when, how to fix it. */
export function openedMessage(incident: Incident): Reply {
  if (incident.kind === 'source') {
    return notice(
      'warning',
      `Policy Wire: the source ${incident.label} has been failing since ${utc(incident.since)}: ${incident.lastError}`,
      'Check that the feed URL still opens; if it moved, /sources remove the old one and /sources add the new URL. ' +
        'Digests that follow it miss its news until then. You will get one more message when it works again.',
    );
  }
  if (incident.kind === 'follow') {
    return notice(
      'warning',
      `Policy Wire: ${incident.label}, which you follow, cannot be checked since ${utc(incident.since)}: ${incident.lastError}`,
      `${followFix(incident.lastError)} Changes to it are not noticed until then; you will get one more message when it can be checked again.`,
    );
  }
  return notice(
    'error',
    `Policy Wire could not deliver the digest to ${placeOf(incident.subject)} since ${utc(incident.since)}: ${incident.lastError}`,
    `${deliveryFix(incident.lastError)} You will get one more message when delivery works again.`,
  );
}

/** The direct message that closes an incident. */
export function recoveredMessage(incident: Incident, at: string): Reply {
  const what =
    incident.kind === 'source'
      ? `the source ${incident.label} works again`
      : incident.kind === 'follow'
        ? `${incident.label} can be checked again`
        : `the digest reaches ${placeOf(incident.subject)} again`;
  return notice(
    'success',
    `Policy Wire: ${what} (${utc(at)}); it had been failing since ${utc(incident.since)}.`,
  );
}
