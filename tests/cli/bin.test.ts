import { describe, expect, it } from 'vitest';
import { BIN, runCli, SOURCE_BIN } from '../helpers/cli.ts';
import { SEED_SAMPLE, tempDir } from '../helpers/temp-store.ts';

// Every other child CLI in the suite runs the sources precompiled by tests/setup/prebuilt-cli.ts; this file
// runs bin/policywire.js itself, through tsx, and checks the two answer alike.
describe('bin/policywire.js', () => {
  it('runs the sources through tsx: ingest and news answer as the precompiled CLI does', () => {
    expect(BIN).not.toBe(SOURCE_BIN);
    const temp = tempDir();
    try {
      const answers = [SOURCE_BIN, BIN].map((bin, i) => {
        const env = { STORE_URL: `sqlite://${temp.dir}/bin-${i}.sqlite` };
        const ingest = runCli(['ingest', SEED_SAMPLE, '--json'], env, undefined, undefined, bin);
        expect(ingest.code, ingest.stderr).toBe(0);
        const news = runCli(['news', 'huawei', '--json'], env, undefined, undefined, bin);
        expect(news.code, news.stderr).toBe(0);
        return JSON.parse(news.stdout);
      });
      expect(answers[0].results[0].title).toBe('China slams ‘immoral’ spying claims');
      expect(answers[0]).toEqual(answers[1]);
    } finally {
      temp.cleanup();
    }
    // Four CLI processes in a row, two of them through tsx: on a loaded machine each start takes seconds.
  }, 120_000);
});
