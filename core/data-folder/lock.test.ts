import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, lockDataFolder, OWNER_FILE, type DataFolderLock } from './lock';

// Two processes on one folder are tested with real browser hosts and kill -9 in
// reliability/one-app-per-folder.test.ts; here, the lock's own rules within one process.
describe('lockDataFolder', () => {
  let folder: string;
  const held: DataFolderLock[] = [];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'counter-lock-'));
  });

  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses a second holder, naming the folder and the app and process that hold it', () => {
    held.push(lockDataFolder(folder, 'the browser host', () => Date.UTC(2026, 10, 30, 9, 15)));
    expect(JSON.parse(readFileSync(join(folder, OWNER_FILE), 'utf8'))).toEqual({ pid: process.pid, app: 'the browser host', since: Date.UTC(2026, 10, 30, 9, 15) });

    let refusal: unknown;
    try {
      held.push(lockDataFolder(folder, 'the desktop app'));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderInUseError);
    const message = (refusal as Error).message;
    expect(message).toContain(folder);
    expect(message).toContain(`the browser host (process ${process.pid}`);
    expect(message).toMatch(/stop it before starting Counter again/);
  });

  it('is free again once released, and the note of its holder is gone', () => {
    const first = lockDataFolder(folder, 'the browser host');
    first.release();
    first.release();
    expect(existsSync(join(folder, OWNER_FILE))).toBe(false);
    held.push(lockDataFolder(folder, 'the desktop app'));
    expect(JSON.parse(readFileSync(join(folder, OWNER_FILE), 'utf8'))).toMatchObject({ app: 'the desktop app' });
  });

  it('still refuses when the note of its holder is missing or damaged', () => {
    held.push(lockDataFolder(folder, 'the browser host'));
    rmSync(join(folder, OWNER_FILE));
    expect(() => lockDataFolder(folder, 'the desktop app')).toThrow(/already running on the data folder .*: another Counter process/);
  });
});
