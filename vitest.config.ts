import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Finds the machine's Redis and PostgreSQL so their tests run rather than skip.
    globalSetup: ['tests/setup/local-stores.ts'],
  },
});
