import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/server/**/*.test.ts'],
    // Every wire timestamp must be Korea time whatever the machine's zone:
    // the server tests run in one that is far from it.
    env: { TZ: 'America/Los_Angeles' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
