/**
 * The fuzz suite's size, from the test run's environment: PW_FUZZ_LINES lines per command (default 3,000
 * with a fresh seed each run: 5,000 still took 80 s of a 6-minute suite on a slower machine; `npm run eval
 * -- fuzz` runs 150,000) and PW_FUZZ_SEED to replay a failure. Test-only knobs, so they are read here rather than in src/config.ts.
 */
export function fuzzSettings(env: Record<string, string | undefined> = process.env): {
  lines: number;
  seed?: number;
} {
  const lines = env.PW_FUZZ_LINES === undefined ? 3_000 : Number(env.PW_FUZZ_LINES);
  if (!Number.isInteger(lines) || lines < 1)
    throw new Error(`PW_FUZZ_LINES must be a positive whole number, got ${env.PW_FUZZ_LINES}`);
  const seed = env.PW_FUZZ_SEED === undefined ? undefined : Number(env.PW_FUZZ_SEED);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new Error(`PW_FUZZ_SEED must be a whole number, got ${env.PW_FUZZ_SEED}`);
  return seed === undefined ? { lines } : { lines, seed };
}
