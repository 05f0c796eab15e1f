import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, testChromiumExecutable } from './testkit/chromium';

const executablePath = testChromiumExecutable();

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/fixtures/global-setup.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test has its own browser host and simulator, and most of a test's time is spent waiting on
  // them (polls, countdowns), so three run at once on two cores; specs that share state say serial.
  fullyParallel: true,
  workers: 3,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 768 },
    // A trace (DOM snapshots and a screencast of every action) cost a third of the suite's CPU for
    // traces nobody opens: 94 against 65 CPU-s on two specs. A failure still leaves its error, the
    // page's accessibility snapshot (error-context.md) and a screenshot; `npx playwright test
    // --trace on` records the whole trace when one is needed.
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
    },
  },
});
