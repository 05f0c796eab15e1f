// The desktop updater against a real feed on 127.0.0.1: electron-updater's own check, download and
// sha512 verification (DebUpdater, as on a Linux .deb install), with Node's HTTP in place of
// Electron's net module. Only the last step, the operating system's package install, is recorded
// instead of run.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DebUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdaterState } from '../core/maintenance/update-policy';
import { silentLogger } from '../core/logger';
import { REPO_ROOT } from '../testkit/repo';
import { Rig } from '../testkit/rig';
import { sleep } from '../testkit/time';
import { NodeNetExecutor, packagedApp, startUpdateFeed, type FeedRelease, type UpdateFeed } from '../testkit/update-feed';
import { desktopUpdater } from './updater';

/** A .deb updater whose final step (dpkg through pkexec) is counted, not run. */
class RecordingDebUpdater extends DebUpdater {
  installs = 0;
  protected override doInstall(): boolean {
    this.installs += 1;
    return false;
  }
}

let dir: string;
let feed: UpdateFeed | null;
let rig: Rig | null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'counter-updater-'));
  feed = null;
  rig = null;
});

afterEach(async () => {
  await rig?.close();
  await feed?.close();
  rmSync(dir, { recursive: true, force: true });
});

const PACKAGE = randomBytes(256 * 1024);
const RELEASE: FeedRelease = { version: '0.2.0', fileName: 'Counter-0.2.0.deb', file: PACKAGE };

async function updaterOn(release: FeedRelease, runningVersion = '0.1.0') {
  feed = await startUpdateFeed(release);
  const deb = new RecordingDebUpdater(null, packagedApp(dir, feed.url, runningVersion));
  // Given an app adapter, electron-updater leaves the HTTP executor to the caller (as its own tests do).
  Object.assign(deb, { httpExecutor: new NodeNetExecutor() });
  return { deb, updater: desktopUpdater(deb, silentLogger) };
}

async function settled(updater: { state(): UpdaterState }): Promise<UpdaterState> {
  const deadline = Date.now() + 15_000;
  while (['idle', 'checking', 'downloading'].includes(updater.state().kind) && Date.now() < deadline) await sleep(20);
  return updater.state();
}

describe('the desktop updater on a generic feed', () => {
  it('is configured in electron-builder.yml: a generic provider on HTTPS', () => {
    expect(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')).toMatch(/^publish:\n {2}provider: generic\n {2}url: https:\/\/[^\s]+\/\n/m);
  });

  it('downloads a newer version in the background and keeps it once its sha512 matches', async () => {
    const { updater } = await updaterOn(RELEASE);
    await updater.check();
    expect(await settled(updater)).toEqual({ kind: 'ready', version: '0.2.0' });
    expect(feed?.requests).toEqual(['/counter/latest-linux.yml', '/counter/Counter-0.2.0.deb']);
    const downloaded = readFileSync(join(dir, 'cache', 'counter-updater', 'pending', 'Counter-0.2.0.deb'));
    expect(downloaded.equals(PACKAGE)).toBe(true);
  });

  it('throws away a download whose sha512 does not match the feed', async () => {
    const tampered = Buffer.from(PACKAGE);
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
    const { updater, deb } = await updaterOn({ ...RELEASE, served: tampered });
    await updater.check();
    expect(await settled(updater)).toMatchObject({ kind: 'failed', message: 'The downloaded update did not match its published checksum, so it was thrown away.' });
    // Nothing to install, and asking anyway installs nothing.
    updater.install();
    expect(deb.installs).toBe(0);
  });

  it('says Counter is up to date when the feed has the running version', async () => {
    const { updater } = await updaterOn(RELEASE, '0.2.0');
    await updater.check();
    expect(await settled(updater)).toMatchObject({ kind: 'current' });
    expect(feed?.requests).toEqual(['/counter/latest-linux.yml']);
  });

  it('never installs while a payment is live; installs once none is', async () => {
    const { updater, deb } = await updaterOn(RELEASE);
    await updater.check();
    expect(await settled(updater)).toMatchObject({ kind: 'ready' });
    const r = (rig = await Rig.start({ counters: 1, updater }));

    const attempt = await r.charge(4500);
    const refused = await r.raw('update-install', { managerToken: r.managerToken });
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: 'A payment is in progress. Install the update once no payment is waiting on a terminal.' } });
    expect((await r.call('support-info', { managerToken: r.managerToken })).updates).toMatchObject({ state: 'ready', version: '0.2.0', canInstall: false });
    expect(deb.installs).toBe(0);

    await r.control.pay(r.counters[0]?.terminalId ?? '', { outcome: 'succeeded' });
    await r.waitFor(attempt.id, (a) => a.state === 'succeeded');
    expect((await r.call('support-info', { managerToken: r.managerToken })).updates).toMatchObject({ canInstall: true });
    expect(await r.call('update-install', { managerToken: r.managerToken })).toEqual({ installing: true });
    expect(deb.installs).toBe(1);
  });
});
