import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { fuzzCommand, openFuzzCore } from '../helpers/fuzz-commands.ts';
import { fuzzSettings } from '../helpers/fuzz-env.ts';
import type { TestCore } from '../helpers/temp-store.ts';

const { lines, seed } = fuzzSettings();

describe('dispatcher under random and hostile input, rendered on every platform', () => {
  let fuzz: TestCore;
  beforeAll(async () => {
    fuzz = await openFuzzCore();
  });
  afterAll(async () => fuzz.close());

  it.each(commands.map((c) => c.name))(
    `answers ${lines.toLocaleString('en')} random /%s lines: a reply each, nothing leaked, records valid, other tenants untouched`,
    async (command) => {
      const result = await fuzzCommand({ host: fuzz, command, lines, seed });
      // A failure names the seed and path that replay it: PW_FUZZ_SEED=<seed> npx vitest run <this file>.
      expect(result.failure).toBeUndefined();
      expect(result.lines).toBe(lines);
    },
    180_000,
  );
});
