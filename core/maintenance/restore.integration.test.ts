// The whole way back: the running app takes its daily backup, the disk damages the database, the
// app refuses to start and prints the restore command, the command (run exactly as printed) puts the
// backup back, and the app starts with the payments the backup holds.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { damagePages } from '../../testkit/damage';
import { REPO_ROOT } from '../../testkit/repo';
import { Rig } from '../../testkit/rig';
import { localDate, sleep } from '../../testkit/time';
import { listBackups } from './backups';
import { DataFolderInUseError } from '../data-folder/lock';
import { DatabaseDamagedError } from './damaged-database';
import { restoreBackup } from './restore';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function waitForBackup(dataDir: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (listBackups(join(dataDir, 'backups'), 'counter').length === 0) {
    if (Date.now() > deadline) throw new Error('no daily backup was taken');
    await sleep(50);
  }
}

async function paid(r: Rig, amountMinor: number, counter = 0): Promise<string> {
  const attempt = await r.charge(amountMinor, { counter });
  await r.control.pay(r.counters[counter]?.terminalId ?? '', { outcome: 'succeeded' });
  await r.waitFor(attempt.id, (a) => a.state === 'succeeded');
  return attempt.id;
}

describe('a damaged database', () => {
  it('is refused with the restore command, which puts the newest backup back', async () => {
    const r = (rig = await Rig.start({ counters: 2 }));
    for (let i = 0; i < 4; i += 1) await paid(r, 1000 + i, i % 2);
    // The app takes its daily backup soon after this start (at a quiet moment).
    r.retune({ backups: { firstCheckMs: 100, checkEveryMs: 100 } });
    await r.restart();
    await waitForBackup(r.dataDir);
    const later = await paid(r, 9999);
    await r.stopBackend();
    damagePages(join(r.dataDir, 'counter.db'), { fromFraction: 0.3, count: 6 });

    const refused = await r.boot().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseDamagedError);
    const message = (refused as Error).message;
    const [newest] = listBackups(join(r.dataDir, 'backups'), 'counter');
    expect(message).toContain(`The newest good backup is ${newest?.fileName}`);
    const command = /npm run restore -- .*$/m.exec(message)?.[0];
    expect(command).toBe(`npm run restore -- --data-dir "${r.dataDir}" --backup "${newest?.path}"`);

    const printed = execSync(command ?? '', { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(printed).toContain(`Restored ${join(r.dataDir, 'counter.db')}`);
    const kept = readdirSync(join(r.dataDir, 'damaged'));
    expect(kept.some((name) => name.startsWith('counter.db.'))).toBe(true);
    expect(existsSync(join(r.dataDir, 'counter.db-wal'))).toBe(false);

    await r.boot();
    r.managerToken = (await r.call('manager-unlock', { pin: '2468' })).managerToken;
    const day = await r.call('log-day', { date: localDate(Date.now()) });
    expect(day.attempts.filter((a) => a.state === 'succeeded')).toHaveLength(4);
    expect(day.attempts.map((a) => a.id)).not.toContain(later);
    // And it works on: a new sale after the restore (read through the backend: the rig's own
    // reader still has the damaged file open).
    const next = await r.charge(1234);
    await r.control.pay(r.counters[0]?.terminalId ?? '', { outcome: 'succeeded' });
    const deadline = Date.now() + 10_000;
    while ((await r.call('invoice-get', { invoiceId: next.invoiceId })).invoice.status !== 'paid' && Date.now() < deadline) await sleep(50);
    expect((await r.call('invoice-get', { invoiceId: next.invoiceId })).invoice.status).toBe('paid');
  });

  it('is refused while Counter runs on the folder, and nothing is moved', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    r.retune({ backups: { firstCheckMs: 100, checkEveryMs: 100 } });
    await r.restart();
    await waitForBackup(r.dataDir);
    const [newest] = listBackups(join(r.dataDir, 'backups'), 'counter');
    const live = readFileSync(join(r.dataDir, 'counter.db'));

    const refused = (() => {
      try {
        return restoreBackup({ dataDir: r.dataDir, backup: newest?.path ?? '', now: Date.now() });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect(existsSync(join(r.dataDir, 'damaged'))).toBe(false);
    expect(readFileSync(join(r.dataDir, 'counter.db')).equals(live)).toBe(true);
    await paid(r, 500);
  });
});
