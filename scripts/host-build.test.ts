// The browser host's bundle (out/host/cli.mjs): rebuilt when it is older than a file it was made
// from, and then current; and it runs with plain node, without tsx.
import { statSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOST_BUNDLE, hostBundle, hostBundleStale } from '../testkit/repo';
import { runHost } from '../testkit/script-run';

describe('the host bundle', () => {
  it('is rebuilt when older than its sources, and is then current', async () => {
    await hostBundle();
    expect(hostBundleStale()).toBe(false);
    // As if host/cli.ts had been saved after the build.
    utimesSync(HOST_BUNDLE, new Date(0), new Date(0));
    expect(hostBundleStale()).toBe(true);
    await hostBundle();
    expect(statSync(HOST_BUNDLE).mtimeMs).toBeGreaterThan(0);
    expect(hostBundleStale()).toBe(false);
  }, 60_000);

  it('runs with node alone: a bad --port is refused with the rule and the usage', async () => {
    const run = await runHost(['--port', 'eighty']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--port must be a whole number from 0 to 65535. Usage: npm run start:browser');
  }, 60_000);
});
