import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most files wait on sockets, timers and child processes rather than the CPU; on a 2-core machine the
    // default of one worker per spare core ran them one at a time.
    maxWorkers: 3,
    // Finds the machine's Redis and PostgreSQL so their tests run rather than skip, and compiles the CLI
    // once so the suite's child processes start without tsx.
    globalSetup: ['tests/setup/local-stores.ts', 'tests/setup/prebuilt-cli.ts'],
  },
});
