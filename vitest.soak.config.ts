import { defineConfig } from 'vitest/config';

// Long reliability suites (crash, faults, load): `npm run test:soak`.
export default defineConfig({
  test: {
    include: ['**/*.soak.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'dist/**'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
  },
});
