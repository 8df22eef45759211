/**
 * A bot process for the crash test: the real digest job on an SQLite file, delivering through a chat
 * adapter that POSTs each message to the test's fake chat platform on 127.0.0.1. Run with `node --import tsx`.
 */
import { createDigestJob } from '../../digests/job.ts';
import { renderText } from '../../src/adapters/console/render-text.ts';
import { createCore } from '../../src/core/core.ts';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import { systemClock } from '../../src/core/system-clock.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { digestServicesFor } from '../helpers/context.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';

const path = process.env.PW_STORE_PATH!;
const chatUrl = process.env.PW_CHAT_URL!;
const logger = createSilentLogger();
const stores = await createStores({ url: `sqlite://${path}` });
const core = await createCore({
  stores,
  clock: systemClock,
  logger,
  sourceGuard: createSsrfGuard({ allowPrivate: false }),
});
const ledger = stores.ledger;

const adapter: ChatAdapter = {
  platform: 'console',
  async start() {},
  async stop() {},
  // Digests here go to channels only: a DM is refused as a platform would refuse it.
  async dm() {
    return { ok: false, retryable: false, error: 'direct messages are not part of this fake' };
  },
  async adminIds() {
    return [];
  },
  async post(channel, reply) {
    try {
      const response = await fetch(chatUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: channel.id, text: renderText(reply) }),
      });
      if (response.ok) return { ok: true, messageIds: [await response.text()] };
      return { ok: false, retryable: response.status >= 500, error: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, retryable: true, error: (error as Error).message };
    }
  },
};

const job = createDigestJob({
  core,
  services: digestServicesFor(core, stores),
  adapters: { console: adapter },
  ledger,
  logger,
  cron: '* * * * * *',
  leaseMs: 3_000,
  concurrency: 1,
});
job.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void job
    .stop()
    .then(() => ledger.close())
    .then(() => stores.close())
    .finally(() => process.exit(0));
});
