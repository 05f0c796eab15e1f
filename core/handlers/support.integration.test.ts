import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/local/migrations';
import { Rig } from '../../testkit/rig';
import { sleep } from '../../testkit/time';
import { NO_UPDATER_MESSAGE } from '../maintenance/update-policy';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('the Help tab\'s calls', () => {
  it('say where the logs and backups are, the versions, and the newest backup', async () => {
    const r = (rig = await Rig.start({ counters: 1, tuning: { backups: { firstCheckMs: 50, checkEveryMs: 50 } } }));
    const deadline = Date.now() + 15_000;
    while ((await r.call('support-info', { managerToken: r.managerToken })).newestBackup === null && Date.now() < deadline) await sleep(50);
    const info = await r.call('support-info', { managerToken: r.managerToken });
    expect(info).toMatchObject({
      version: '0.1.0',
      schemaVersion: MIGRATIONS.length,
      dataDir: r.dataDir,
      logsDir: join(r.dataDir, 'logs'),
      backupsDir: join(r.dataDir, 'backups'),
      newestBackup: { fileName: expect.stringMatching(/^counter-\d{8}-\d{6}\.db$/) as unknown },
    });
    expect(Math.abs((info.newestBackup?.takenAt ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('never update where there is no desktop updater (the browser host, the tests)', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    expect((await r.call('support-info', { managerToken: r.managerToken })).updates).toEqual({
      state: 'unavailable',
      message: NO_UPDATER_MESSAGE,
      version: null,
      checkedAt: null,
      canInstall: false,
    });
    expect(await r.raw('update-install', { managerToken: r.managerToken })).toEqual({ ok: false, error: { code: 'conflict', message: NO_UPDATER_MESSAGE } });
  });

  it('are for a manager only', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    for (const name of ['support-info', 'update-install'] as const) {
      expect(await r.raw(name, { managerToken: 'x'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
  });
});
