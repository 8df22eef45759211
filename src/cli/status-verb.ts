import type { QueueDepth } from '../core/ports/job-queue.ts';
import { countOf } from '../core/text/plural.ts';
import type { App } from '../main.ts';
import { type ExitCode, parseFlags, printJson, withApp } from './shared.ts';

/** What `policywire status --json` prints. */
export interface StatusReport {
  instance: string;
  ready: boolean;
  store: Awaited<ReturnType<App['readiness']>>['store'];
  index: Awaited<ReturnType<App['readiness']>>['index'] & { snapshot?: string };
  /** Waiting and active jobs per queue; null until a job engine (BullMQ or pg-boss) sets the hook. */
  jobs: Record<string, QueueDepth> | null;
  /** Newest successful poll of any source, and newest delivered digest, across every instance. */
  lastPollAt: string | null;
  lastDeliveryAt: string | null;
}

/** Longest `status` waits for its index to replay the change log before reporting. */
const CATCH_UP_MS = 3_000;

/**
 * `policywire status [--json]`: this process's view of the store and the change log (its instance id,
 * index position and lag), the job queues, and the last poll and delivery times recorded in the store.
 */
export async function statusVerb(argv: string[]): Promise<ExitCode> {
  const { values } = parseFlags({ args: argv, options: { json: { type: 'boolean' } } });
  return withApp(
    'warn',
    async (app) => {
      const report = await statusOf(app);
      if (values.json) printJson(report);
      else {
        const index = report.index;
        process.stdout.write(
          [
            `instance ${report.instance}: ${report.ready ? 'ready' : 'not ready'}`,
            `store ${report.store.kind}: ${report.store.reachable ? 'reachable' : 'UNREACHABLE'}`,
            `index ${index.state}: ${countOf(index.articles, 'article')}, sequence ${index.sequence ?? '?'} of ${index.head ?? '?'} (lag ${index.lag ?? '?'})`,
            `jobs: ${report.jobs ? JSON.stringify(report.jobs) : 'no job engine'}`,
            `last poll ${report.lastPollAt ?? 'never'} · last delivery ${report.lastDeliveryAt ?? 'never'}`,
          ]
            .map((line) => `${line}\n`)
            .join(''),
        );
      }
      return report.ready ? 0 : 1;
    },
    { warmInBackground: true },
  );
}

/** Gathers the status report; reads that fail while the store is down are reported as null. */
export async function statusOf(app: App): Promise<StatusReport> {
  if (app.stores.health.reachable) {
    await Promise.race([
      app.core.catchUp().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, CATCH_UP_MS).unref()),
    ]);
  }
  const readiness = await app.readiness();
  const newest = (values: (string | undefined)[]) =>
    values
      .filter((v): v is string => typeof v === 'string')
      .sort()
      .at(-1) ?? null;
  const lastPollAt = await collect(app.core.sources.listAll(), (s) => s.value.health.lastSuccessAt)
    .then(newest)
    .catch(() => null);
  const lastDeliveryAt = await collect(app.digests.stores.archive.listAll(), (r) => r.value.deliveredAt)
    .then(newest)
    .catch(() => null);
  return {
    instance: readiness.instance,
    ready: readiness.ready,
    store: readiness.store,
    index: {
      ...readiness.index,
      ...(app.stores.indexSnapshotPath ? { snapshot: app.stores.indexSnapshotPath } : {}),
    },
    jobs: app.ops.queueDepths ? await app.ops.queueDepths().catch(() => null) : null,
    lastPollAt,
    lastDeliveryAt,
  };
}

async function collect<T, R>(items: AsyncIterable<T>, pick: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for await (const item of items) out.push(pick(item));
  return out;
}
