import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/core/store/open-stores.ts';
import { spawnCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-store.ts';

const WORDS =
  'regulator telecom network spectrum licence privacy platform export chip data court ruling minister'.split(
    ' ',
  );

function storyText(i: number): string {
  const word = (n: number) => WORDS[(i * 7 + n) % WORDS.length];
  return [
    `Story ${i}: ${word(1)} ${word(2)} decision`,
    '',
    `The ${word(3)} authority announced a decision on the ${word(4)} case number ${i} on Monday after a long review.`,
    `Officials said the ${word(5)} rules would apply from next year and that firms had been consulted at length.`,
    `Critics argued the ${word(6)} measures went too far, while supporters said they were overdue and proportionate.`,
  ].join('\n');
}

describe('bulk ingest killed with SIGKILL', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('loses none of the articles it had reported as ingested', async () => {
    const inputDir = join(temp.dir, 'in');
    mkdirSync(inputDir);
    for (let i = 0; i < 400; i++)
      writeFileSync(join(inputDir, `story-${String(i).padStart(4, '0')}.txt`), storyText(i));
    const url = `sqlite://${join(temp.dir, 'crash.sqlite')}`;
    const child = spawnCli(['ingest', inputDir], { STORE_URL: url });
    const reported: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^\d+\/\d+ added \S+ ([a-f0-9]{16})$/.exec(line);
          if (match?.[1]) reported.push(match[1]);
        }
        if (reported.length >= 60 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(reported.length).toBeGreaterThanOrEqual(60);
    expect(reported.length).toBeLessThan(400);

    const stores = await createStores({ url });
    try {
      const found = await stores.articles.getMany(reported);
      const missing = reported.filter((_, i) => found[i] === undefined);
      expect(missing).toEqual([]);
    } finally {
      await stores.close();
    }
  }, 60_000);
});
