import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../commands/define.ts';
import { type Article, articleIdFor } from '../../src/core/article.ts';
import { createFixedClock } from '../../src/core/clock.ts';
import { type Core, createCore } from '../../src/core/core.ts';
import { createStores } from '../../src/core/store/keyv-stores.ts';
import type { Stores } from '../../src/core/store/ports.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { createLogger } from '../../src/logger.ts';

/** The moment tests pretend it is. */
export const NOW = new Date('2026-11-01T12:00:00Z');

/** A stored article with sensible defaults; `key` makes the URL and id unique. */
export function makeArticle(key: string, fields: Partial<Article> = {}): Article {
  const url = fields.canonicalUrl ?? `https://news.example/${key}`;
  return {
    id: articleIdFor(url),
    url,
    canonicalUrl: url,
    title: `Article ${key}`,
    source: 'news.example',
    publishedAt: '2026-10-30T09:00:00Z',
    fetchedAt: '2026-10-30T09:00:00Z',
    updatedAt: '2026-10-30T09:00:00Z',
    text: 'Nothing much happened today.',
    summary: '',
    topics: [],
    language: 'en',
    owners: ['*'],
    contentHash: key,
    backlog: false,
    ...fields,
  };
}

/** A real SQLite store in a temp dir, and a core over it; `close` removes both. */
export async function openTestCore(): Promise<{
  core: Core;
  stores: Stores;
  dir: string;
  reopen(): Promise<Core>;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-search-'));
  const url = `sqlite://${join(dir, 'store.sqlite')}`;
  const logger = createLogger('silent');
  const clock = createFixedClock(NOW);
  const prefix = `t${process.pid}${Date.now()}`;
  const opened: Stores[] = [];
  const open = async () => {
    const stores = await createStores({ url, prefix, logger });
    opened.push(stores);
    return { stores, core: await createCore({ stores, clock, logger }) };
  };
  const first = await open();
  return {
    core: first.core,
    stores: first.stores,
    dir,
    reopen: async () => (await open()).core,
    close: async () => {
      for (const stores of opened) await stores.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A command context for a tenant, admin or not. */
export function contextFor(core: Core, options: { tenant?: Tenant; admin?: boolean } = {}): CommandContext {
  const tenant = options.tenant ?? CONSOLE_TENANT;
  return {
    tenant,
    channel: { platform: tenant.platform, id: 'C1' },
    user: { id: 'U1', isAdmin: options.admin ?? false },
    core,
    logger: createLogger('silent'),
  };
}
