import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // Browser suites start Chromium and the Playground: keep the 2-core machine from thrashing.
    maxWorkers: 2,
  },
});
