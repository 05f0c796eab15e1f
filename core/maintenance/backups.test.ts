import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/local/database';
import { padDatabase } from '../../testkit/charges-during-backup';
import { damagePages, orphanPage } from '../../testkit/damage';
import { makeCounter, makeInvoice, makePaidSales, markInProgress, startAttempt, succeedAttempt } from '../../testkit/db';
import { sleep } from '../../testkit/time';
import { BackupFailedError, listBackups, parseBackupName, pruneBackups, takeBackup } from './backups';
import { checkIntegrityNow } from '../../db/local/integrity';

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
/** Long enough for this machine under load to copy 32 MB many times over. */
const WRITING_FOR_AT_MOST_MS = 15_000;


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
    const backup = await takeBackup(dbFile, { dir: backups(), database: 'counter', at: AT });

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

  it('copies the database as of one moment while the app goes on writing', async () => {
    makePaidSales(db, 2000);
    const counter = makeCounter(db);
    let copying = true;
    const taking = takeBackup(dbFile, { dir: backups(), database: 'counter', at: AT }).finally(() => (copying = false));
    let written = 0;
    while (copying) {
      // Sales on the app's connection while the worker copies: none waits for the copy.
      succeedAttempt(db, markInProgress(db, startAttempt(db, makeInvoice(db, counter))));
      written += 1;
      await sleep(5);
    }
    const backup = await taking;
    expect(written).toBeGreaterThan(0);
    expect(count(dbFile, 'charge_attempts')).toBe(2000 + written);
    const copied = count(backup.path, 'charge_attempts');
    expect(copied).toBeGreaterThanOrEqual(2000);
    expect(copied).toBeLessThanOrEqual(2000 + written);
    expect(checkIntegrityNow(backup.path, 'full').ok).toBe(true);
  });

  it('finishes while the app never stops writing between its steps, with the database as of one moment', async () => {
    // 32 MB: 137 steps of 64 pages. SQLite's online backup restarts when another connection commits
    // between two of its steps, unless it reads from one held snapshot: with a commit every moment
    // (a busy counter, the store lease) it used to start over for ever.
    closeDatabase(db);
    padDatabase(dbFile, 32);
    db = openDatabase(dbFile);
    // Commits without waiting for the disk, so that one lands between almost every two steps.
    db.pragma('synchronous = NORMAL');
    const counter = makeCounter(db);
    const before = count(dbFile, 'invoices');
    let copying = true;
    const taking = takeBackup(dbFile, { dir: backups(), database: 'counter', at: AT, waitForQuiet: true }).finally(() => (copying = false));
    const giveUpAt = Date.now() + WRITING_FOR_AT_MOST_MS;
    let written = 0;
    while (copying && Date.now() < giveUpAt) {
      makeInvoice(db, counter);
      written += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const finishedWhileWriting = !copying;
    const backup = await taking;
    expect(finishedWhileWriting, `the copy had not finished after ${written} writes in ${WRITING_FOR_AT_MOST_MS} ms`).toBe(true);
    expect(written).toBeGreaterThan(0);
    const copied = count(backup.path, 'invoices');
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(before + written);
    expect(count(backup.path, 'padding')).toBe(count(dbFile, 'padding'));
    expect(checkIntegrityNow(backup.path, 'full').ok).toBe(true);
  }, 30_000);

  it('sleeps while a payment is live, when asked to wait for a quiet moment', async () => {
    makePaidSales(db, 200);
    const live = markInProgress(db, startAttempt(db, makeInvoice(db, makeCounter(db))));
    let done = false;
    const taking = takeBackup(dbFile, { dir: backups(), database: 'counter', at: AT, waitForQuiet: true }).finally(() => (done = true));
    await sleep(1500);
    expect(done).toBe(false);
    succeedAttempt(db, live);
    const backup = await taking;
    expect(count(backup.path, 'charge_attempts')).toBe(201);
  });

  it('deletes a copy that fails its integrity check', async () => {
    makePaidSales(db, 50);
    closeDatabase(db);
    orphanPage(dbFile);
    const failed = await takeBackup(dbFile, { dir: backups(), database: 'counter', at: AT }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(BackupFailedError);
    expect((failed as BackupFailedError).findings.join('\n')).toMatch(/Page \d+: never used/);
    expect(readdirSync(backups())).toEqual([]);
  });

  it('leaves nothing named like a backup when SQLite cannot read the database', async () => {
    makePaidSales(db, 1500);
    closeDatabase(db);
    damagePages(dbFile, { fromFraction: 0.6, count: 3 });
    const failed = await takeBackup(dbFile, { dir: backups(), database: 'counter', at: AT }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(BackupFailedError);
    expect((failed as BackupFailedError).findings.join('\n')).toMatch(/page|btree|tree|malformed|index|row/i);
    expect(readdirSync(backups())).toEqual([]);
    expect(listBackups(backups(), 'counter')).toEqual([]);
  });

  it('names a backup taken before a migration after the version it precedes', async () => {
    const backup = await takeBackup(dbFile, { dir: backups(), database: 'demo', at: AT, beforeVersion: 5 });
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
