import { defineConfig } from 'vitest/config';

// Tests drive the real CLI (dist/, built by `npm test` before vitest starts) in temp dirs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // 2-core machines: a few forks at once keep CPU-heavy ML tests from starving each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
