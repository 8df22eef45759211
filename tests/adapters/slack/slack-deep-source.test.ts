import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Source, sourceIdFor } from '../../../src/core/sources.ts';
import { systemClock } from '../../../src/core/system-clock.ts';
import { createPoller } from '../../../src/ingest/poll.ts';
import { type FakeWeb, startFakeWeb } from '../../fakes/http-server.ts';
import { createSilentLogger } from '../../helpers/silent-logger.ts';
import { commandFields, sendSlashCommand } from './fake-slack.ts';
import { ALPHA_TEAM, SIGNING_SECRET, type SlackHarness, startSlackHarness } from './harness.ts';

const PROSE =
  'The competition authority said on Monday that the merger would be examined in depth because it could raise prices for cloud customers. ';
/** A 1.1 MB page whose article sits under 100,000 nested divs: once 14 s per 1,000 levels of blocked loop. */
const deepPage = (n: number) =>
  `<!doctype html><html><head><title>Deep ${n}</title></head><body>${'<div>'.repeat(100_000)}<article><h1>Deep story ${n}</h1><p>${PROSE.repeat(6)}</p></article>${'</div>'.repeat(100_000)}</body></html>`;

const tenant = { platform: 'slack' as const, id: 'T0ALPHA' };
let h: SlackHarness;
let web: FakeWeb;

beforeAll(async () => {
  web = await startFakeWeb();
  for (const n of [1, 2, 3])
    web.route(`/deep-${n}`, (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(deepPage(n)),
    );
  h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-alpha', ALLOW_PRIVATE_NETWORKS: 'true' }, (fake) =>
    fake.addTeam(ALPHA_TEAM),
  );
  for (const n of [1, 2, 3]) {
    const url = web.url(`/deep-${n}`);
    const source: Source = {
      id: sourceIdFor(url),
      url,
      name: `Deep ${n}`,
      intervalMinutes: 15,
      createdAt: new Date().toISOString(),
      health: { itemsSeen: 0, failures: 0 },
    };
    await h.app.core.sources.put(tenant, source.id, source);
  }
});
afterAll(async () => {
  await h?.close();
  await web?.close();
});

describe('a source serving a 100,000-level nested page', () => {
  it('is read while the bot still acks a signed slash command within 3 s and the loop never stalls 1 s', async () => {
    const poller = createPoller({
      sources: h.app.core.sources,
      writer: h.app.core.writer,
      articles: h.app.core.articles,
      fetcher: h.app.fetcher,
      extractor: h.app.extractor,
      clock: systemClock,
      logger: createSilentLogger(),
    });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const polling = poller.pollDue({ all: true });
    while (web.requests.length === 0) await sleep(5);
    const started = Date.now();
    const res = await sendSlashCommand(
      h.eventsUrl,
      SIGNING_SECRET,
      commandFields(h.fake, 'deep-1', { team: 'T0ALPHA', user: 'U0MEMBER', text: 'huawei' }),
    );
    const ackMs = Date.now() - started;
    const results = await polling;
    delay.disable();
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(3000);
    expect(delay.max / 1e6).toBeLessThan(1000);
    expect(results.map((r) => [r.name, r.status, r.added]).sort()).toEqual([
      ['Deep 1', 'ok', 1],
      ['Deep 2', 'ok', 1],
      ['Deep 3', 'ok', 1],
    ]);
    const [answer] = await h.fake.responsesFor('deep-1');
    expect(JSON.stringify(answer?.body)).toMatch(/China|Huawei|huawei/);
  }, 60_000);
});
