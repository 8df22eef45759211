import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CommandContext } from '../../commands/define.ts';
import { dispatchLine } from '../../commands/dispatch.ts';
import {
  createDigestServices,
  type DigestServiceOptions,
  type DigestServices,
  provideDigestServices,
} from '../../digests/services.ts';
import { createConsoleAdapter } from '../../src/adapters/console/console-adapter.ts';
import { type Clock, systemClock } from '../../src/core/clock.ts';
import { type Core, createCore } from '../../src/core/core.ts';
import type { ChannelRef, ChatAdapter, PostResult } from '../../src/core/ports/chat-adapter.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createStores } from '../../src/core/store/keyv-stores.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { createSilentLogger } from '../../src/logger.ts';

/** A core on a fresh SQLite file in a temp directory, with digest services attached. */
export interface TestCore {
  core: Core;
  services: DigestServices;
  dir: string;
  storeUrl: string;
  close(): Promise<void>;
}

/** Opens a real SQLite-backed core in a temp dir; `clock` defaults to the (possibly faked) system clock. */
export async function openTestCore(
  options: { clock?: Clock; services?: DigestServiceOptions; dir?: string; prefix?: string } = {},
): Promise<TestCore> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pw-digests-'));
  const storeUrl = `sqlite://${join(dir, 'store.sqlite')}`;
  const stores = await createStores({ url: storeUrl, prefix: options.prefix ?? 'pw' });
  const core = await createCore({
    stores,
    clock: options.clock ?? systemClock,
    logger: createSilentLogger(),
  });
  const services = provideDigestServices(core, createDigestServices(core, options.services));
  return {
    core,
    services,
    dir,
    storeUrl,
    async close() {
      await stores.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A command context in a channel of a tenant; admin unless said otherwise. */
export function contextFor(
  core: Core,
  channelId = 'console',
  tenant: Tenant = CONSOLE_TENANT,
  isAdmin = true,
): CommandContext {
  return {
    tenant,
    channel: { platform: tenant.platform, id: channelId },
    user: { id: isAdmin ? 'admin-user' : 'plain-user', isAdmin },
    core,
    logger: createSilentLogger(),
  };
}

/** Runs a chat line as a user would type it. */
export function say(
  core: Core,
  line: string,
  channelId = 'console',
  tenant: Tenant = CONSOLE_TENANT,
  isAdmin = true,
) {
  return dispatchLine(line, contextFor(core, channelId, tenant, isAdmin));
}

let counter = 0;

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
      text:
        draft.text ??
        `${draft.title}. Officials discussed the matter at length on Tuesday. Further details are expected later this week.`,
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
}

/** The real console adapter writing into memory, with each post's time recorded. */
export function consoleSink(core: Core): { adapter: ChatAdapter; posts: Post[] } {
  const output = new PassThrough();
  const posts: Post[] = [];
  output.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    const channel = /^\[([^\]]+)\]\n/.exec(text)?.[1];
    if (channel) posts.push({ at: Date.now(), channel, text });
  });
  const adapter = createConsoleAdapter({
    core,
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
    async post(channel, reply) {
      calls.push({ at: Date.now(), channel, reply });
      const next = results.length > 1 ? results.shift()! : results[0]!;
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { adapter, calls };
}
