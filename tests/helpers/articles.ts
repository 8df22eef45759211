import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../commands/define.ts';
import { type Article, articleIdFor } from '../../src/core/article.ts';

import { type Core, createCore } from '../../src/core/core.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { createLogger } from '../../src/logger.ts';
import { createFixedClock } from './clock.ts';

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
