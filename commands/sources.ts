import { z } from 'zod';
import { canonicalizeUrl } from '../src/core/canonical-url.ts';
import { describeIncident, type Incident, incidentId } from '../src/core/incidents.ts';
import { notice, type Reply } from '../src/core/reply.ts';
import { type Source, sourceIdFor } from '../src/core/sources.ts';
import { countOf, plural } from '../src/core/text/plural.ts';
import { cleanName, foldName, MAX_SOURCE_NAME } from '../src/core/topics/topic-names.ts';
import { scrubUrlCredentials, withoutUserInfo } from '../src/url-credentials.ts';
import { type CommandContext, defineCommand } from './define.ts';
import { splitWords } from './parse-text.ts';

const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'the source must be an http(s) URL, e.g. https://www.ftc.gov/feeds/press-release.xml',
});

/** `/sources add|remove|list`: the feeds and pages this workspace follows. */
export const sourcesCommand = defineCommand({
  name: 'sources',
  description: 'List, add or remove the news sources this workspace follows',
  usage: ['/sources list', '/sources add <url> [name]', '/sources remove <name|url>'],
  admin: true,
  options: z.object({
    action: z
      .enum(['list', 'add', 'remove'], {
        error: 'choose list, add or remove, e.g. /sources add https://example.org/feed.xml',
      })
      .default('list')
      .describe('What to do'),
    target: z
      .string()
      .trim()
      .max(2000, { error: 'that URL is too long (2,000 characters at most)' })
      .optional()
      .describe('URL to add, or name or URL to remove'),
    name: z
      .string()
      .trim()
      .min(1, { error: 'a source name cannot be empty (leave it out to use the host name)' })
      .max(100, { error: 'a source name is 100 characters at most' })
      .optional()
      .describe('A short name for a new source'),
  }),
  parseText(text) {
    const [action, first, ...name] = splitWords(text);
    // A name to remove may be several words (`/sources remove FTC Press`), quoted or not.
    const removing = action?.toLowerCase() === 'remove';
    const target =
      removing && first ? [first, ...name.splice(0)].join(' ').replace(/^["“]|["”]$/g, '') : first;
    return {
      ...(action ? { action: action.toLowerCase() } : {}),
      ...(target ? { target } : {}),
      ...(name.length > 0 ? { name: name.join(' ').replace(/^"|"$/g, '') } : {}),
    };
  },
  async run(ctx, { action, target, name }) {
    if (action === 'list') return listSources(ctx);
    if (!target) {
      return notice(
        'error',
        `/sources ${action} needs a ${action === 'add' ? 'URL' : 'name or URL'}.`,
        `Usage: ${action === 'add' ? '/sources add <url> [name]' : '/sources remove <name|url>'}`,
      );
    }
    return action === 'add' ? addSource(ctx, target, name) : removeSource(ctx, target);
  },
});

/** The workspace's sources by name, each with its polling health. */
async function listSources(ctx: CommandContext): Promise<Reply> {
  const sources = await ctx.core.sources.list(ctx.tenant);
  if (sources.length === 0) {
    return notice(
      'info',
      'This workspace follows no sources yet.',
      'Add one with /sources add <feed url> [name].',
    );
  }
  sources.sort((a, b) => a.name.localeCompare(b.name));
  // A source whose failures opened an incident says so first: its admin was told, the others see it here.
  const incidents = new Map<string, Incident>();
  for (const incident of await ctx.digests.incidents.list(ctx.tenant))
    if (incident.status === 'open') incidents.set(incidentId(incident.kind, incident.subject), incident);
  const open = sources.filter((s) => incidents.has(incidentId('source', s.id))).length;
  return {
    kind: 'list',
    title: `Sources (${sources.length})`,
    items: sources.map((s) => {
      const incident = incidents.get(incidentId('source', s.id));
      return {
        label: incident ? `⚠ ${s.name}` : s.name,
        detail: incident ? `${describeIncident(incident)} · ${describeHealth(s)}` : describeHealth(s),
      };
    }),
    ...(open > 0
      ? {
          footer: `${countOf(open, 'source')} failing: fix or remove ${plural(open, 'it', 'them')}.`,
        }
      : {}),
  };
}

