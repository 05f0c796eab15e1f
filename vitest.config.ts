import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'out/**', 'dist/**', 'e2e/**', '**/*.soak.test.ts'],
    // One PostgreSQL cluster for the run; each store suite makes its databases in it.
    globalSetup: ['testkit/vitest-setup.ts'],
    pool: 'forks',
    // A worker keeps its imported modules from one file to the next instead of importing the whole
    // graph again for each of 243 files: 581 → 370 CPU-s for the suite. Files that change globals
    // restore them (vi.unstubAllGlobals, vi.resetModules), and every file makes its own databases,
    // folders, hosts and simulators, so no state is shared through a module.
    isolate: false,
    // vitest's default is a worker fewer than the cores: one on a 2-core machine, every file in
    // turn. Most files spend their time waiting (simulator sessions, host processes, timers), so one
    // more than the cores keeps both busy.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
