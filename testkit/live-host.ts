// The browser host as a person runs it, in live mode: a simulator, a data folder signed in to it,
// the host process on that folder (started again as often as wanted), and Chromium when a screen is
// needed. close() tears down whatever was started. The host security suite and the start-up and
// on-screen benchmarks run on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { startSimulator, type RunningSimulator } from '../simulator/index';
import { launchChromium } from './chromium';
import { HostProcess, prepareLiveDataDir } from './host-process';
import { buildRenderer, rendererBuilt } from './repo';

export class LiveHost {
  host: HostProcess | null = null;
  browser: Browser | null = null;

  private constructor(
    readonly sim: RunningSimulator,
    readonly dataDir: string,
  ) {}

  static async start(): Promise<LiveHost> {
    if (!rendererBuilt()) await buildRenderer();
    const sim = await startSimulator();
    return new LiveHost(sim, mkdtempSync(join(tmpdir(), 'counter-live-host-')));
  }

  /** Signs the data folder in to the simulator and starts the host process on it (stop the one before first). */
  async startHost(): Promise<HostProcess> {
    await prepareLiveDataDir(this.dataDir, this.sim.fixture);
    this.host = await HostProcess.start({ dataDir: this.dataDir, paymentsUrl: this.sim.url, accountsUrl: this.sim.url });
    return this.host;
  }

  async launchBrowser(): Promise<Browser> {
    this.browser = await launchChromium();
    return this.browser;
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.host?.stop();
    await this.sim.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
