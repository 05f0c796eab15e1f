// The data folder of a running backend, read from the disk: after a live charge, every file Counter
// wrote there (the database with its WAL and SHM, the PIN, the token request log, the folder lock)
// is its owner's alone, and a folder an older version left readable is tightened on start.
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Rig } from '../../testkit/rig';

const posixOnly = process.platform === 'win32' ? it.skip : it;
const modeOf = (path: string) => statSync(path).mode & 0o777;

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

function modes(folder: string): Record<string, number> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, modeOf(join(folder, name))]));
}

describe('the data folder on disk', () => {
  posixOnly('after a live charge: the folder is 0700 and every file in it 0600', async () => {
    rig = await Rig.start({ counters: 1 });
    const attempt = await rig.charge(12_345);
    expect(attempt.state).toBe('in_progress');

    const files = modes(rig.dataDir);
    for (const name of ['counter.db', 'counter.db-wal', 'counter.db-shm', 'manager-pin.json', 'zoho-token-requests.json', 'data-folder.lock', 'data-folder-owner.json']) {
      expect(files[name], name).toBe(0o600);
    }
    expect(Object.entries(files).filter(([, mode]) => mode !== 0o600)).toEqual([]);
    expect(modeOf(rig.dataDir)).toBe(0o700);
  });

  posixOnly('an install left readable by others is tightened when Counter starts', async () => {
    rig = await Rig.start({ counters: 1 });
    await rig.stopBackend();
    writeFileSync(join(rig.dataDir, 'old.log'), 'x');
    for (const name of readdirSync(rig.dataDir)) chmodSync(join(rig.dataDir, name), 0o644);
    chmodSync(rig.dataDir, 0o755);

    await rig.boot();

    expect(Object.entries(modes(rig.dataDir)).filter(([, mode]) => mode !== 0o600)).toEqual([]);
    expect(modeOf(rig.dataDir)).toBe(0o700);
  });
});
