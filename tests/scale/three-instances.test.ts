import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type BotInstance,
  dropPostgresPrefix,
  dropRedisPrefix,
  runVerb,
  startInstance,
  waitUntil,
} from '../helpers/bot-instances.ts';
import { tempDir } from '../helpers/temp-store.ts';

const backends = [
  { name: 'redis', url: process.env.REDIS_URL, drop: dropRedisPrefix },
  { name: 'postgres', url: process.env.DATABASE_URL, drop: dropPostgresPrefix },
];

for (const backend of backends) {
  describe.runIf(backend.url)(`three instances on one ${backend.name}`, () => {
    const prefix = `sc${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const temp = tempDir();
    const instances: BotInstance[] = [];
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.stop()));
      await backend.drop(backend.url!, prefix).catch(() => undefined);
      temp.cleanup();
    });

    it('an article ingested by a fourth process is found by /news on all three within 5 s', async () => {
      const env = (name: string) => ({
        STORE_URL: backend.url!,
        STORE_PREFIX: prefix,
        // Each instance its own snapshot directory, as on its own machine.
        INDEX_SNAPSHOT_DIR: join(temp.dir, name),
      });
      for (const name of ['a', 'b', 'c']) instances.push(await startInstance(name, env(name)));
      await waitUntil(
        async () => (await Promise.all(instances.map((i) => i.readyz()))).every((r) => r?.status === 200),
        90_000,
        'all three instances ready',
      );

      const word = `quokkaglyph${randomUUID().slice(0, 6)}`;
      const file = join(temp.dir, 'story.txt');
      writeFileSync(
        file,
        `Regulators tighten the ${word} export rule\n\nRegulators tightened the ${word} export rule on ` +
          'Tuesday, citing national security concerns about advanced chips. The commerce department said ' +
          'the new licence requirement applies to shipments worth more than ten thousand dollars.\n',
      );
      const ingest = await runVerb(['ingest', file], { ...env('d'), LOG_LEVEL: 'warn' });
      expect(ingest.code, ingest.stderr).toBe(0);
      // From the moment the writer process has exited: its put and its change are in the store.
      const written = Date.now();
      const found = new Map<string, number>();
      await waitUntil(
        () => {
          for (const instance of instances) {
            if (found.has(instance.name)) continue;
            if (instance.stdout().includes(`the ${word} export rule`))
              found.set(instance.name, Date.now() - written);
            else instance.send(`/news ${word}`);
          }
          return found.size === instances.length;
        },
        5_000,
        'every instance to find the article',
      );
      for (const ms of found.values()) expect(ms).toBeLessThan(5_000);
      // Each still reports itself caught up, with the change applied.
      for (const instance of instances) {
        const ready = await instance.readyz();
        expect(ready?.body.index).toMatchObject({ state: 'ready', lag: 0 });
      }
    }, 150_000);
  });
}
