import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const NOT_TESTS = ['node_modules/**', 'out/**', 'dist/**', 'e2e/**', '**/*.soak.test.ts'];
const SCREENS = 'renderer/**';

export default defineConfig({
  test: {
    pool: 'forks',
    // vitest's default is a worker fewer than the cores: one on a 2-core machine, every file in
    // turn. Most files spend their time waiting (simulator sessions, host processes, timers), so one
    // more than the cores keeps both busy.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['**/*.test.ts'],
          exclude: [...NOT_TESTS, SCREENS],
          // One PostgreSQL cluster for the run; each store suite makes its databases in it.
          globalSetup: ['testkit/vitest-setup.ts'],
          // A worker keeps its imported modules from one file to the next: importing the backend
          // anew for each of 190 files was half the run's CPU. These files keep no state in shared
          // modules (each starts its own backend, database and simulator).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'screens',
          include: [`${SCREENS}/*.test.ts`, `${SCREENS}/*.test.tsx`],
          exclude: NOT_TESTS,
          // The renderer's stores and timers are module state: each file gets its own.
          isolate: true,
        },
      },
    ],
  },
});
