import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'dist/**', 'e2e/**', '**/*.soak.test.ts'],
    // One PostgreSQL cluster for the run; each store suite makes its databases in it.
    globalSetup: ['testkit/vitest-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