/** Follows a public feed or page once the SSRF guard allows it; a URL already followed is not added twice. */
async function addSource(ctx: CommandContext, target: string, name: string | undefined): Promise<Reply> {
  const parsed = httpUrl.safeParse(target);
  if (!parsed.success) return notice('error', parsed.error.issues[0]?.message ?? 'invalid URL');
  const pasted = withoutApiKey(canonicalizeUrl(parsed.data));
  // A keyed policy API without its key would only ever fail: refuse it now, saying where a key is had.
  const policy = ctx.core.policySources?.check(pasted);
  if (policy && !policy.ok)
    return notice('error', `Cannot follow ${shown(pasted)}: ${policy.reason}.`, policy.hint);
  // A pasted bill or docket page is followed through its API, which says what changed.
  const url = policy?.url ?? pasted;
  let unresolvedNote: string | undefined;
  const verdict = await ctx.core.sourceGuard.check(url);
  // No DNS answer now is not a refusal: every poll runs the guard again before connecting.
  if (!verdict.ok && verdict.unresolved)
    unresolvedNote = `Note: ${verdict.reason} right now; it will be retried.`;
  else if (!verdict.ok) {
    ctx.logger.warn({ url, detail: verdict.detail ?? verdict.reason }, 'source refused by the SSRF guard');
    return notice(
      'error',
      `Cannot follow ${shown(url)}: ${verdict.reason}.`,
      // Worded to hold whether or not private networks are open: with them open, "must be public" is false.
      `Sources must be http(s) feeds or pages at addresses this bot may reach.${verdict.hint ? ` An operator can ${verdict.hint}.` : ''}`,
    );
  }
  const id = sourceIdFor(url);
  const existing = await ctx.core.sources.get(ctx.tenant, id);
  if (existing) return notice('info', `Already following ${existing.name} (${shown(existing.url)}).`);
  const rotated = await newCredentials(ctx, url);
  if (rotated) return rotated;
  const source: Source = {
    id,
    url,
    name: name
      ? cleanName(name, 'source name', MAX_SOURCE_NAME)
      : (policy?.label ?? new URL(url).hostname.replace(/^www\./, '')),
    intervalMinutes: ctx.settings.pollIntervalMinutes,
    createdAt: ctx.core.clock.now().toISOString(),
    addedBy: ctx.user.id,
    health: { itemsSeen: 0, failures: 0 },
  };
  await ctx.core.sources.put(ctx.tenant, id, source);
  return notice(
    'success',
    `Added source ${source.name} (${shown(url)}).`,
    unresolvedNote ??
      `It will be polled within a minute, then every ${everyMinutes(source.intervalMinutes)}.`,
  );
}

/**
 * A source already followed at this address with other basic-auth credentials: the password was changed,
 * so the stored URL takes the new one (same source, same health and history) instead of a second source.
 */
async function newCredentials(ctx: CommandContext, url: string): Promise<Reply | undefined> {
  const address = withoutUserInfo(url);
  if (address === url) return undefined;
  const same = (await ctx.core.sources.list(ctx.tenant)).find((s) => withoutUserInfo(s.url) === address);
  if (!same) return undefined;
  await ctx.core.sources.put(ctx.tenant, same.id, { ...same, url });
  return notice(
    'success',
    `Updated the sign-in for ${same.name} (${shown(url)}); it is used from the next poll.`,
  );
}

/** Stops following a source, found by name (any case or accent) or by URL. */
async function removeSource(ctx: CommandContext, target: string): Promise<Reply> {
  const sources = await ctx.core.sources.list(ctx.tenant);
  const wanted = foldName(target);
  // /sources list shows a basic-auth URL as https://[secret]@host/…: pasting that back must find it too.
  const match = sources.find(
    (s) =>
      foldName(s.name) === wanted ||
      s.url === target ||
      s.url === canonicalizeUrl(target) ||
      shown(s.url) === target,
  );
  if (!match) {
    return notice('error', `No source named or at "${shown(target)}".`, 'See /sources list for the names.');
  }
  if (!(await ctx.core.sources.delete(ctx.tenant, match.id))) {
    // Someone else removed it between the lookup and the delete: say so rather than take credit.
    return notice('info', `${match.name} was already removed.`);
  }
  return notice('success', `Removed source ${match.name}. Articles already stored stay searchable.`);
}

/** One line about a source's polling health, as `/sources list` and the Slack Home tab show it. */
export function describeHealth(source: Source): string {
  const h = source.health;
  const parts = [source.url];
  // A source with an error but no success was polled: it failed every time, which is not "not polled yet".
  parts.push(
    h.lastSuccessAt
      ? `last success ${h.lastSuccessAt}`
      : h.lastError || h.lastErrorAt
        ? 'no successful poll yet'
        : 'not polled yet',
  );
  if (h.lastError) parts.push(`last error ${h.lastErrorAt ?? ''}: ${h.lastError}`.replace(' :', ':'));
  if (h.failures > 0) parts.push(`${countOf(h.failures, 'failure')} in a row, backing off`);
  parts.push(`${countOf(h.itemsSeen, 'item')} seen`);
  parts.push(`next poll ${h.nextPollAt ?? 'within a minute'}`);
  // The poller needs a basic-auth password in the stored URL; a channel must never see it, nor an error quoting it.
  return shown(parts.join(' · '));
}

/** A URL or text as a channel may see it: credentials and keys replaced by [secret]. */
const shown = scrubUrlCredentials;

/** The URL without an `api_key` a user pasted: keys come from the environment, never from a stored source. */
function withoutApiKey(url: string): string {
  const parsed = new URL(url);
  // Any case and spelling a user may paste (API_KEY, apikey, api-key): each would be stored and sent.
  const keys = [...parsed.searchParams.keys()].filter((key) => /^api[-_]?key$/i.test(key));
  if (keys.length === 0) return url;
  for (const key of keys) parsed.searchParams.delete(key);
  return parsed.href;
}

function everyMinutes(minutes: number): string {
  return minutes === 1 ? 'minute' : `${minutes} minutes`;
}
