import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandSettings } from '../../commands/define.ts';
import type { DigestServiceDeps, DigestServices } from '../../digests/services.ts';
import type { Article } from '../../src/core/article.ts';
import { type Core, createCore } from '../../src/core/core.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { PolicySourceCheck } from '../../src/core/ports/policy-source-check.ts';
import type { SourceUrlGuard } from '../../src/core/ports/source-guard.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { createFixedClock } from './clock.ts';
import { DEFAULT_COMMAND_SETTINGS, digestServicesFor } from './context.ts';
import { createSilentLogger } from './silent-logger.ts';

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'pw-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Options of a test core; every one has the default a plain test wants. */
export interface TestCoreOptions {
  /** Start of the fixed clock, unless `clock` is given. */
  now?: string;
  /** E.g. the system clock, for tests that drive time with vitest's fake timers. */
  clock?: Clock;
  sourceGuard?: SourceUrlGuard;
  /** Policy API checks for /sources add (a missing key); none by default. */
  policySources?: PolicySourceCheck;
  pollIntervalMinutes?: number;
  /** Reuse a directory (a restart); else a fresh one, removed on close. */
  dir?: string;
  prefix?: string;
  digests?: Partial<DigestServiceDeps>;
  /** The delivery ledger's clock, for tests that move time by hand. */
  ledgerNow?: () => number;
}

/** A core, its stores and digest services over a real SQLite file, wired the way src/main.ts wires them. */
export interface TestCore {
  core: Core;
  stores: Stores;
  digests: DigestServices;
  /** The command settings, as src/main.ts builds them from the config. */
  settings: CommandSettings;
  dir: string;
  storeUrl: string;
  /** The fixed clock (tests move it with `set`); the given clock when one was passed. */
  clock: ReturnType<typeof createFixedClock>;
  /** Every stored article, by URL. */
  articles(): Promise<Article[]>;
  /** A second core over the same file, as a restart would open it. */
  reopen(): Promise<Core>;
  close(): Promise<void>;
}

/** Opens a test core over a real SQLite file in a temporary directory. */
export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const temp = options.dir ? undefined : tempDir();
  const dir = options.dir ?? temp!.dir;
  const storeUrl = `sqlite://${join(dir, 'store.sqlite')}`;
  const fixed = createFixedClock(options.now ?? '2026-11-30T12:00:00.000Z');
  // A given clock (the system clock under fake timers) is used as is; `set` then only moves the unused fixed one.
  const clock: ReturnType<typeof createFixedClock> = options.clock
    ? { now: () => options.clock!.now(), set: fixed.set }
    : fixed;
  const opened: Stores[] = [];
  const open = async () => {
    const stores = await createStores({
      url: storeUrl,
      prefix: options.prefix ?? 'pw',
      ...(options.ledgerNow ? { now: options.ledgerNow } : {}),
    });
    opened.push(stores);
    const core = await createCore({
      stores,
      clock,
      logger: createSilentLogger(),
      // The real guard; tests of /sources pass one with their own DNS answers.
      sourceGuard: options.sourceGuard ?? createSsrfGuard({ allowPrivate: false }),
      ...(options.policySources ? { policySources: options.policySources } : {}),
    });
    return { stores, core };
  };
  const first = await open();
  return {
    core: first.core,
    stores: first.stores,
    digests: digestServicesFor(first.core, first.stores, options.digests),
    settings: {
      ...DEFAULT_COMMAND_SETTINGS,
      ...(options.pollIntervalMinutes ? { pollIntervalMinutes: options.pollIntervalMinutes } : {}),
    },
    dir,
    storeUrl,
    clock,
    async articles() {
      const out: Article[] = [];
      for await (const article of first.core.articles.all()) out.push(article);
      return out.sort((a, b) => a.url.localeCompare(b.url));
    },
    reopen: async () => (await open()).core,
    async close() {
      for (const stores of opened) await stores.close();
      temp?.cleanup();
    },
  };
}

/** The repository's bundled copy of the seed article. */
export const SEED_SAMPLE = new URL('../../samples/china-slams-immoral-spying-claims.txt', import.meta.url)
  .pathname;

/** A test core that already holds the seed article, ingested the way `policywire ingest` does it. */
export async function createSeededCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const { ingestInputs } = await import('../../src/ingest/ingest-inputs.ts');
  const t = await createTestCore(options);
  await ingestInputs([SEED_SAMPLE], {
    writer: t.core.writer,
    fetchLimits: { timeoutMs: 1000, maxBytes: 100_000, userAgent: 'test' },
    logger: createSilentLogger(),
  });
  return t;
}

/** The delivery ledger of a store file as another process (or a restart) opens it; close the stores after. */
export async function openLedger(storeUrl: string, now?: () => number): Promise<Stores> {
  return createStores({ url: storeUrl, prefix: 'pw', ...(now ? { now } : {}) });
}
