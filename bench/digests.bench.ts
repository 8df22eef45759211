/**
 * Composes the digests of 10,000 subscriptions the way the digest job does (one store scan, one search
 * per topic, one clustering, then every channel), and compares it with the naive way: a full store scan and
 * composition per channel. Articles come from ../shared/corpora/tech-articles when present.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { DigestRequest } from '../digests/compose.ts';
import { buildDigestReply } from '../digests/digest-reply.ts';
import { type Article, articleIdFor } from '../src/core/article.ts';
import { createCore } from '../src/core/core.ts';
import { createStores } from '../src/core/store/open-stores.ts';
import type { Tenant } from '../src/core/tenant.ts';
import { createSsrfGuard } from '../src/ingest/ssrf-guard.ts';
import { createLogger } from '../src/logger.ts';
import { createFixedClock } from '../tests/helpers/clock.ts';
import { digestServicesFor } from '../tests/helpers/context.ts';

const CORPUS = fileURLToPath(
  new URL('../../shared/corpora/tech-articles/articles.jsonl.gz', import.meta.url),
);
const ARTICLES = 10_000;
const SUBSCRIPTIONS = 10_000;
const TENANTS = 500;
const NAIVE_SAMPLE = 40;
const NOW = Date.parse('2026-03-30T08:00:00Z');
const DAY = 86_400_000;
const TOPICS = [
  'huawei',
  'export-controls',
  'semiconductors',
  'ai-regulation',
  'antitrust',
  'privacy',
  'cybersecurity',
  'telecoms',
  'content-moderation',
  'surveillance',
  'open source',
  'electric vehicles',
  'net neutrality',
  'facial recognition',
  'cryptocurrency',
  'quantum computing',
];

/** A small deterministic PRNG, so every run composes the same digests. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function* corpusDrafts(): AsyncGenerator<{ title: string; text: string; url: string }> {
  if (existsSync(CORPUS)) {
    const lines = createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()) });
    for await (const line of lines) {
      const row = JSON.parse(line) as { title: string; text: string; url: string };
      if (row.title && row.text && /^https?:\/\/[^/]/.test(row.url))
        yield { title: row.title.split(' | ')[0]!, text: row.text.slice(0, 4000), url: row.url };
    }
    return;
  }
  console.log(`  corpus missing (${CORPUS}): using synthetic articles`);
  const rnd = random(7);
  for (let i = 0; ; i++) {
    const words = Array.from(
      { length: 300 },
      () => TOPICS[Math.floor(rnd() * TOPICS.length)]!.split(/[- ]/)[0],
    );
    yield {
      title: `Synthetic story ${i} about ${words[0]}`,
      text: words.join(' '),
      url: `https://synthetic.example.org/${i}`,
    };
  }
}

function ms(start: number): number {
  return Math.round(performance.now() - start);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-digests-'));
  try {
    const clock = createFixedClock(new Date(NOW));
    const stores = await createStores({ url: `sqlite://${join(dir, 'bench.sqlite')}` });
    const rnd = random(42);
    let setup = performance.now();
    let count = 0;
    for await (const draft of corpusDrafts()) {
      if (count >= ARTICLES) break;
      // Spread over the last week: about a seventh lands in a 24-hour window.
      const at = new Date(NOW - Math.floor(rnd() * 7 * DAY)).toISOString();
      const owner = rnd() < 0.1 ? `slack:T${Math.floor(rnd() * TENANTS)}` : '*';
      const article: Article = {
        id: articleIdFor(draft.url),
        url: draft.url,
        canonicalUrl: draft.url,
        title: draft.title,
        source: new URL(draft.url).hostname.replace(/^www\./, ''),
        publishedAt: at,
        fetchedAt: at,
        updatedAt: at,
        text: draft.text,
        summary: draft.text.slice(0, 240),
        topics: [],
        language: 'en',
        owners: [owner],
        contentHash: '',
        backlog: rnd() < 0.05,
      };
      await stores.articles.put(article);
      count++;
    }
    const core = await createCore({
      stores,
      clock,
      logger: createLogger('silent'),
      sourceGuard: createSsrfGuard({ allowPrivate: false }),
    });
    // Wired as the composition root wires it: the core's own topic service and story clusterer.
    const services = digestServicesFor(core, stores, { topN: 5 });
    const requests: DigestRequest[] = Array.from({ length: SUBSCRIPTIONS }, (_, i) => {
      const tenant: Tenant = { platform: 'slack', id: `T${i % TENANTS}` };
      const topics = Array.from(
        new Set(
          Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => TOPICS[Math.floor(rnd() * TOPICS.length)]!),
        ),
      );
      // Most channels got yesterday's digest at various hours; some are new and look back 24 hours.
      const since = new Date(NOW - DAY - Math.floor(rnd() * 6) * 3_600_000);
      return { key: `C${i}`, tenant, topics, since, until: new Date(NOW) };
    });
    console.log(
      `  setup: ${count} articles stored and indexed, ${SUBSCRIPTIONS} subscriptions, ${TENANTS} tenants (${ms(setup)} ms)`,
    );

    const health = { total: 3, checked: 3, failing: [] };
    setup = performance.now();
    const minSince = new Date(Math.min(...requests.map((r) => r.since.getTime())));
    const pool = await services.composer.loadPool(minSince, new Date(NOW));
    const loaded = ms(setup);
    const hook = (globalThis as { benchHook?: (phase: string) => Promise<void> }).benchHook;
    await hook?.('start');
    const cpuStart = process.cpuUsage();
    let stories = 0;
    let firstChunk = 0;
    for (let start = 0; start < requests.length; start += 200) {
      if (start === 200) firstChunk = ms(setup) - loaded;
      const digests = await services.composer.compose(pool, requests.slice(start, start + 200));
      for (const digest of digests) {
        stories += digest.storyCount;
        buildDigestReply(digest, { timeZone: 'Europe/London', at: new Date(NOW), health, whenEmpty: 'line' });
      }
    }
    const batched = ms(setup);
    const cpu = process.cpuUsage(cpuStart);
    const batchedCpu = Math.round((cpu.user + cpu.system) / 1000);
    await hook?.('stop');

    const naiveStart = performance.now();
    const naiveCpuStart = process.cpuUsage();
    let naiveStories = 0;
    for (const request of requests.slice(0, NAIVE_SAMPLE)) {
      const digest = await services.composer.composeOne(request);
      naiveStories += digest.storyCount;
      buildDigestReply(digest, { timeZone: 'Europe/London', at: new Date(NOW), health, whenEmpty: 'line' });
    }
    const naivePer = (performance.now() - naiveStart) / NAIVE_SAMPLE;
    const naiveCpu = process.cpuUsage(naiveCpuStart);
    const naiveCpuPer = (naiveCpu.user + naiveCpu.system) / 1000 / NAIVE_SAMPLE;
    const naiveTotal = Math.round(naivePer * SUBSCRIPTIONS);
    const sampleStories = (await services.composer.compose(pool, requests.slice(0, NAIVE_SAMPLE))).reduce(
      (sum, d) => sum + d.storyCount,
      0,
    );

    console.log(
      `  pool: ${pool.articles.size} articles in the widest window (store scan ${loaded} ms; ` +
        `first 200 digests, pool index and clustering included, ${firstChunk} ms)`,
    );
    console.log(
      `  batched (digest job): ${SUBSCRIPTIONS} digests, ${stories} stories in ${batched} ms wall, ${batchedCpu} ms CPU ` +
        `(${(batched / SUBSCRIPTIONS).toFixed(3)} ms per digest; target < 5000 ms: ${batched < 5000 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  naive (full scan per channel): ${naivePer.toFixed(1)} ms wall, ${naiveCpuPer.toFixed(1)} ms CPU per digest, ` +
        `measured on ${NAIVE_SAMPLE}, so about ${naiveTotal} ms for ${SUBSCRIPTIONS}`,
    );
    console.log(
      `  ratio naive / batched: ${(naiveTotal / batched).toFixed(0)}x wall, ` +
        `${((naiveCpuPer * SUBSCRIPTIONS) / batchedCpu).toFixed(0)}x CPU`,
    );
    console.log(
      `  load average while measuring: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    console.log(
      `  same output check on the sample: ${naiveStories === sampleStories ? 'equal' : 'DIFFERENT'} story counts (${sampleStories})`,
    );
    await stores.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
