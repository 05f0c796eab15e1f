import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDataFolder } from './permissions';

const posixOnly = process.platform === 'win32' ? it.skip : it;
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the data folder is its owner’s alone', () => {
  let parent: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'counter-modes-'));
  });

  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  posixOnly('a new folder is created 0700', () => {
    const folder = join(parent, 'a', 'data');
    prepareDataFolder(folder);
    expect(modeOf(folder)).toBe(0o700);
  });

  posixOnly('an existing install is tightened: the folder 0700, every file 0600, subfolders too', () => {
    const folder = join(parent, 'data');
    mkdirSync(join(folder, 'logs'), { recursive: true });
    for (const name of ['counter.db', 'counter.db-wal', 'counter.db-shm', 'manager-pin.json', 'zoho-connection.json', join('logs', 'counter.log')]) {
      writeFileSync(join(folder, name), 'x');
      chmodSync(join(folder, name), 0o644);
    }
    chmodSync(join(folder, 'logs'), 0o755);
    chmodSync(folder, 0o755);
    const outside = join(parent, 'outside.txt');
    writeFileSync(outside, 'x');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(folder, 'link'));

    prepareDataFolder(folder);

    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(join(folder, 'logs'))).toBe(0o700);
    for (const name of ['counter.db', 'counter.db-wal', 'counter.db-shm', 'manager-pin.json', 'zoho-connection.json', join('logs', 'counter.log')]) {
      expect(modeOf(join(folder, name)), name).toBe(0o600);
    }
    // A link is not followed: what it points to outside the folder is not Counter's to change.
    expect(modeOf(outside)).toBe(0o644);
  });
});
