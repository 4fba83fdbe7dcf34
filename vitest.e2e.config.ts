import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: real Chromium (Debian's, through playwright-core) against the production
 * build in `dist/`, served by `vite preview` with the real security headers.
 * Run with `npm run test:e2e` after `npm run build` (`npm test` does both).
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Two cores: one Chromium at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A real browser on two shared cores: give a polled expectation time to come true.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
