import { PassThrough } from 'node:stream';
import { dispatchLine } from '../../commands/dispatch.ts';
import { createIncidentAlerts, type IncidentAlerts } from '../../digests/alerts/incident-alerts.ts';
import type { DigestServiceDeps } from '../../digests/services.ts';
import type { Subscription } from '../../digests/subscription.ts';
import { createConsoleAdapter, DM_MARK } from '../../src/adapters/console/console-adapter.ts';
import type { Core } from '../../src/core/core.ts';
import type { ChannelRef, ChatAdapter, PostResult } from '../../src/core/ports/chat-adapter.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import type { Reply } from '../../src/core/reply.ts';
import { systemClock } from '../../src/core/system-clock.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { type CommandHost, contextFor, DEFAULT_COMMAND_SETTINGS } from '../helpers/context.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

export type { TestCore };

/** A core, stores and digest services on a fresh SQLite file; the clock defaults to the (possibly faked) system clock. */
export function openTestCore(
  options: { clock?: Clock; services?: Partial<DigestServiceDeps>; dir?: string; prefix?: string } = {},
): Promise<TestCore> {
  return createTestCore({
    clock: options.clock ?? systemClock,
    ...(options.services ? { digests: options.services } : {}),
    ...(options.dir ? { dir: options.dir } : {}),
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
}

/** Runs a chat line as a user would type it. */
export function say(
  host: CommandHost,
  line: string,
  channelId = 'console',
  tenant: Tenant = CONSOLE_TENANT,
  isAdmin = true,
) {
  return dispatchLine(line, contextFor(host, { channelId, tenant, isAdmin }));
}

let counter = 0;

/** Letters only (the analyser drops digits): 1 → "b", 27 → "bb". */
function lettersFor(n: number): string {
  let out = '';
  for (let v = n + 1; v > 0; v = Math.floor(v / 26)) out += String.fromCharCode(97 + (v % 26));
  return out;
}

/**
 * A body of its own for each test article, sharing no word with any other: with one shared boilerplate
 * body the real story clusterer (rightly) takes every test article for the same event.
 */
function fillerFor(n: number): string {
  const code = lettersFor(n);
  const words = ['zor', 'vex', 'qul', 'mip', 'traz', 'plon', 'krev', 'snud'].map((w) => `${w}${code}`);
  return `${words.slice(0, 4).join(' ')}. ${words.slice(4).join(' ')}.`;
}

/** Saves an article through the real writer, published "now" unless told otherwise. */
export async function addArticle(
  core: Core,
  draft: { title: string; text?: string; source?: string; url?: string; publishedAt?: string },
  options: { owner?: string; backlog?: boolean } = {},
) {
  counter++;
  const url = draft.url ?? `https://news${counter}.example.org/story-${counter}`;
  const { article } = await core.writer.save(
    {
      url,
      title: draft.title,
      source: draft.source ?? `Outlet ${counter}`,
      publishedAt: draft.publishedAt ?? core.clock.now().toISOString(),
      text: draft.text ?? `${draft.title}. ${fillerFor(counter)}`,
    },
    options,
  );
  return article;
}

/** One post seen by a chat adapter, stamped with the (possibly faked) time it happened. */
export interface Post {
  at: number;
  channel: string;
  text: string;
  /** The parent message's id when the post is a thread reply. */
  inReplyTo?: string;
}

/** The real console adapter writing into memory, with each post's time recorded. */
export function consoleSink(host: CommandHost & { stores: Stores }): { adapter: ChatAdapter; posts: Post[] } {
  const output = new PassThrough();
  const posts: Post[] = [];
  output.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    // A direct message's header also names its person (`[dm:U1] ✉ direct message to U1`); a thread reply its parent.
    const header = new RegExp(`^\\[([^\\]]+)\\](?: ${DM_MARK} \\S+)?(?: ↳ in reply to (\\S+))?\\n`).exec(
      text,
    );
    const channel = header?.[1];
    if (channel)
      posts.push({ at: Date.now(), channel, text, ...(header?.[2] ? { inReplyTo: header[2] } : {}) });
  });
  const adapter = createConsoleAdapter({
    core: host.core,
    digests: host.digests,
    settings: host.settings ?? DEFAULT_COMMAND_SETTINGS,
    stores: host.stores,
    logger: createSilentLogger(),
    input: new PassThrough(),
    output,
    interactive: false,
  });
  return { adapter, posts };
}

/** A chat adapter whose post results the test scripts: the port boundary digests deliver through. */
export function scriptedAdapter(
  results: (PostResult | Error)[],
  platform: ChatAdapter['platform'] = 'console',
) {
  const calls: { at: number; channel: ChannelRef; reply: Reply }[] = [];
  const adapter: ChatAdapter = {
    platform,
    async start() {},
    async stop() {},
    // Digests and alerts here go to channels only: a DM is refused as a platform would refuse it.
    async dm() {
      return { ok: false, retryable: false, error: 'direct messages are not part of this fake' };
    },
    async adminIds() {
      return [];
    },
    async post(channel, reply) {
      calls.push({ at: Date.now(), channel, reply });
      const next = results.length > 1 ? results.shift()! : results[0]!;
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { adapter, calls };
}

/** A daily 'huawei' subscription created two days ago whose time (two minutes ago, UTC) has just passed. */
export function dueSubscription(tenant: Tenant, channelId: string): Subscription {
  const twoMinutesAgo = new Date(Date.now() - 2 * 60_000).toISOString();
  return {
    tenant,
    channelId,
    topics: ['huawei'],
    time: twoMinutesAgo.slice(11, 16),
    timeZone: 'UTC',
    weekdays: [0, 1, 2, 3, 4, 5, 6],
    createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    updatedAt: new Date().toISOString(),
  };
}

/** Incident alerts over a test core's stores, posting through one console adapter, as instance `owner`. */
export function incidentAlertsOn(t: TestCore, adapter: ChatAdapter, owner = 'one'): IncidentAlerts {
  return createIncidentAlerts({
    incidents: t.digests.incidents,
    sources: t.core.sources,
    adapters: { console: adapter },
    ledger: t.stores.ledger,
    clock: t.clock,
    logger: createSilentLogger(),
    owner,
  });
}
