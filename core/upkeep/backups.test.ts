import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/database';
import { damagePages, orphanPage } from '../../testkit/damage';
import { makeCounter, makeInvoice, makePaidSales, markInProgress, startAttempt, succeedAttempt } from '../../testkit/db';
import { BackupFailedError, listBackups, parseBackupName, pruneBackups, takeBackup } from './backups';
import { checkIntegrityNow } from './integrity';

let dir: string;
let dbFile: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'counter-backups-'));
  dbFile = join(dir, 'counter.db');
  db = openDatabase(dbFile);
});

afterEach(() => {
  if (db.open) closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const backups = () => join(dir, 'backups');
const AT = new Date(2026, 10, 29, 14, 30, 5).getTime();


const count = (file: string, table: string) => {
  const copy = new Database(file, { readonly: true });
  try {
    return (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    copy.close();
  }
};

describe('takeBackup', () => {
  it('copies the live database into backups/ under a dated name, checked, 0600 in a 0700 folder', async () => {
    makePaidSales(db, 50);
    const backup = await takeBackup(db, { dir: backups(), database: 'counter', at: AT });

    expect(backup).toMatchObject({ fileName: 'counter-20261129-143005.db', database: 'counter', takenAt: AT, beforeVersion: null });
    expect(readdirSync(backups())).toEqual(['counter-20261129-143005.db']);
    expect(statSync(backups()).mode & 0o777).toBe(0o700);
    expect(statSync(backup.path).mode & 0o777).toBe(0o600);
    expect(count(backup.path, 'charge_attempts')).toBe(50);
    expect(checkIntegrityNow(backup.path, 'full')).toEqual({ ok: true, findings: ['ok'] });
    // A plain file: it opens read-only without WAL side files.
    const copy = new Database(backup.path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
  });

  it('carries writes the app makes while the copy runs into the copy', async () => {
    makePaidSales(db, 200);
    const counter = makeCounter(db);
    let steps = 0;
    const backup = await takeBackup(db, {
      dir: backups(),
      database: 'counter',
      at: AT,
      pagesPerStep: () => {
        // A sale between two steps of the copy, on the same connection, as the app makes it.
        steps += 1;
        if (steps <= 5) succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, counter))));
        return 2;
      },
    });
    expect(steps).toBeGreaterThan(5);
    expect(count(backup.path, 'charge_attempts')).toBe(205);
    expect(count(backup.path, 'charge_attempts')).toBe(count(dbFile, 'charge_attempts'));
  });

  it('deletes a copy that fails its integrity check', async () => {
    makePaidSales(db, 50);
    closeDatabase(db);
    orphanPage(dbFile);
    db = new Database(dbFile);
    const failed = await takeBackup(db, { dir: backups(), database: 'counter', at: AT }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(BackupFailedError);
    expect((failed as BackupFailedError).findings.join('\n')).toMatch(/Page \d+: never used/);
    expect(readdirSync(backups())).toEqual([]);
  });

  it('leaves nothing named like a backup when SQLite cannot read the database', async () => {
    makePaidSales(db, 1500);
    closeDatabase(db);
    damagePages(dbFile, { fromFraction: 0.6, count: 3 });
    // A connection that does not read the damaged pages before the copy does.
    db = new Database(dbFile);
    const failed = await takeBackup(db, { dir: backups(), database: 'counter', at: AT }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(BackupFailedError);
    expect((failed as BackupFailedError).findings.join('\n')).toMatch(/page|btree|tree|malformed|index|row/i);
    expect(readdirSync(backups())).toEqual([]);
    expect(listBackups(backups(), 'counter')).toEqual([]);
  });

  it('names a backup taken before a migration after the version it precedes', async () => {
    const backup = await takeBackup(db, { dir: backups(), database: 'demo', at: AT, beforeVersion: 5 });
    expect(backup).toMatchObject({ fileName: 'demo-20261129-143005-before-v5.db', database: 'demo', beforeVersion: 5 });
  });
});

describe('listing and pruning', () => {
  /** Empty files under backup names: listing and pruning go by the names. */
  const plant = (...names: string[]) => {
    mkdirSync(backups(), { recursive: true, mode: 0o700 });
    for (const name of names) writeFileSync(join(backups(), name), '');
  };

  it('lists one database\'s backups newest first, ignoring half-made copies and other files', () => {
    expect(listBackups(backups(), 'counter')).toEqual([]);
    plant(
      'counter-20261127-090000.db',
      'counter-20261129-080000-before-v5.db',
      'counter-20261129-210000.db',
      'counter-20261130-010000.db.partial',
      'demo-20261130-010000.db',
      'notes.txt',
    );
    expect(listBackups(backups(), 'counter').map((b) => b.fileName)).toEqual([
      'counter-20261129-210000.db',
      'counter-20261129-080000-before-v5.db',
      'counter-20261127-090000.db',
    ]);
    expect(parseBackupName('/x/counter-20261129-210000.db', 'counter-20261129-210000.db')?.takenAt).toBe(new Date(2026, 10, 29, 21, 0, 0).getTime());
    expect(parseBackupName('/x/counter.db', 'counter.db')).toBeNull();
  });

  it('keeps the backups of the N most recent days that have any, however long ago, and deletes the rest', () => {
    plant(
      'counter-20261001-120000.db',
      'counter-20261020-120000.db',
      'counter-20261021-080000-before-v5.db',
      'counter-20261021-120000.db',
      'counter-20261101-120000.db',
      'demo-20261001-120000.db',
    );
    expect(pruneBackups(backups(), 'counter', 3).sort()).toEqual(['counter-20261001-120000.db']);
    expect(pruneBackups(backups(), 'counter', 1).sort()).toEqual([
      'counter-20261020-120000.db',
      'counter-20261021-080000-before-v5.db',
      'counter-20261021-120000.db',
    ]);
    expect(readdirSync(backups()).sort()).toEqual(['counter-20261101-120000.db', 'demo-20261001-120000.db']);
  });
});
