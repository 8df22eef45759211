import type Keyv from 'keyv';
import type { z } from 'zod';
import type { Logger } from '../../logger.ts';
import { type Article, articleSchema, articleStamp } from '../article.ts';
import type { ArticleStamps, ArticleStore } from '../ports/article-store.ts';
import type { TenantStore } from '../ports/tenant-store.ts';
import { parseTenantKey, type Tenant, tenantKey, tenantSchema } from '../tenant.ts';
import type { ArticleWrites } from './article-writes.ts';

// Stamp keys are article ids (16 hex digits), so this key cannot collide with one.
const EPOCH_KEY = '_epoch';

/**
 * The article port over two keyv namespaces: articles, and their search stamps. With `writes`, puts and
 * deletes go through it (the records and their change-log entry at once); reads always go through keyv.
 */
export function createArticleStore(
  keyv: Keyv,
  stampKeyv: Keyv,
  logger?: Logger,
  readStamps?: () => Promise<[string, unknown][]>,
  writes?: ArticleWrites,
): ArticleStore {
  // keyv's own record format ({ value, expires }, serialized), so keyv reads what `writes` stored.
  const serialized = async (keyvOf: Keyv, value: unknown) =>
    String(await keyvOf.serializeData({ value, expires: undefined }));
  const parse = (id: string, raw: unknown): Article | undefined => {
    if (raw === undefined || raw === null) return undefined;
    const parsed = articleSchema.safeParse(raw);
    if (!parsed.success) {
      logger?.warn({ id, issues: parsed.error.issues.slice(0, 3) }, 'skipping unreadable article record');
      return undefined;
    }
    return parsed.data;
  };
  return {
    async get(id) {
      return parse(id, await keyv.get(id));
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      const raws = await keyv.get(ids);
      return ids.map((id, index) => parse(id, raws[index]));
    },
    async put(article) {
      if (writes) {
        const stamp = articleStamp(article);
        const [record, stampRecord] = await Promise.all([
          serialized(keyv, article),
          serialized(stampKeyv, stamp),
        ]);
        await writes.put(article.id, record, stampRecord, { op: 'put', id: article.id, stamp });
        return;
      }
      // Stamp first: if the process dies between the two writes, a saved index sees a stamp it does not
      // have and re-reads the article, rather than trusting an entry for text that has since changed.
      await stampKeyv.set(article.id, articleStamp(article));
      const ok = await keyv.set(article.id, article);
      if (ok === false) throw new Error(`store refused article ${article.id}`);
    },
    async delete(id) {
      if (writes) return writes.delete(id);
      const deleted = await keyv.delete(id);
      await stampKeyv.delete(id);
      return deleted;
    },
    async stamps() {
      const out: ArticleStamps = { stamps: new Map() };
      for await (const [key, raw] of readStamps ? await readStamps() : iterate(stampKeyv)) {
        if (key === EPOCH_KEY) {
          if (typeof raw === 'string' && raw) out.epoch = raw;
        } else if (typeof raw === 'string') out.stamps.set(key, raw);
      }
      return out;
    },
    async repairStamps(fixes, epoch) {
      const entries = [...fixes];
      for (let i = 0; i < entries.length; i += 500) {
        await Promise.all(
          entries
            .slice(i, i + 500)
            .map(([id, stamp]) => (stamp === undefined ? stampKeyv.delete(id) : stampKeyv.set(id, stamp))),
        );
      }
      await stampKeyv.set(EPOCH_KEY, epoch);
    },
    async *all() {
      for await (const [key, raw] of iterate(keyv)) {
        const article = parse(key, raw);
        if (article) yield article;
      }
    },
  };
}

/** A tenant-scoped namespace whose records are validated on read and write. */
export function createTenantStore<S extends z.ZodType>(
  keyvFor: () => Promise<Keyv>,
  schema: S,
  logger?: Logger,
  /** The namespace's keys with a prefix, where the backend can list them without walking the store. */
  listKeys?: (prefix: string) => Promise<string[]>,
): TenantStore<z.infer<S>> {
  type T = z.infer<S>;
  const checkedKey = (tenant: Tenant) => {
    // Keys are read back by splitting on ':', so a tenant id holding one (`TA:x`) would be filed under TA.
    if (!tenantSchema.safeParse(tenant).success)
      throw new Error(
        `invalid tenant ${JSON.stringify(tenant)}: ids are letters, digits, dot, dash or underscore`,
      );
    return tenantKey(tenant);
  };
  const key = (tenant: Tenant, id: string) => `${checkedKey(tenant)}:${id}`;
  const parse = (k: string, raw: unknown): T | undefined => {
    if (raw === undefined || raw === null) return undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      logger?.warn({ key: k, issues: parsed.error.issues.slice(0, 3) }, 'skipping unreadable record');
      return undefined;
    }
    return parsed.data as T;
  };
  const listAll = async function* () {
    const keyv = await keyvFor();
    for await (const [k, raw] of iterate(keyv)) {
      const [platform, id, ...rest] = k.split(':');
      const tenant = parseTenantKey(`${platform}:${id}`);
      const value = parse(k, raw);
      if (tenant && value !== undefined) yield { tenant, id: rest.join(':'), value };
    }
  };
  return {
    async get(tenant, id) {
      const k = key(tenant, id);
      return parse(k, await (await keyvFor()).get(k));
    },
    async put(tenant, id, value, options) {
      const ok = await (await keyvFor()).set(key(tenant, id), schema.parse(value), options?.ttlMs);
      if (ok === false) throw new Error(`store refused ${key(tenant, id)}`);
    },
    async delete(tenant, id) {
      return (await keyvFor()).delete(key(tenant, id));
    },
    async list(tenant) {
      const own = `${checkedKey(tenant)}:`;
      if (listKeys) {
        const keys = await listKeys(own);
        if (keys.length === 0) return [];
        // keyv reads them: it deserializes, and drops records whose TTL has passed.
        const raws = await (await keyvFor()).get(keys);
        return keys.map((k, i) => parse(k, raws[i])).filter((value): value is T => value !== undefined);
      }
      const out: T[] = [];
      for await (const entry of listAll()) {
        if (`${tenantKey(entry.tenant)}:` === own) out.push(entry.value);
      }
      return out;
    },
    listAll,
    async prune() {
      // keyv's iterator deletes each expired entry it passes. Deleting shifts SQLite's OFFSET paging,
      // so a pass may miss a few past the first page; the next pass gets them.
      for await (const _ of iterate(await keyvFor())) {
      }
    },
  };
}

/** Iterates a namespace as [key without namespace, value]; every adapter we use has an iterator. */
async function* iterate(keyv: Keyv): AsyncGenerator<[string, unknown]> {
  if (!keyv.iterator) throw new Error('this keyv store cannot list its keys');
  for await (const [key, value] of keyv.iterator(undefined)) {
    yield [String(key), value];
  }
}
