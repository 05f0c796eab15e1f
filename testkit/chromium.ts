// Chromium for the e2e suite (playwright.config.ts), the test rigs and the benchmarks: CHROMIUM_PATH,
// else Debian's build (the headless shell for tests, the full browser for benchmarks that time what a
// screen draws), else Playwright's own browser; and the flags every run uses.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

/**
 * Tests: Debian's `chromium-headless-shell` when installed. It is the same Chromium without the
 * browser around the page, as Playwright itself runs headless tests, and it opens a page for about
 * half the CPU of the full browser (docs/BENCHMARKS.md, "The test loop"); else the full browser.
 */
export function testChromiumExecutable(): string | undefined {
  return process.env.CHROMIUM_PATH || firstInstalled(['/usr/bin/chromium-headless-shell', '/usr/bin/chromium']);
}

/** Benchmarks of what a counter's screen draws: the full browser, as the desktop app's window is. */
export function chromiumExecutable(): string | undefined {
  return process.env.CHROMIUM_PATH || firstInstalled(['/usr/bin/chromium']);
}

function firstInstalled(paths: string[]): string | undefined {
  return paths.find((path) => existsSync(path));
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
}
