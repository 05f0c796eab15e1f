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
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
    },
  },
});
