import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { startIdleCheckpoints } from './checkpoints';
import type { Db } from './database';
import { tempDatabaseEachTest } from '../../testkit/db';

const temp = tempDatabaseEachTest();
let db: Db;
beforeEach(() => {
  db = temp.db;
  db.exec('CREATE TABLE filler (blob BLOB NOT NULL) STRICT');
});

/** Commits `transactions` transactions of 4 pages each. */
function write(transactions: number): void {
  const insert = db.prepare('INSERT INTO filler (blob) VALUES (randomblob(16000))');
  for (let i = 0; i < transactions; i += 1) insert.run();
}

/** Frames in the WAL, read by a checkpoint that may not copy anything (a reader pins the WAL). */
function walFrames(): number {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
  return row?.log ?? -1;
}

/** The WAL header's salts: SQLite draws new ones each time the WAL starts over. */
function walSalts(): string {
  return readFileSync(`${db.name}-wal`).subarray(16, 24).toString('hex');
}

const fail = (error: unknown) => {
  throw error;
};

describe('idle checkpoints', () => {
  it('no commit checkpoints while they run: the WAL grows past the automatic threshold', () => {
    const checkpoints = startIdleCheckpoints(db, { intervalMs: 60_000, onError: fail });
    write(400);
    expect(walFrames()).toBeGreaterThan(1000);
    checkpoints.stop();
  });

  it('without them SQLite checkpoints inside a commit, so the WAL never grows far past 1000 pages', () => {
    write(400);
    expect(walFrames()).toBeLessThan(1100);
  });

  it('the timer folds the WAL in between writes, so the next writer starts it over', async () => {
    const checkpoints = startIdleCheckpoints(db, { intervalMs: 20, onError: fail });
    write(400);
    await sleep(100);
    write(1);
    expect(walFrames()).toBeLessThan(20);
    checkpoints.stop();
  });

  it('the timer starts the WAL over itself, so a charge after a quiet moment does not pay for the new WAL header', async () => {
    const checkpoints = startIdleCheckpoints(db, { intervalMs: 20, onError: fail });
    write(10);
    await sleep(100); // folded in, and started over by the timer
    const folded = walSalts();
    write(1); // appends to the WAL the timer started: no new header, one fsync
    expect(walSalts()).toBe(folded);
    await sleep(100);
    const again = walSalts();
    expect(again).not.toBe(folded); // folded in and started over once more
    await sleep(100); // nothing written meanwhile: the timer leaves the WAL alone
    expect(walSalts()).toBe(again);
    write(1);
    expect(walSalts()).toBe(again);
    checkpoints.stop();
  });

  it('a checkpoint that fails is reported, not thrown from the timer (which would end the process)', async () => {
    const errors: unknown[] = [];
    const checkpoints = startIdleCheckpoints(db, { intervalMs: 10, onError: (error) => errors.push(error) });
    db.close(); // every checkpoint from now on fails
    await sleep(60);
    expect(errors.length).toBeGreaterThan(0);
    expect(String(errors[0])).toMatch(/not open/);
    checkpoints.stop();
  });

  it('stop restores automatic checkpoints', () => {
    const before = db.pragma('wal_autocheckpoint', { simple: true });
    const checkpoints = startIdleCheckpoints(db, { onError: fail });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    checkpoints.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
  });
});
