import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'dist/**', 'e2e/**', '**/*.soak.test.ts'],
    // One PostgreSQL cluster for the run; each store suite makes its databases in it.
    globalSetup: ['testkit/vitest-setup.ts'],
    pool: 'forks',
    // vitest's default is a worker fewer than the cores: one on a 2-core machine, every file in
    // turn. Most files spend their time waiting (simulator sessions, host processes, timers), so one
    // more than the cores keeps both busy.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
