import { defineConfig } from 'vitest/config';

// Long reliability suites (crash, faults, load) in reliability/: `npm run test:soak`. Their fast
// variants (reliability/*.test.ts) run in `npm test` (vitest.config.ts).
export default defineConfig({
  test: {
    include: ['reliability/**/*.soak.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'dist/**'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
  },
});
